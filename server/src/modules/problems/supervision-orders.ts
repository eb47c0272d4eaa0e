import type { Actor } from '../../shared/actor';
import { formatLocal } from '../../shared/business-time';
import { nextCounter } from '../../shared/counters';
import { notFound, ruleViolation } from '../../shared/errors';
import { newId } from '../../shared/ids';
import { appendEvent } from '../../shared/timeline';
import { enqueueDeliveries } from '../notifications';
import { changeProblem, type ProblemDeps } from './problem-context';
import { notifyCommunityStaff, notifyDepartment } from './problem-notify';
import { createProblemRepository } from './problem-repository';

/** 督办单: a supervisor's written order on a problem, answered by its handlers, then closed. */
export function createSupervisionOrders(deps: ProblemDeps) {
  const { db, dialect, clock } = deps;

  return {
    issue(input: {
      actor: Actor;
      problemId: string;
      reason: string;
      demand: string;
      dueAt: number;
    }) {
      return changeProblem(deps, input.actor, input.problemId, async (c) => {
        c.next('issueSupervision');
        const c2 = await c.trx
          .selectFrom('communities')
          .select('code_prefix')
          .where('id', '=', c.problem.community_id)
          .executeTakeFirstOrThrow();
        const n = await nextCounter(c.trx, `supervision:${c.problem.community_id}`);
        const id = newId();
        const code = `${c2.code_prefix}-D${String(n).padStart(4, '0')}`;
        await c.trx
          .insertInto('supervision_orders')
          .values({
            id,
            code,
            problem_id: c.problem.id,
            community_id: c.problem.community_id,
            issued_by: input.actor.userId!,
            reason: input.reason,
            demand: input.demand,
            due_at: input.dueAt,
            status: 'issued',
            response: null,
            responded_by: null,
            responded_at: null,
            closed_at: null,
            created_at: c.now,
          })
          .execute();
        await c.record({
          action: 'issueSupervision',
          after: { orderId: id, code, dueAt: input.dueAt },
          note: `${input.reason}；要求：${input.demand}`,
        });
        const body = `督办单 ${code}：${input.demand}（${formatLocal(input.dueAt)} 前反馈）`;
        for (const a of await c.repo.assignments(c.problem.id)) {
          if (a.status !== 'handed_back') {
            await notifyDepartment(
              c.trx,
              c.problem,
              a.department_id,
              {
                kind: 'supervision.issued',
                title: `督办：${c.problem.code}`,
                body: body,
                key: `supervision:${id}:${a.department_id}`,
              },
              c.now,
            );
          }
        }
        await notifyCommunityStaff(
          c.trx,
          c.problem,
          {
            kind: 'supervision.issued',
            title: `督办：${c.problem.code}`,
            body: body,
            key: `supervision:${id}`,
          },
          c.now,
        );
        await enqueueDeliveries(c.trx, {
          event: 'problem.escalated',
          communityId: c.problem.community_id,
          eventKey: `supervision:${id}`,
          message: {
            title: `督办：${c.problem.code}`,
            lines: [`类问题「${c.problem.title}」`, `督办理由：${input.reason}`, body],
            linkPath: `/problems/${c.problem.id}`,
          },
          now: c.now,
        });
        return id;
      });
    },

    async respond(input: { actor: Actor; orderId: string; response: string }) {
      await this.withOrder(input.actor, input.orderId, async (order, trx, now) => {
        if (order.status === 'closed') {
          throw ruleViolation('supervisionClosed');
        }
        await trx
          .updateTable('supervision_orders')
          .set({
            status: 'responded',
            response: input.response,
            responded_by: input.actor.userId,
            responded_at: now,
          })
          .where('id', '=', order.id)
          .execute();
        await appendEvent(trx, {
          entityType: 'problem',
          entityId: order.problem_id,
          communityId: order.community_id,
          actor: input.actor,
          action: 'respondSupervision',
          after: { orderId: order.id, code: order.code },
          note: input.response,
          at: now,
        });
      });
    },

    async close(input: { actor: Actor; orderId: string; note?: string | null }) {
      await this.withOrder(input.actor, input.orderId, async (order, trx, now) => {
        if (order.status === 'closed') {
          throw ruleViolation('supervisionClosed');
        }
        await trx
          .updateTable('supervision_orders')
          .set({ status: 'closed', closed_at: now })
          .where('id', '=', order.id)
          .execute();
        await appendEvent(trx, {
          entityType: 'problem',
          entityId: order.problem_id,
          communityId: order.community_id,
          actor: input.actor,
          action: 'closeSupervision',
          after: { orderId: order.id, code: order.code },
          note: input.note ?? null,
          at: now,
        });
      });
    },

    /** Runs `fn` on an order whose problem is in the actor's scope (404 otherwise). */
    async withOrder(
      actor: Actor,
      orderId: string,
      fn: (
        order: {
          id: string;
          code: string;
          problem_id: string;
          community_id: string;
          status: string;
        },
        trx: typeof db,
        now: number,
      ) => Promise<void>,
    ) {
      await db.transaction().execute(async (trx) => {
        const order = await trx
          .selectFrom('supervision_orders')
          .selectAll()
          .where('id', '=', orderId)
          .executeTakeFirst();
        if (!order) {
          throw notFound('supervisionOrder', orderId);
        }
        try {
          await createProblemRepository(trx, dialect).lockInScope(actor, order.problem_id);
        } catch {
          throw notFound('supervisionOrder', orderId);
        }
        await fn(order, trx, clock.now());
      });
    },
  };
}
