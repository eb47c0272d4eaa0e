import { CompiledQuery, type Insertable, type Kysely } from 'kysely';

import type { DB, DepartmentTable, EnterpriseTable, Trouble, WorkerTable } from '../../db/schema';
import { eventRow, type TimelineEntry } from '../../shared/timeline';
import { applyTroubleInserts } from '../indices/aggregate-writer';

/** Rows per multi-row INSERT: well below SQLite's 32,766 and PostgreSQL's 65,535 parameters. */
const CHUNK = 100;
const statements = new Map<string, string>();

/**
 * Multi-row INSERT of rows that share their keys. Kysely compiles one row to learn the dialect's
 * quoting and placeholders; the N-row statement text is built once per table and size and
 * executed with the flat parameter list — the query builder's per-value cost made bulk imports
 * several times slower than the database itself (see docs/import-export.md, benchmark). The
 * parameters go straight from the rows into one array per statement (no per-chunk row slices).
 */
export async function bulkInsert<T extends keyof DB>(
  db: Kysely<DB>,
  table: T,
  rows: Insertable<DB[T]>[],
): Promise<void> {
  if (rows.length === 0) {
    return;
  }
  const columns = Object.keys(rows[0]!);
  const width = columns.length;
  const prefix = `${String(table)}|${columns.join(',')}|`;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const n = Math.min(CHUNK, rows.length - i);
    const key = prefix + n;
    let text = statements.get(key);
    if (text === undefined) {
      text = statementText(db, table, rows[i]!, columns, n);
      statements.set(key, text);
    }
    const params: unknown[] = new Array(n * width);
    let p = 0;
    for (let r = i; r < i + n; r++) {
      const row = rows[r] as Record<string, unknown>;
      for (let c = 0; c < width; c++) {
        params[p++] = row[columns[c]!] ?? null;
      }
    }
    await db.executeQuery(CompiledQuery.raw(text, params));
  }
}

function statementText<T extends keyof DB>(
  db: Kysely<DB>,
  table: T,
  sample: Insertable<DB[T]>,
  columns: string[],
  n: number,
): string {
  const one = db.insertInto(table).values(sample).compile().sql;
  const at = one.toLowerCase().lastIndexOf(' values ');
  const numbered = one.includes('$1');
  const tuples: string[] = [];
  for (let r = 0; r < n; r++) {
    const base = r * columns.length;
    tuples.push(`(${columns.map((_, c) => (numbered ? `$${base + c + 1}` : '?')).join(', ')})`);
  }
  return `${one.slice(0, at)} values ${tuples.join(', ')}`;
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
      await bulkInsert(db, 'troubles', rows);
      await applyTroubleInserts(db, rows);
      // The rows appendEvents would write, through the prepared multi-row INSERT.
      await bulkInsert(db, 'events', events.map(eventRow));
    },

    async insertEnterprises(rows: Insertable<EnterpriseTable>[]): Promise<void> {
      await bulkInsert(db, 'enterprises', rows);
    },

    async insertDepartments(rows: Insertable<DepartmentTable>[]): Promise<void> {
      await bulkInsert(db, 'departments', rows);
    },

    async insertWorkers(rows: Insertable<WorkerTable>[]): Promise<void> {
      await bulkInsert(db, 'workers', rows);
    },
  };
}

export type ImportTargetRepository = ReturnType<typeof createImportTargetRepository>;
