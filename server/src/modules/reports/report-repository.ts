import type { Kysely } from 'kysely';

import type { DB, ReportTable } from '../../db/schema';
import { newId } from '../../shared/ids';
import type { ReportScope } from './report-scope';

export interface ReportRow extends ReportTable {
  community_name: string;
  county_id: string;
  generated_by_name: string | null;
}

/** Kysely access to `reports` and the community look-ups the report needs. */
export function createReportRepository(db: Kysely<DB>) {
  const rows = () =>
    db
      .selectFrom('reports')
      .innerJoin('communities', 'communities.id', 'reports.community_id')
      .leftJoin('users', 'users.id', 'reports.generated_by')
      .selectAll('reports')
      .select([
        'communities.name as community_name',
        'communities.county_id',
        'users.display_name as generated_by_name',
      ]);

  return {
    /** A community with its county, by id or slug. */
    async findCommunity(idOrSlug: string) {
      return db
        .selectFrom('communities')
        .innerJoin('counties', 'counties.id', 'communities.county_id')
        .select([
          'communities.id',
          'communities.name',
          'communities.county_id as countyId',
          'counties.name as countyName',
        ])
        .where((eb) =>
          eb.or([eb('communities.id', '=', idOrSlug), eb('communities.slug', '=', idOrSlug)]),
        )
        .executeTakeFirst();
    },

    async listCommunityIds(): Promise<string[]> {
      const all = await db.selectFrom('communities').select('id').orderBy('id').execute();
      return all.map((c) => c.id);
    },

    async findById(id: string): Promise<ReportRow | undefined> {
      return rows().where('reports.id', '=', id).executeTakeFirst();
    },

    async find(communityId: string, month: string): Promise<ReportRow | undefined> {
      return rows()
        .where('reports.community_id', '=', communityId)
        .where('reports.month', '=', month)
        .executeTakeFirst();
    },

    /** Reports in scope, newest month first. */
    async list(scope: ReportScope, communityId: string | undefined): Promise<ReportRow[]> {
      return rows()
        .$call((qb) =>
          'countyId' in scope
            ? qb.where('communities.county_id', '=', scope.countyId)
            : qb.where('reports.community_id', '=', scope.communityId),
        )
        .$if(communityId !== undefined, (qb) =>
          qb.where('reports.community_id', '=', communityId ?? ''),
        )
        .orderBy('reports.month', 'desc')
        .orderBy('communities.name')
        .limit(500)
        .execute();
    },

    /** Inserts the report of (community, month), or replaces the existing row's figures. */
    async upsert(row: Omit<ReportTable, 'id'>): Promise<void> {
      await db
        .insertInto('reports')
        .values({ id: newId(), ...row })
        .onConflict((oc) =>
          oc.columns(['community_id', 'month']).doUpdateSet({
            pdf_path: row.pdf_path,
            xlsx_path: row.xlsx_path,
            pdf_bytes: row.pdf_bytes,
            xlsx_bytes: row.xlsx_bytes,
            generated_at: row.generated_at,
            generated_by: row.generated_by,
          }),
        )
        .execute();
    },
  };
}

export type ReportRepository = ReturnType<typeof createReportRepository>;
