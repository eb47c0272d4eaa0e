import type { Insertable, Kysely } from 'kysely';

import type { DB, DepartmentTable, EnterpriseTable, Trouble, WorkerTable } from '../../db/schema';
import { appendEvents, type TimelineEntry } from '../../shared/timeline';
import { applyTroubleInserts } from '../indices';

/** Rows per multi-row INSERT: below SQLite's 32,766 and PostgreSQL's 65,535 bound parameters. */
const CHUNK = 500;

async function insertChunks<T extends keyof DB>(
  db: Kysely<DB>,
  table: T,
  rows: Insertable<DB[T]>[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db
      .insertInto(table)
      .values(rows.slice(i, i + CHUNK))
      .execute();
  }
}

/**
 * Reads and writes of the records an import creates (troubles, enterprises, workers,
 * departments) and the look-ups its validation needs. Writes run in the caller's transaction.
 */
export function createImportTargetRepository(db: Kysely<DB>) {
  return {
    async community(id: string) {
      return db
        .selectFrom('communities')
        .select(['id', 'county_id', 'code_prefix', 'name'])
        .where('id', '=', id)
        .executeTakeFirst();
    },

    async enterprisesOf(communityId: string) {
      return db
        .selectFrom('enterprises')
        .select(['id', 'name', 'active'])
        .where('community_id', '=', communityId)
        .execute();
    },

    async departmentsOf(countyId: string) {
      return db
        .selectFrom('departments')
        .select(['id', 'name', 'short_name'])
        .where('county_id', '=', countyId)
        .execute();
    },

    async activeCategories() {
      return db
        .selectFrom('categories')
        .select(['id', 'code', 'name', 'name_en', 'parent_id'])
        .where('active', '=', 1)
        .execute();
    },

    /** Troubles of a community received at one of the given instants (duplicate check). */
    async troublesAt(communityId: string, instants: number[]) {
      if (instants.length === 0) {
        return [];
      }
      return db
        .selectFrom('troubles')
        .select(['received_at', 'body', 'enterprise_id'])
        .where('community_id', '=', communityId)
        .where('received_at', 'in', [...new Set(instants)])
        .execute();
    },

    async workersMatching(communityId: string, idHashes: string[], phoneHashes: string[]) {
      if (idHashes.length === 0 && phoneHashes.length === 0) {
        return [];
      }
      return db
        .selectFrom('workers')
        .select(['name', 'id_number_hash', 'phone_hash'])
        .where('community_id', '=', communityId)
        .where((eb) =>
          eb.or([
            eb('id_number_hash', 'in', idHashes.length ? idHashes : ['']),
            eb('phone_hash', 'in', phoneHashes.length ? phoneHashes : ['']),
          ]),
        )
        .execute();
    },

    /**
     * New troubles with their timeline events, added to the index aggregates in the same
     * transaction (the aggregate writer intake uses, batched).
     */
    async insertTroubles(rows: Trouble[], events: TimelineEntry[]): Promise<void> {
      await insertChunks(db, 'troubles', rows);
      await applyTroubleInserts(db, rows);
      await appendEvents(db, events);
    },

    async insertEnterprises(rows: Insertable<EnterpriseTable>[]): Promise<void> {
      await insertChunks(db, 'enterprises', rows);
    },

    async insertDepartments(rows: Insertable<DepartmentTable>[]): Promise<void> {
      await insertChunks(db, 'departments', rows);
    },

    async insertWorkers(rows: Insertable<WorkerTable>[]): Promise<void> {
      await insertChunks(db, 'workers', rows);
    },
  };
}

export type ImportTargetRepository = ReturnType<typeof createImportTargetRepository>;
