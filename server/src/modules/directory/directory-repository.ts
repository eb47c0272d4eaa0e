import { type Kysely, sql, type SqlBool } from 'kysely';

import type { EnterpriseSize } from '../../../../common/enums';
import type { DB } from '../../db/schema';
import { containsPattern } from '../../shared/like';
import type { CommunityScope } from './directory-scope';

/** Kysely access to counties, communities, enterprises and departments. */
export function createDirectoryRepository(db: Kysely<DB>) {
  return {
    async listCommunities(scope: CommunityScope) {
      return db
        .selectFrom('communities')
        .selectAll()
        .$call((qb) => {
          if ('none' in scope) {
            return qb.where(sql<SqlBool>`1 = 0`);
          }
          return 'countyId' in scope
            ? qb.where('county_id', '=', scope.countyId)
            : qb.where('id', '=', scope.communityId);
        })
        .orderBy('name')
        .execute();
    },

    async findCommunity(id: string) {
      return db.selectFrom('communities').selectAll().where('id', '=', id).executeTakeFirst();
    },

    async findCommunityBySlug(slug: string) {
      return db.selectFrom('communities').selectAll().where('slug', '=', slug).executeTakeFirst();
    },

    async insertCommunity(row: {
      id: string;
      countyId: string;
      slug: string;
      name: string;
      codePrefix: string;
      now: number;
    }) {
      await db
        .insertInto('communities')
        .values({
          id: row.id,
          county_id: row.countyId,
          slug: row.slug,
          name: row.name,
          code_prefix: row.codePrefix,
          created_at: row.now,
        })
        .execute();
    },

    async listEnterprises(
      scope: CommunityScope,
      filter: {
        communityId?: string;
        q?: string;
        industry?: string;
        limit: number;
        offset: number;
      },
    ) {
      return db
        .selectFrom('enterprises as e')
        .innerJoin('communities as c', 'c.id', 'e.community_id')
        .selectAll('e')
        .$call((qb) => {
          if ('none' in scope) {
            return qb.where(sql<SqlBool>`1 = 0`);
          }
          return 'countyId' in scope
            ? qb.where('c.county_id', '=', scope.countyId)
            : qb.where('e.community_id', '=', scope.communityId);
        })
        .$if(filter.communityId !== undefined, (qb) =>
          qb.where('e.community_id', '=', filter.communityId!),
        )
        .$if(filter.industry !== undefined, (qb) => qb.where('e.industry', '=', filter.industry!))
        .$if(filter.q !== undefined, (qb) => qb.where('e.name', 'like', containsPattern(filter.q!)))
        .orderBy('e.name')
        .limit(filter.limit)
        .offset(filter.offset)
        .execute();
    },

    async findEnterprise(id: string) {
      return db
        .selectFrom('enterprises as e')
        .innerJoin('communities as c', 'c.id', 'e.community_id')
        .selectAll('e')
        .select(['c.county_id', 'c.name as community_name'])
        .where('e.id', '=', id)
        .executeTakeFirst();
    },

    async insertEnterprise(row: {
      id: string;
      communityId: string;
      name: string;
      industry: string;
      size: EnterpriseSize;
      employeeCount: number;
      contactName: string | null;
      contactPhoneEnc: string | null;
      address: string | null;
      now: number;
    }) {
      await db
        .insertInto('enterprises')
        .values({
          id: row.id,
          community_id: row.communityId,
          name: row.name,
          industry: row.industry,
          size: row.size,
          employee_count: row.employeeCount,
          contact_name: row.contactName,
          contact_phone_enc: row.contactPhoneEnc,
          address: row.address,
          active: 1,
          created_at: row.now,
          updated_at: row.now,
        })
        .execute();
    },

    async updateEnterprise(
      id: string,
      patch: Partial<{
        name: string;
        industry: string;
        size: EnterpriseSize;
        employee_count: number;
        contact_name: string | null;
        contact_phone_enc: string | null;
        address: string | null;
        active: 0 | 1;
      }>,
      now: number,
    ) {
      await db
        .updateTable('enterprises')
        .set({ ...patch, updated_at: now })
        .where('id', '=', id)
        .execute();
    },

    async listDepartments(countyId: string) {
      return db
        .selectFrom('departments')
        .selectAll()
        .where('county_id', '=', countyId)
        .orderBy('name')
        .execute();
    },

    async findDepartment(id: string) {
      return db.selectFrom('departments').selectAll().where('id', '=', id).executeTakeFirst();
    },

    async insertDepartment(row: {
      id: string;
      countyId: string;
      name: string;
      shortName: string;
      now: number;
    }) {
      await db
        .insertInto('departments')
        .values({
          id: row.id,
          county_id: row.countyId,
          name: row.name,
          short_name: row.shortName,
          active: 1,
          created_at: row.now,
        })
        .execute();
    },

    async updateDepartment(
      id: string,
      patch: Partial<{ name: string; short_name: string; active: 0 | 1 }>,
    ) {
      await db.updateTable('departments').set(patch).where('id', '=', id).execute();
    },
  };
}

export type DirectoryRepository = ReturnType<typeof createDirectoryRepository>;
