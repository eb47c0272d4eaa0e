import type { Kysely } from 'kysely';

import type { DB } from '../../db/schema';

/** Trouble statuses and problem statuses that Open311 reports as `closed`. */
export const CLOSED_TROUBLE = ['resolved_on_spot', 'closed'] as const;
export const CLOSED_PROBLEM = ['resolved', 'replied', 'closed'] as const;

export interface RequestFilter {
  ids?: string[];
  categoryIds?: string[];
  communityId?: string;
  from?: number;
  to?: number;
  status?: 'open' | 'closed';
  limit: number;
}

/**
 * Open311's public views over the taxonomy and troubles (read-only). Only public columns are
 * selected: never the reporter, the enterprise, phone numbers or attachments.
 */
export function createOpen311ReadModel(db: Kysely<DB>) {
  return {
    /** Second-level active categories with their first-level parent (the service `group`). */
    async services() {
      return db
        .selectFrom('categories as c')
        .innerJoin('categories as parent', 'parent.id', 'c.parent_id')
        .select([
          'c.id',
          'c.code',
          'c.name',
          'c.name_en',
          'c.keywords',
          'c.examples',
          'parent.name as group_name',
        ])
        .where('c.active', '=', 1)
        .where('parent.active', '=', 1)
        .orderBy('parent.sort')
        .orderBy('parent.code')
        .orderBy('c.sort')
        .orderBy('c.code')
        .execute();
    },

    /** Category ids of active services among `codes`. */
    async serviceIds(codes: string[]): Promise<string[]> {
      const rows = await db
        .selectFrom('categories as c')
        .innerJoin('categories as parent', 'parent.id', 'c.parent_id')
        .select('c.id')
        .where('c.code', 'in', codes)
        .where('c.active', '=', 1)
        .execute();
      return rows.map((r) => r.id);
    },

    async serviceByCode(code: string) {
      return db
        .selectFrom('categories as c')
        .innerJoin('categories as parent', 'parent.id', 'c.parent_id')
        .select(['c.id', 'c.code', 'c.name', 'parent.name as group_name'])
        .where('c.code', '=', code)
        .where('c.active', '=', 1)
        .where('parent.active', '=', 1)
        .executeTakeFirst();
    },

    /** The promise settings of a community (defaults when none are stored). */
    async settingsOf(communityId: string) {
      const row = await db
        .selectFrom('community_settings')
        .select(['coordination_hours', 'resolution_hours', 'time_mode'])
        .where('community_id', '=', communityId)
        .executeTakeFirst();
      return row ?? { coordination_hours: null, resolution_hours: null, time_mode: null };
    },

    async communityBySlug(slug: string) {
      return db.selectFrom('communities').select('id').where('slug', '=', slug).executeTakeFirst();
    },

    /** Public rows of troubles, newest first. */
    async requests(filter: RequestFilter) {
      return db
        .selectFrom('troubles as t')
        .innerJoin('communities as cm', 'cm.id', 't.community_id')
        .leftJoin('community_settings as s', 's.community_id', 't.community_id')
        .leftJoin('categories as c', 'c.id', 't.category_id')
        .leftJoin('problems as p', 'p.id', 't.problem_id')
        .select((eb) => [
          't.id',
          't.title',
          't.status',
          't.on_spot_answer',
          't.received_at',
          't.updated_at',
          'cm.name as community_name',
          'c.code as category_code',
          'c.name as category_name',
          'p.status as problem_status',
          'p.public_summary',
          'p.resolution_text',
          'p.resolution_due_at',
          'p.updated_at as problem_updated_at',
          's.coordination_hours',
          's.resolution_hours',
          's.time_mode',
          eb
            .selectFrom('problem_departments as pd')
            .innerJoin('departments as d', 'd.id', 'pd.department_id')
            .select('d.name')
            .whereRef('pd.problem_id', '=', 't.problem_id')
            .where('pd.role', '=', 'lead')
            .where('pd.status', '!=', 'handed_back')
            .limit(1)
            .as('lead_department'),
        ])
        .$if(filter.ids !== undefined, (qb) => qb.where('t.id', 'in', filter.ids!))
        .$if(filter.categoryIds !== undefined, (qb) =>
          qb.where('t.category_id', 'in', filter.categoryIds!),
        )
        .$if(filter.communityId !== undefined, (qb) =>
          qb.where('t.community_id', '=', filter.communityId!),
        )
        .$if(filter.from !== undefined, (qb) => qb.where('t.received_at', '>=', filter.from!))
        .$if(filter.to !== undefined, (qb) => qb.where('t.received_at', '<=', filter.to!))
        .$if(filter.status === 'closed', (qb) =>
          qb.where((eb) =>
            eb.or([
              eb('t.status', 'in', [...CLOSED_TROUBLE]),
              eb('p.status', 'in', [...CLOSED_PROBLEM]),
            ]),
          ),
        )
        .$if(filter.status === 'open', (qb) =>
          qb
            .where('t.status', 'not in', [...CLOSED_TROUBLE])
            .where((eb) =>
              eb.or([eb('p.status', 'is', null), eb('p.status', 'not in', [...CLOSED_PROBLEM])]),
            ),
        )
        .orderBy('t.received_at', 'desc')
        .orderBy('t.id', 'desc')
        .limit(filter.limit)
        .execute();
    },
  };
}

export type RequestRow = Awaited<
  ReturnType<ReturnType<typeof createOpen311ReadModel>['requests']>
>[number];
