import type { Actor } from '../../shared/actor';
import { formatLocal } from '../../shared/business-time';
import { notFound, ruleViolation } from '../../shared/errors';
import { newId } from '../../shared/ids';
import { changeProblem, type ProblemDeps } from './problem-context';
import { notifyCommunityStaff, notifyDepartment, notifySupervisors } from './problem-notify';

/** Extension requests (申请延期): the lead department asks, a supervisor approves or refuses. */
export function createProblemExtensions(deps: ProblemDeps) {
  return {
    request(input: { actor: Actor; problemId: string; requestedDueAt: number; reason: string }) {
      return changeProblem(deps, input.actor, input.problemId, async (c) => {
        c.next('requestExtension');
        const lead = (await c.repo.assignments(c.problem.id)).find(
          (a) =>
            a.department_id === input.actor.departmentId &&
            a.role === 'lead' &&
            a.status !== 'handed_back',
        );
        if (!lead) {
          throw ruleViolation('notAssigned');
        }
        const pending = await c.trx
          .selectFrom('extension_requests')
          .select('id')
          .where('problem_id', '=', c.problem.id)
          .where('status', '=', 'pending')
          .executeTakeFirst();
        if (pending) {
          throw ruleViolation('extensionPending');
        }
        if (input.requestedDueAt <= c.problem.resolution_due_at) {
          throw ruleViolation('extensionNotLater');
        }
        const id = newId();
        await c.trx
          .insertInto('extension_requests')
          .values({
            id,
            problem_id: c.problem.id,
            department_id: lead.department_id,
            requested_by: input.actor.userId!,
            reason: input.reason,
            current_due_at: c.problem.resolution_due_at,
            requested_due_at: input.requestedDueAt,
            status: 'pending',
            decided_by: null,
            decided_at: null,
            decision_note: null,
            created_at: c.now,
          })
          .execute();
        await c.record({
          action: 'requestExtension',
          after: { extensionId: id, requestedDueAt: input.requestedDueAt },
          note: input.reason,
        });
        await notifySupervisors(
          c.trx,
          c.problem,
          {
            kind: 'extension.requested',
            title: `延期申请：${c.problem.code}`,
            body: `${lead.department_name}申请将「${c.problem.title}」期限延至 ${formatLocal(input.requestedDueAt)}：${input.reason}`,
            key: `extension:${id}`,
          },
          c.now,
        );
        return id;
      });
    },

    async decide(input: {
      actor: Actor;
      extensionId: string;
      approve: boolean;
      note?: string | null;
    }) {
      const ext = await deps.db
        .selectFrom('extension_requests')
        .selectAll()
        .where('id', '=', input.extensionId)
        .executeTakeFirst();
      if (!ext) {
        throw notFound('extension', input.extensionId);
      }
      return changeProblem(deps, input.actor, ext.problem_id, async (c) => {
        const fresh = await c.trx
          .selectFrom('extension_requests')
          .selectAll()
          .where('id', '=', ext.id)
          .executeTakeFirstOrThrow();
        if (fresh.status !== 'pending') {
          throw ruleViolation('extensionPending');
        }
        const status = input.approve ? 'approved' : 'refused';
        await c.trx
          .updateTable('extension_requests')
          .set({
            status,
            decided_by: input.actor.userId,
            decided_at: c.now,
            decision_note: input.note ?? null,
          })
          .where('id', '=', ext.id)
          .execute();
        await c.record({
          action: input.approve ? 'extensionApproved' : 'extensionRefused',
          patch: input.approve
            ? {
                resolution_due_at: ext.requested_due_at,
                ...(c.problem.overdue_kind === 'resolution' && ext.requested_due_at > c.now
                  ? { overdue_kind: null, escalation_level: 0 }
                  : {}),
              }
            : undefined,
          before: { resolutionDueAt: c.problem.resolution_due_at },
          after: {
            resolutionDueAt: input.approve ? ext.requested_due_at : c.problem.resolution_due_at,
            extensionId: ext.id,
          },
          note: input.note ?? null,
        });
        const text = input.approve
          ? `已批准，期限延至 ${formatLocal(ext.requested_due_at)}`
          : '未获批准，请按原期限办理';
        await notifyDepartment(
          c.trx,
          c.problem,
          ext.department_id,
          {
            kind: 'extension.decided',
            title: `延期申请${input.approve ? '已批准' : '未批准'}：${c.problem.code}`,
            body: text,
            key: `extensionDecision:${ext.id}`,
          },
          c.now,
        );
        await notifyCommunityStaff(
          c.trx,
          c.problem,
          {
            kind: 'extension.decided',
            title: `延期申请${input.approve ? '已批准' : '未批准'}：${c.problem.code}`,
            body: text,
            key: `extensionDecision:${ext.id}`,
          },
          c.now,
        );
      });
    },

    /** Pending requests a supervisor can decide (county scope). */
    async pending(actor: Actor) {
      return deps.db
        .selectFrom('extension_requests')
        .innerJoin('problems', 'problems.id', 'extension_requests.problem_id')
        .innerJoin('communities', 'communities.id', 'problems.community_id')
        .innerJoin('departments', 'departments.id', 'extension_requests.department_id')
        .select([
          'extension_requests.id',
          'extension_requests.problem_id',
          'problems.code as problem_code',
          'problems.title as problem_title',
          'departments.name as department_name',
          'extension_requests.reason',
          'extension_requests.current_due_at',
          'extension_requests.requested_due_at',
          'extension_requests.created_at',
        ])
        .where('extension_requests.status', '=', 'pending')
        .where('communities.county_id', '=', actor.countyId ?? '')
        .orderBy('extension_requests.created_at')
        .execute();
    },
  };
}
