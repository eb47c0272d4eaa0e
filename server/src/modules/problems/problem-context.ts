import type { Kysely } from 'kysely';

import type { DB, Problem, ProblemUpdate } from '../../db/schema';
import type { Deps } from '../../deps';
import type { Actor } from '../../shared/actor';
import { invalidTransition, ruleViolation } from '../../shared/errors';
import { appendEvent } from '../../shared/timeline';
import { getCommunitySettings, type SlaSettings } from '../promise';
import { createProblemRepository, type ProblemRepository } from './problem-repository';
import { type ProblemAction, transition } from './problem-status';

export type ProblemDeps = Pick<Deps, 'db' | 'dialect' | 'clock'> & {
  /** Told after commit which problems a write changed (e.g. the similar-problems index). */
  onProblemsChanged?: (problemIds: string[]) => unknown;
};

export interface ProblemChange {
  trx: Kysely<DB>;
  repo: ProblemRepository;
  problem: Problem;
  settings: SlaSettings;
  actor: Actor;
  now: number;
  hasLead: boolean;
  /** Marks another problem changed by this write (merge target, split-off problem). */
  touch(problemId: string): void;
  /** Checks the state machine for `action`; throws 409/422 when it is not allowed. */
  next(action: ProblemAction): Problem['status'];
  /** Updates the problem and appends the timeline event in the same transaction. */
  record(input: {
    action: string;
    patch?: ProblemUpdate;
    before?: unknown;
    after?: unknown;
    note?: string | null;
  }): Promise<void>;
}

/**
 * Runs one change to a problem inside a transaction: the problem is loaded within the actor's
 * scope (404 otherwise) and locked, the state machine is consulted, and every change appends
 * an event to the timeline.
 */
export async function changeProblem<T>(
  deps: ProblemDeps,
  actor: Actor,
  problemId: string,
  fn: (change: ProblemChange) => Promise<T>,
): Promise<T> {
  const touched = new Set([problemId]);
  const result = await deps.db.transaction().execute(async (trx) => {
    const repo = createProblemRepository(trx, deps.dialect);
    const problem = await repo.lockInScope(actor, problemId);
    const settings = await getCommunitySettings(trx, problem.community_id);
    const assignments = await repo.assignments(problem.id);
    const hasLead = assignments.some((a) => a.role === 'lead' && a.status !== 'handed_back');
    const now = deps.clock.now();
    const change: ProblemChange = {
      trx,
      repo,
      problem,
      settings,
      actor,
      now,
      hasLead,
      touch(id) {
        touched.add(id);
      },
      next(action) {
        const result = transition(problem.status, action, {
          reopenCount: problem.reopen_count,
          maxReopens: settings.maxReopens,
          hasLeadDepartment: hasLead,
        });
        if (!result.ok) {
          if (result.reason === 'reopenLimit') {
            throw ruleViolation('reopenLimit', { count: problem.reopen_count });
          }
          throw invalidTransition('problem', problem.status, action);
        }
        return result.to;
      },
      async record(input) {
        if (input.patch) {
          await repo.update(problem.id, { ...input.patch, updated_at: now });
        } else {
          await repo.update(problem.id, { updated_at: now });
        }
        await appendEvent(trx, {
          entityType: 'problem',
          entityId: problem.id,
          communityId: problem.community_id,
          actor,
          action: input.action,
          before: input.before,
          after: input.after,
          note: input.note ?? null,
          at: now,
        });
      },
    };
    return fn(change);
  });
  deps.onProblemsChanged?.([...touched]);
  return result;
}
