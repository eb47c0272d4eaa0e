import type { Kysely } from 'kysely';

import type { Severity, Urgency } from '../../../../common/enums';
import type { DB, Problem, Trouble } from '../../db/schema';
import type { Actor } from '../../shared/actor';
import { localDay } from '../../shared/business-time';
import { nextCounter } from '../../shared/counters';
import { notFound, ruleViolation } from '../../shared/errors';
import { newId } from '../../shared/ids';
import { appendEvent } from '../../shared/timeline';
import { computeDeadlines, computePriority, getCommunitySettings } from '../promise';
import { changeProblem, type ProblemDeps } from './problem-context';
import { createProblemRepository } from './problem-repository';
import { isAnswered } from './problem-status';

/** Human-readable problem number per community and year, e.g. BH-P23-0042. */
export async function nextProblemCode(
  trx: Kysely<DB>,
  communityId: string,
  now: number,
): Promise<string> {
  const c = await trx
    .selectFrom('communities')
    .select('code_prefix')
    .where('id', '=', communityId)
    .executeTakeFirstOrThrow();
  const year = localDay(now).slice(2, 4);
  const n = await nextCounter(trx, `problem:${communityId}:${year}`);
  return `${c.code_prefix}-P${year}-${String(n).padStart(4, '0')}`;
}

/** The combined weight of troubles: the gravest severity and urgency, all affected workers. */
export function combine(
  troubles: Pick<Trouble, 'severity' | 'urgency' | 'workers_affected' | 'received_at'>[],
) {
  const severity: Severity = troubles.some((t) => t.severity === 'major') ? 'major' : 'minor';
  const urgency: Urgency = troubles.some((t) => t.urgency === 'urgent') ? 'urgent' : 'normal';
  const workersAffected = troubles.reduce((s, t) => s + t.workers_affected, 0);
  const receivedAt = Math.min(...troubles.map((t) => t.received_at));
  return { severity, urgency, workersAffected, receivedAt };
}

/** The row of a new, open problem made of `troubles`: weight, priority, deadlines and number. */
async function newOpenProblem(
  trx: Kysely<DB>,
  input: {
    communityId: string;
    troubles: Trouble[];
    title: string;
    summary: string;
    categoryId: string | null;
    actor: Actor;
    ownerUserId: string | null;
    threshold: number;
    now: number;
  },
): Promise<Problem> {
  const weight = combine(input.troubles);
  const { severity, priority } = computePriority({ ...weight, threshold: input.threshold });
  const deadlines = await computeDeadlines(trx, input.communityId, weight.receivedAt, input.now);
  return {
    id: newId(),
    code: await nextProblemCode(trx, input.communityId, input.now),
    community_id: input.communityId,
    title: input.title,
    summary: input.summary,
    public_summary: null,
    category_id: input.categoryId,
    owner_user_id: input.ownerUserId,
    severity,
    urgency: weight.urgency,
    workers_affected: weight.workersAffected,
    priority,
    status: 'open',
    received_at: weight.receivedAt,
    coordination_due_at: deadlines.coordinationDueAt,
    resolution_due_at: deadlines.resolutionDueAt,
    deadline_estimated: deadlines.estimated ? 1 : 0,
    coordinated_at: null,
    answered_at: null,
    closed_at: null,
    resolution_text: null,
    reopen_count: 0,
    overdue_kind: null,
    overdue_since: null,
    escalation_level: 0,
    merged_into_id: null,
    created_by: input.actor.userId,
    created_at: input.now,
    updated_at: input.now,
  };
}

/**
 * Linking troubles to problems (SPEC §3: every trouble not solved on the spot belongs to a
 * problem), merging and splitting problems. Each step is recorded on both timelines.
 */
export function createProblemLinking(deps: ProblemDeps) {
  const { db, dialect, clock } = deps;

  async function linkEvent(
    trx: Kysely<DB>,
    actor: Actor,
    t: Trouble,
    problemId: string,
    problemCode: string,
    now: number,
    action = 'link',
  ) {
    await appendEvent(trx, {
      entityType: 'trouble',
      entityId: t.id,
      communityId: t.community_id,
      actor,
      action,
      before: { status: t.status, problemId: t.problem_id },
      after: { status: 'linked', problemId, problemCode },
      at: now,
    });
  }

  return {
    /** Creates a problem from one or more received troubles of one community. */
    async createFromTroubles(input: {
      actor: Actor;
      troubleIds: string[];
      title: string;
      summary?: string;
      categoryId?: string | null;
    }) {
      const created = await db.transaction().execute(async (trx) => {
        const repo = createProblemRepository(trx, dialect);
        const troubles = await repo.lockTroubles(input.actor, input.troubleIds);
        const communityId = troubles[0]!.community_id;
        if (troubles.some((t) => t.community_id !== communityId)) {
          throw ruleViolation('communityMismatch');
        }
        if (troubles.some((t) => t.status !== 'received')) {
          throw ruleViolation('troubleHandled');
        }
        const now = clock.now();
        const settings = await getCommunitySettings(trx, communityId);
        const row = await newOpenProblem(trx, {
          communityId,
          troubles,
          title: input.title,
          summary: input.summary ?? '',
          categoryId: input.categoryId ?? troubles.find((t) => t.category_id)?.category_id ?? null,
          actor: input.actor,
          ownerUserId: input.actor.userId,
          threshold: settings.severityWorkersThreshold,
          now,
        });
        const { id, code, priority } = row;
        await repo.insert(row);
        await repo.linkTroubles(
          troubles.map((t) => t.id),
          id,
          'linked',
          now,
        );
        await appendEvent(trx, {
          entityType: 'problem',
          entityId: id,
          communityId,
          actor: input.actor,
          action: 'create',
          after: { status: 'open', code, troubleIds: input.troubleIds, priority },
          at: now,
        });
        for (const t of troubles) {
          await linkEvent(trx, input.actor, t, id, code, now);
        }
        return id;
      });
      deps.onProblemsChanged?.([created]);
      return created;
    },

    /** Links a received trouble to an existing problem of the same community. */
    async linkTrouble(input: { actor: Actor; troubleId: string; problemId: string }) {
      return changeProblem(deps, input.actor, input.problemId, async (c) => {
        c.next('link');
        const [t] = await c.repo.lockTroubles(input.actor, [input.troubleId]);
        if (t!.community_id !== c.problem.community_id) {
          throw ruleViolation('communityMismatch');
        }
        if (t!.status !== 'received') {
          throw ruleViolation('troubleHandled');
        }
        const all = [...(await c.repo.troublesOf(c.problem.id)), t!];
        const weight = combine(all);
        const { severity, priority } = computePriority({
          ...weight,
          threshold: c.settings.severityWorkersThreshold,
        });
        const status = c.problem.status === 'closed' ? 'closed' : 'linked';
        await c.repo.linkTroubles([t!.id], c.problem.id, status, c.now);
        await linkEvent(c.trx, input.actor, t!, c.problem.id, c.problem.code, c.now);
        await c.record({
          action: 'link',
          patch: {
            severity,
            urgency: weight.urgency,
            workers_affected: weight.workersAffected,
            priority,
          },
          before: { troubles: all.length - 1, priority: c.problem.priority },
          after: { troubles: all.length, priority, troubleId: t!.id },
        });
        return isAnswered(c.problem.status);
      });
    },

    /** Merges `sourceId` into `targetId`: the troubles move, the source ends as `merged`. */
    async merge(input: { actor: Actor; sourceId: string; targetId: string; note?: string | null }) {
      if (input.sourceId === input.targetId) {
        throw ruleViolation('sameProblem');
      }
      return changeProblem(deps, input.actor, input.sourceId, async (c) => {
        const to = c.next('merge');
        const target = await c.repo.lockInScope(input.actor, input.targetId);
        if (target.community_id !== c.problem.community_id) {
          throw ruleViolation('communityMismatch');
        }
        if (target.status === 'merged' || target.status === 'closed') {
          throw notFound('problem', input.targetId);
        }
        c.touch(target.id);
        const moved = await c.repo.troublesOf(c.problem.id);
        const all = [...(await c.repo.troublesOf(target.id)), ...moved];
        const weight = combine(all);
        const { severity, priority } = computePriority({
          ...weight,
          threshold: c.settings.severityWorkersThreshold,
        });
        await c.repo.linkTroubles(
          moved.map((t) => t.id),
          target.id,
          'linked',
          c.now,
        );
        for (const t of moved) {
          await linkEvent(c.trx, input.actor, t, target.id, target.code, c.now, 'moveByMerge');
        }
        await c.repo.update(target.id, {
          severity,
          urgency: weight.urgency,
          workers_affected: weight.workersAffected,
          priority,
          updated_at: c.now,
        });
        await appendEvent(c.trx, {
          entityType: 'problem',
          entityId: target.id,
          communityId: target.community_id,
          actor: input.actor,
          action: 'mergeIn',
          after: {
            from: c.problem.id,
            fromCode: c.problem.code,
            troubleIds: moved.map((t) => t.id),
          },
          note: input.note ?? null,
          at: c.now,
        });
        await c.record({
          action: 'merge',
          patch: { status: to, merged_into_id: target.id, overdue_kind: null },
          before: { status: c.problem.status },
          after: { status: to, into: target.id, intoCode: target.code },
          note: input.note ?? null,
        });
      });
    },

    /** Splits troubles off into a new problem; at least one trouble stays behind. */
    async split(input: { actor: Actor; problemId: string; troubleIds: string[]; title: string }) {
      return changeProblem(deps, input.actor, input.problemId, async (c) => {
        c.next('split');
        const current = await c.repo.troublesOf(c.problem.id);
        const moving = current.filter((t) => input.troubleIds.includes(t.id));
        if (moving.length !== new Set(input.troubleIds).size) {
          throw ruleViolation('notInProblem');
        }
        if (moving.length >= current.length) {
          throw ruleViolation('splitAll');
        }
        const staying = current.filter((t) => !input.troubleIds.includes(t.id));
        const oldWeight = combine(staying);
        const threshold = c.settings.severityWorkersThreshold;
        const op = computePriority({ ...oldWeight, threshold });
        const row = await newOpenProblem(c.trx, {
          communityId: c.problem.community_id,
          troubles: moving,
          title: input.title,
          summary: '',
          categoryId: c.problem.category_id,
          actor: input.actor,
          ownerUserId: c.problem.owner_user_id,
          threshold,
          now: c.now,
        });
        const { id, code } = row;
        await c.repo.insert(row);
        c.touch(id);
        await c.repo.linkTroubles(
          moving.map((t) => t.id),
          id,
          'linked',
          c.now,
        );
        for (const t of moving) {
          await linkEvent(c.trx, input.actor, t, id, code, c.now, 'moveBySplit');
        }
        await appendEvent(c.trx, {
          entityType: 'problem',
          entityId: id,
          communityId: c.problem.community_id,
          actor: input.actor,
          action: 'create',
          after: { status: 'open', code, splitFrom: c.problem.id, troubleIds: input.troubleIds },
          at: c.now,
        });
        await c.record({
          action: 'split',
          patch: {
            severity: op.severity,
            urgency: oldWeight.urgency,
            workers_affected: oldWeight.workersAffected,
            priority: op.priority,
          },
          before: { troubles: current.length },
          after: {
            troubles: staying.length,
            newProblemId: id,
            newProblemCode: code,
            troubleIds: input.troubleIds,
          },
        });
        return id;
      });
    },
  };
}
