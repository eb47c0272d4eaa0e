import type { ProblemStatus } from '../../../../common/enums';
import { addEvent, type DraftTrouble, type PlanActor, type PlanContext } from './demo-context';
import type { Rng } from './demo-random';
import type { ProblemSpec } from './demo-types';

/** One problem while its history is written. */
export interface ProblemRun {
  spec: ProblemSpec;
  id: string;
  code: string;
  communityId: string;
  owner: PlanActor;
  troubles: DraftTrouble[];
  linkAt: Map<DraftTrouble, number>;
  createdAt: number;
  rng: Rng;
  history: [number, ProblemStatus][];
  lastAt: number;
}

/** The status a problem had at an instant, from its recorded history. */
export function statusAt(run: ProblemRun, t: number): ProblemStatus {
  let status: ProblemStatus = 'open';
  for (const [at, s] of [...run.history].sort((a, b) => a[0] - b[0])) {
    if (at <= t) {
      status = s;
    }
  }
  return status;
}

/** Appends a problem event and keeps the problem's updated_at. */
export function problemEvent(
  ctx: PlanContext,
  run: ProblemRun,
  e: {
    action: string;
    actor: PlanActor;
    at: number;
    before?: unknown;
    after?: unknown;
    note?: string | null;
  },
): void {
  addEvent(ctx, { entityType: 'problem', entityId: run.id, communityId: run.communityId, ...e });
  if (e.action !== 'escalate') {
    run.lastAt = Math.max(run.lastAt, e.at);
  }
}
