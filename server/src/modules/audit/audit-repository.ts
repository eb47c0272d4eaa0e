import { type Kysely, sql } from 'kysely';

import type { DB } from '../../db/schema';
import { containsPattern } from '../../shared/like';

/** The filters of the audit view and its export. */
export interface AuditFilter {
  from?: number;
  to?: number;
  actor?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  outcome?: 'success' | 'failure';
}

/** One page of the trail: newest first below `before`, or oldest first above `after`. */
export type AuditPage =
  | { order: 'desc'; before?: number; limit: number }
  | { order: 'asc'; after: number; upTo: number; limit: number };

/**
 * Read-only access to `audit_log` (there is no update and no delete anywhere: the trail is
 * appended to by shared/audit.ts and never purged). Rows are scoped to a county: those whose
 * actor is a user of the county, and those without a user (failed logins, jobs and the CLI
 * act as 系统), which belong to the deployment as a whole.
 */
export function createAuditRepository(db: Kysely<DB>) {
  return {
    page(countyId: string, f: AuditFilter, page: AuditPage) {
      const actor = f.actor;
      const action = f.action;
      return (
        db
          .selectFrom('audit_log as a')
          .leftJoin('users as u', 'u.id', 'a.actor_user_id')
          .select([
            'a.seq',
            'a.at',
            'a.actor_user_id',
            'a.actor_label',
            'u.username as actor_username',
            'u.role as actor_role',
            'a.action',
            'a.target_type',
            'a.target_id',
            'a.ip',
            'a.outcome',
            'a.detail',
            'a.hash',
          ])
          .where((eb) =>
            eb.or([eb('a.actor_user_id', 'is', null), eb('u.county_id', '=', countyId)]),
          )
          .$if(f.from !== undefined, (qb) => qb.where('a.at', '>=', f.from!))
          .$if(f.to !== undefined, (qb) => qb.where('a.at', '<', f.to!))
          .$if(actor !== undefined, (qb) =>
            qb.where((eb) =>
              eb.or([
                eb('a.actor_user_id', '=', actor!),
                eb('a.actor_label', 'like', containsPattern(actor!)),
                eb('u.username', 'like', containsPattern(actor!)),
              ]),
            ),
          )
          // A prefix compared as text, not LIKE: `_` and `%` in action names stay literal.
          .$if(action !== undefined, (qb) =>
            qb.where(
              sql<boolean>`substr(${sql.ref('a.action')}, 1, ${sql.lit([...action!].length)}) = ${action!}`,
            ),
          )
          .$if(f.targetType !== undefined, (qb) => qb.where('a.target_type', '=', f.targetType!))
          .$if(f.targetId !== undefined, (qb) => qb.where('a.target_id', '=', f.targetId!))
          .$if(f.outcome !== undefined, (qb) => qb.where('a.outcome', '=', f.outcome!))
          .$call((qb) =>
            page.order === 'desc'
              ? qb
                  .$if(page.before !== undefined, (q) => q.where('a.seq', '<', page.before!))
                  .orderBy('a.seq', 'desc')
              : qb
                  .where('a.seq', '>', page.after)
                  .where('a.seq', '<=', page.upTo)
                  .orderBy('a.seq', 'asc'),
          )
          .limit(page.limit)
          .execute()
      );
    },
  };
}

export type AuditRow = Awaited<
  ReturnType<ReturnType<typeof createAuditRepository>['page']>
>[number];
