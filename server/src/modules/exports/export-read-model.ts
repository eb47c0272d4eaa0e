import { type Kysely, sql, type SqlBool } from 'kysely';

import type { Role } from '../../../../common/enums';
import type { DB } from '../../db/schema';
import type { Actor } from '../../shared/actor';
import { containsPattern } from '../../shared/like';
import { problemScope, troubleScope } from '../../shared/record-scope';
import type { CommunityScope } from '../directory';
import { type ProblemListConditions, problemListFilter } from '../problems';
import { type TroubleListConditions, troubleListFilter } from '../troubles';

/** Rows per page of an export; pages follow the primary key (keyset), never OFFSET. */
export const EXPORT_PAGE = 1000;

/** The troubles list's own filters (GET /troubles). */
export type TroubleExportFilter = TroubleListConditions;

/** The problems queue's own filters (GET /problems). */
export type ProblemExportFilter = ProblemListConditions;

const none = sql<SqlBool>`1 = 0`;

/**
 * The queries behind exports: the list filters of the troubles, problems, enterprises, users and
 * workers lists with the same record scope, read page by page in id order so that a list of any
 * length streams in constant memory.
 */
export function createExportReadModel(db: Kysely<DB>) {
  return {
    async troubles(actor: Actor, f: TroubleExportFilter, after: string) {
      return db
        .selectFrom('troubles')
        .innerJoin('communities', 'communities.id', 'troubles.community_id')
        .leftJoin('enterprises', 'enterprises.id', 'troubles.enterprise_id')
        .leftJoin('categories', 'categories.id', 'troubles.category_id')
        .leftJoin('problems', 'problems.id', 'troubles.problem_id')
        .selectAll('troubles')
        .select([
          'communities.name as community_name',
          'enterprises.name as enterprise_name',
          'categories.name as category_name',
          'problems.code as problem_code',
        ])
        .where(troubleScope(actor))
        .where('troubles.id', '>', after)
        .where(troubleListFilter(f))
        .orderBy('troubles.id')
        .limit(EXPORT_PAGE)
        .execute();
    },

    async problems(actor: Actor, f: ProblemExportFilter, after: string) {
      return db
        .selectFrom('problems')
        .innerJoin('communities', 'communities.id', 'problems.community_id')
        .leftJoin('categories', 'categories.id', 'problems.category_id')
        .selectAll('problems')
        .select((eb) => [
          'communities.name as community_name',
          'categories.name as category_name',
          eb
            .selectFrom('troubles')
            .select((e2) => e2.fn.countAll<number>().as('n'))
            .whereRef('troubles.problem_id', '=', 'problems.id')
            .as('trouble_count'),
        ])
        .where(problemScope(actor))
        .where('problems.id', '>', after)
        .where(problemListFilter(f))
        .orderBy('problems.id')
        .limit(EXPORT_PAGE)
        .execute();
    },

    async enterprises(
      scope: CommunityScope,
      f: { communityId?: string; q?: string; industry?: string },
      after: string,
    ) {
      return db
        .selectFrom('enterprises as e')
        .innerJoin('communities as c', 'c.id', 'e.community_id')
        .selectAll('e')
        .select('c.name as community_name')
        .$call((qb) =>
          'none' in scope
            ? qb.where(none)
            : 'countyId' in scope
              ? qb.where('c.county_id', '=', scope.countyId)
              : qb.where('e.community_id', '=', scope.communityId),
        )
        .where('e.id', '>', after)
        .$if(f.communityId !== undefined, (qb) => qb.where('e.community_id', '=', f.communityId!))
        .$if(f.industry !== undefined, (qb) => qb.where('e.industry', '=', f.industry!))
        .$if(f.q !== undefined, (qb) => qb.where('e.name', 'like', containsPattern(f.q!)))
        .orderBy('e.id')
        .limit(EXPORT_PAGE)
        .execute();
    },

    async workers(
      scope: CommunityScope,
      f: { communityId?: string; enterpriseId?: string; q?: string },
      after: string,
    ) {
      return db
        .selectFrom('workers as w')
        .innerJoin('communities as c', 'c.id', 'w.community_id')
        .leftJoin('enterprises as e', 'e.id', 'w.enterprise_id')
        .selectAll('w')
        .select(['c.name as community_name', 'e.name as enterprise_name'])
        .$call((qb) =>
          'none' in scope
            ? qb.where(none)
            : 'countyId' in scope
              ? qb.where('c.county_id', '=', scope.countyId)
              : qb.where('w.community_id', '=', scope.communityId),
        )
        .where('w.id', '>', after)
        .$if(f.communityId !== undefined, (qb) => qb.where('w.community_id', '=', f.communityId!))
        .$if(f.enterpriseId !== undefined, (qb) =>
          qb.where('w.enterprise_id', '=', f.enterpriseId!),
        )
        .$if(f.q !== undefined, (qb) => qb.where('w.name', 'like', containsPattern(f.q!)))
        .orderBy('w.id')
        .limit(EXPORT_PAGE)
        .execute();
    },

    async departments(countyId: string) {
      return db
        .selectFrom('departments')
        .selectAll()
        .where('county_id', '=', countyId)
        .orderBy('name')
        .execute();
    },

    async users(countyId: string, f: { role?: Role; communityId?: string }, after: string) {
      return db
        .selectFrom('users as u')
        .leftJoin('communities as c', 'c.id', 'u.community_id')
        .leftJoin('enterprises as e', 'e.id', 'u.enterprise_id')
        .leftJoin('departments as d', 'd.id', 'u.department_id')
        .select([
          'u.id',
          'u.username',
          'u.display_name',
          'u.role',
          'u.phone_enc',
          'u.active',
          'u.created_at',
          'c.name as community_name',
          'e.name as enterprise_name',
          'd.name as department_name',
        ])
        .where('u.county_id', '=', countyId)
        .where('u.id', '>', after)
        .$if(f.role !== undefined, (qb) => qb.where('u.role', '=', f.role!))
        .$if(f.communityId !== undefined, (qb) => qb.where('u.community_id', '=', f.communityId!))
        .orderBy('u.id')
        .limit(EXPORT_PAGE)
        .execute();
    },
  };
}

export type ExportReadModel = ReturnType<typeof createExportReadModel>;
