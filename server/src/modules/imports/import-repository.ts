import type { Kysely } from 'kysely';

import type { DB, ImportJobTable, ImportKind } from '../../db/schema';
import { bulkInsert } from './import-target-repository';
import type { RowError } from './row-errors';

export type ImportJob = ImportJobTable;

/** Kysely access to import jobs, their bad rows and the natural keys of committed rows. */
export function createImportRepository(db: Kysely<DB>) {
  return {
    async insertJob(row: ImportJob): Promise<void> {
      await db.insertInto('import_jobs').values(row).execute();
    },

    async findJob(id: string) {
      return db.selectFrom('import_jobs').selectAll().where('id', '=', id).executeTakeFirst();
    },

    async updateJob(id: string, patch: Partial<ImportJob>): Promise<void> {
      await db.updateTable('import_jobs').set(patch).where('id', '=', id).execute();
    },

    /** Moves a job to `committing` only from a state that allows it (one winner under races). */
    async claimCommit(id: string, from: ImportJob['status'], heartbeatBefore: number | null) {
      const r = await db
        .updateTable('import_jobs')
        .set({ status: 'committing', failure: null })
        .where('id', '=', id)
        .where('status', '=', from)
        .$if(heartbeatBefore !== null, (qb) =>
          qb.where((eb) =>
            eb.or([eb('heartbeat_at', 'is', null), eb('heartbeat_at', '<', heartbeatBefore!)]),
          ),
        )
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    async insertErrors(
      importId: string,
      rows: { rowNo: number; errors: RowError[]; cells: string[] }[],
    ): Promise<void> {
      for (let i = 0; i < rows.length; i += 500) {
        await db
          .insertInto('import_errors')
          .values(
            rows.slice(i, i + 500).map((r) => ({
              import_id: importId,
              row_no: r.rowNo,
              errors: JSON.stringify(r.errors),
              cells: JSON.stringify(r.cells),
            })),
          )
          .execute();
      }
    },

    /** Forgets bad rows after `afterRow` (a fresh or resumed pass writes them again). */
    async deleteErrors(importId: string, afterRow: number): Promise<void> {
      await db
        .deleteFrom('import_errors')
        .where('import_id', '=', importId)
        .where('row_no', '>', afterRow)
        .execute();
    },

    async countErrors(importId: string): Promise<number> {
      const r = await db
        .selectFrom('import_errors')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('import_id', '=', importId)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },

    /** Bad rows in row order, from `afterRow` on (keyset paging). */
    async errorsPage(importId: string, afterRow: number, limit: number) {
      return db
        .selectFrom('import_errors')
        .selectAll()
        .where('import_id', '=', importId)
        .where('row_no', '>', afterRow)
        .orderBy('row_no')
        .limit(limit)
        .execute();
    },

    /** Which of the keys an earlier import has already committed. */
    async committedKeys(kind: ImportKind, keys: string[]): Promise<Set<string>> {
      const found = new Set<string>();
      for (let i = 0; i < keys.length; i += 500) {
        const rows = await db
          .selectFrom('import_keys')
          .select('key_hash')
          .where('kind', '=', kind)
          .where('key_hash', 'in', keys.slice(i, i + 500))
          .execute();
        rows.forEach((r) => found.add(r.key_hash));
      }
      return found;
    },

    async insertKeys(
      rows: {
        kind: ImportKind;
        key_hash: string;
        record_id: string;
        import_id: string;
        row_no: number;
        created_at: number;
      }[],
    ): Promise<void> {
      await bulkInsert(db, 'import_keys', rows);
    },
  };
}

export type ImportRepository = ReturnType<typeof createImportRepository>;
