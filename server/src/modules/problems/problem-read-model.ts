import type { Expression, ExpressionBuilder, Kysely, SqlBool } from 'kysely';

import type { Priority, ProblemStatus } from '../../../../common/enums';
import type { DB } from '../../db/schema';
import type { Actor } from '../../shared/actor';
import { HOUR_MS } from '../../shared/business-time';
import { notFound } from '../../shared/errors';
import { containsPattern } from '../../shared/like';
import { problemScope } from '../../shared/record-scope';
import { presentEvent } from '../../shared/timeline';

/** The conditions of the problems list (shared by the queue and its export). */
export interface ProblemListConditions {
  communityId?: string;
  /** Default: every status but `merged`. */
  status?: ProblemStatus[];
  priority?: Priority;
  /** A category also matches its sub-categories. */
  categoryId?: string;
  departmentId?: string;
  overdue?: boolean;
  /** Title contains, or the code is. */
  q?: string;
  /** Received in [from, to) (epoch ms). */
  from?: number;
  to?: number;
}

export interface ProblemQueueFilter extends ProblemListConditions {
  dueWithinHours?: number;
  mine?: boolean;
  limit: number;
  offset: number;
}

/** `problems` rows matching the list filters (without the record scope, applied by callers). */
export function problemListFilter(f: ProblemListConditions) {
  return (eb: ExpressionBuilder<DB, 'problems'>): Expression<SqlBool> => {
    const all: Expression<SqlBool>[] = [];
    if (f.communityId !== undefined) {
      all.push(eb('problems.community_id', '=', f.communityId));
    }
    if (f.status !== undefined && f.status.length > 0) {
      all.push(eb('problems.status', 'in', f.status));
    } else if (f.status === undefined) {
      all.push(eb('problems.status', '!=', 'merged'));
    }
    if (f.priority !== undefined) {
      all.push(eb('problems.priority', '=', f.priority));
    }
    if (f.categoryId !== undefined) {
      all.push(
        eb.or([
          eb('problems.category_id', '=', f.categoryId),
          eb(
            'problems.category_id',
            'in',
            eb
              .selectFrom('categories as c2')
              .select('c2.id')
              .where('c2.parent_id', '=', f.categoryId),
          ),
        ]),
      );
    }
    if (f.departmentId !== undefined) {
      all.push(
        eb(
          'problems.id',
          'in',
          eb
            .selectFrom('problem_departments')
            .select('problem_departments.problem_id')
            .where('problem_departments.department_id', '=', f.departmentId),
        ),
      );
    }
    if (f.overdue !== undefined) {
      all.push(eb('problems.overdue_kind', f.overdue ? 'is not' : 'is', null));
    }
    if (f.q !== undefined) {
      all.push(
        eb.or([eb('problems.title', 'like', containsPattern(f.q)), eb('problems.code', '=', f.q)]),
      );
    }
    if (f.from !== undefined) {
      all.push(eb('problems.received_at', '>=', f.from));
    }
    if (f.to !== undefined) {
      all.push(eb('problems.received_at', '<', f.to));
    }
    return eb.and(all);
  };
}

/**
 * Queues and detail views of problems. Queues sort by priority, then by the nearest open
 * deadline (SPEC §3): the coordination deadline until coordinated, then the resolution one.
 */
export function createProblemReadModel(db: Kysely<DB>) {
  return {
    async queue(actor: Actor, f: ProblemQueueFilter, now: number) {
      const rows = await db
        .selectFrom('problems')
        .leftJoin('categories', 'categories.id', 'problems.category_id')
        .selectAll('problems')
        .select(['categories.name as category_name'])
        .select((eb) => [
          eb
            .case()
            .when('problems.coordinated_at', 'is', null)
            .then(eb.ref('problems.coordination_due_at'))
            .else(eb.ref('problems.resolution_due_at'))
            .end()
            .as('next_due_at'),
          eb
            .selectFrom('troubles')
            .select((e2) => e2.fn.countAll<number>().as('n'))
            .whereRef('troubles.problem_id', '=', 'problems.id')
            .as('trouble_count'),
        ])
        .where(problemScope(actor))
        .where(problemListFilter(f))
        .$if(f.mine === true, (qb) => qb.where('problems.owner_user_id', '=', actor.userId ?? ''))
        .$if(f.dueWithinHours !== undefined, (qb) =>
          qb
            .where('problems.status', 'in', ['open', 'dispatched', 'in_progress'])
            .where((eb) =>
              eb.or([
                eb.and([
                  eb('problems.coordinated_at', 'is', null),
                  eb('problems.coordination_due_at', '<=', now + f.dueWithinHours! * HOUR_MS),
                ]),
                eb('problems.resolution_due_at', '<=', now + f.dueWithinHours! * HOUR_MS),
              ]),
            ),
        )
        .orderBy('problems.priority')
        .orderBy('next_due_at')
        .orderBy('problems.id')
        .limit(f.limit)
        .offset(f.offset)
        .execute();
      return rows.map((p) => ({
        id: p.id,
        code: p.code,
        communityId: p.community_id,
        title: p.title,
        category: p.category_name,
        status: p.status,
        priority: p.priority,
        severity: p.severity,
        urgency: p.urgency,
        workersAffected: p.workers_affected,
        troubleCount: Number(p.trouble_count ?? 0),
        receivedAt: p.received_at,
        coordinationDueAt: p.coordination_due_at,
        resolutionDueAt: p.resolution_due_at,
        nextDueAt: Number(p.next_due_at),
        overdueKind: p.overdue_kind,
        escalationLevel: p.escalation_level,
        reopenCount: p.reopen_count,
      }));
    },

    async detail(actor: Actor, id: string) {
      const p = await db
        .selectFrom('problems')
        .leftJoin('categories', 'categories.id', 'problems.category_id')
        .selectAll('problems')
        .select(['categories.name as category_name', 'categories.code as category_code'])
        .where('problems.id', '=', id)
        .where(problemScope(actor))
        .executeTakeFirst();
      if (!p) {
        throw notFound('problem', id);
      }
      const [departments, troubles, extensions, orders] = await Promise.all([
        db
          .selectFrom('problem_departments')
          .innerJoin('departments', 'departments.id', 'problem_departments.department_id')
          .select([
            'departments.id',
            'departments.name',
            'problem_departments.role',
            'problem_departments.status',
            'problem_departments.reason',
            'problem_departments.assigned_at',
            'problem_departments.accepted_at',
          ])
          .where('problem_departments.problem_id', '=', id)
          .orderBy('problem_departments.assigned_at')
          .execute(),
        db
          .selectFrom('troubles')
          .select([
            'id',
            'code',
            'title',
            'channel',
            'status',
            'received_at',
            'enterprise_id',
            'workers_affected',
          ])
          .where('problem_id', '=', id)
          .orderBy('received_at')
          .execute(),
        db
          .selectFrom('extension_requests')
          .selectAll()
          .where('problem_id', '=', id)
          .orderBy('created_at')
          .execute(),
        db
          .selectFrom('supervision_orders')
          .selectAll()
          .where('problem_id', '=', id)
          .orderBy('created_at')
          .execute(),
      ]);
      return {
        id: p.id,
        code: p.code,
        communityId: p.community_id,
        title: p.title,
        summary: p.summary,
        publicSummary: p.public_summary,
        category:
          p.category_id && p.category_name && p.category_code
            ? { id: p.category_id, code: p.category_code, name: p.category_name }
            : null,
        ownerUserId: p.owner_user_id,
        status: p.status,
        priority: p.priority,
        severity: p.severity,
        urgency: p.urgency,
        workersAffected: p.workers_affected,
        receivedAt: p.received_at,
        coordinationDueAt: p.coordination_due_at,
        resolutionDueAt: p.resolution_due_at,
        deadlineEstimated: p.deadline_estimated === 1,
        coordinatedAt: p.coordinated_at,
        answeredAt: p.answered_at,
        closedAt: p.closed_at,
        resolutionText: p.resolution_text,
        reopenCount: p.reopen_count,
        overdueKind: p.overdue_kind,
        escalationLevel: p.escalation_level,
        mergedIntoId: p.merged_into_id,
        departments: departments.map((d) => ({
          id: d.id,
          name: d.name,
          role: d.role,
          status: d.status,
          reason: d.reason,
          assignedAt: d.assigned_at,
          acceptedAt: d.accepted_at,
        })),
        troubles: troubles.map((t) => ({
          id: t.id,
          code: t.code,
          title: t.title,
          channel: t.channel,
          status: t.status,
          receivedAt: t.received_at,
          enterpriseId: t.enterprise_id,
          workersAffected: t.workers_affected,
        })),
        extensions: extensions.map((e) => ({
          id: e.id,
          departmentId: e.department_id,
          reason: e.reason,
          currentDueAt: e.current_due_at,
          requestedDueAt: e.requested_due_at,
          status: e.status,
          decisionNote: e.decision_note,
          createdAt: e.created_at,
        })),
        supervisionOrders: orders.map((o) => ({
          id: o.id,
          code: o.code,
          reason: o.reason,
          demand: o.demand,
          dueAt: o.due_at,
          status: o.status,
          response: o.response,
          createdAt: o.created_at,
        })),
      };
    },

    async timeline(actor: Actor, id: string) {
      const p = await db
        .selectFrom('problems')
        .select('id')
        .where('problems.id', '=', id)
        .where(problemScope(actor))
        .executeTakeFirst();
      if (!p) {
        throw notFound('problem', id);
      }
      const rows = await db
        .selectFrom('events')
        .selectAll()
        .where('entity_type', '=', 'problem')
        .where('entity_id', '=', id)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(presentEvent);
    },

    /** Supervision orders on problems in the actor's scope. */
    async supervisionOrders(actor: Actor, status?: 'issued' | 'responded' | 'closed') {
      return db
        .selectFrom('supervision_orders')
        .innerJoin('problems', 'problems.id', 'supervision_orders.problem_id')
        .select([
          'supervision_orders.id',
          'supervision_orders.code',
          'supervision_orders.problem_id',
          'problems.code as problem_code',
          'problems.title as problem_title',
          'supervision_orders.reason',
          'supervision_orders.demand',
          'supervision_orders.due_at',
          'supervision_orders.status',
          'supervision_orders.response',
          'supervision_orders.created_at',
        ])
        .where(problemScope(actor))
        .$if(status !== undefined, (qb) => qb.where('supervision_orders.status', '=', status!))
        .orderBy('supervision_orders.created_at', 'desc')
        .limit(200)
        .execute();
    },
  };
}
