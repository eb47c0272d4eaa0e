import type { ProblemDeps } from './problem-context';
import { createProblemExtensions } from './problem-extensions';
import { createProblemLifecycle } from './problem-lifecycle';
import { createProblemLinking } from './problem-linking';
import { createProblemReadModel } from './problem-read-model';
import { createSupervisionOrders } from './supervision-orders';

/** Binds the problem use cases (STYLE §7.2: use-case files, one factory). */
export function createProblemService(deps: ProblemDeps) {
  return {
    ...createProblemLifecycle(deps),
    ...createProblemLinking(deps),
    extensions: createProblemExtensions(deps),
    supervision: createSupervisionOrders(deps),
    read: createProblemReadModel(deps.db),
  };
}

export type ProblemService = ReturnType<typeof createProblemService>;
