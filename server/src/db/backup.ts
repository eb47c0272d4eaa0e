import { once } from 'node:events';
import fs from 'node:fs';
import readline from 'node:readline';
import zlib from 'node:zlib';

import SQLite from 'better-sqlite3';
import { type Kysely, sql } from 'kysely';

import { migrations } from '../migrations';
import type { Database, Dialect } from './database';
import { createMigrator, migrateToLatest } from './migrate';
import type { DB } from './schema';

/**
 * Portable backups (`npx fannao backup` / `restore`): gzip-compressed NDJSON — a manifest line
 * (format, migration version, table order), then per table a header line and one JSON array per
 * row, then a trailer with the row counts. The same file restores into SQLite or PostgreSQL.
 *
 * Consistency: SQLite is read through its own read-only handle inside one read transaction (a
 * WAL snapshot: writers go on, the backup sees one instant); PostgreSQL inside one REPEATABLE
 * READ READ ONLY transaction with a cursor per table. Tables go in foreign-key order.
 */
export const BACKUP_FORMAT = 'fannao-backup';
export const BACKUP_VERSION = 1;

type Value = string | number | null | { $b64: string };

interface Manifest {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  dialect: Dialect;
  migration: string;
  migrations: string[];
  tables: string[];
}

interface ForeignKey {
  table: string;
  column: string;
  references: string;
}

/** Application tables (without Kysely's migration tables). */
export async function listTables(db: Kysely<DB>, dialect: Dialect): Promise<string[]> {
  const rows =
    dialect === 'sqlite'
      ? await sql<{ name: string }>`select name from sqlite_master where type = 'table'
          and name not like 'sqlite_%' and name not like 'kysely_%' order by name`.execute(db)
      : await sql<{ name: string }>`select table_name as name from information_schema.tables
          where table_schema = current_schema() and table_type = 'BASE TABLE'
          and table_name not like 'kysely_%' order by table_name`.execute(db);
  return rows.rows.map((r) => r.name);
}

async function foreignKeys(db: Kysely<DB>, dialect: Dialect, tables: string[]) {
  const keys: ForeignKey[] = [];
  if (dialect === 'sqlite') {
    for (const table of tables) {
      const rows = await sql<{
        table: string;
        from: string;
      }>`select * from pragma_foreign_key_list(${table})`.execute(db);
      keys.push(...rows.rows.map((r) => ({ table, column: r.from, references: r.table })));
    }
    return keys;
  }
  const rows = await sql<ForeignKey>`
    select c.relname as "table", a.attname as "column", r.relname as "references"
    from pg_constraint k
    join pg_class c on c.oid = k.conrelid
    join pg_class r on r.oid = k.confrelid
    join pg_namespace n on n.oid = c.relnamespace
    join pg_attribute a on a.attrelid = k.conrelid and a.attnum = any(k.conkey)
    where k.contype = 'f' and n.nspname = current_schema()`.execute(db);
  return rows.rows;
}

/** Tables ordered so that a referenced table comes first (cycles broken by name order). */
function fkOrder(tables: string[], keys: ForeignKey[]): string[] {
  const done = new Set<string>();
  const order: string[] = [];
  const visiting = new Set<string>();
  const visit = (t: string) => {
    if (done.has(t) || visiting.has(t)) {
      return;
    }
    visiting.add(t);
    for (const k of keys) {
      if (k.table === t && k.references !== t && tables.includes(k.references)) {
        visit(k.references);
      }
    }
    visiting.delete(t);
    done.add(t);
    order.push(t);
  };
  [...tables].sort().forEach(visit);
  return order;
}

function encode(v: unknown): Value {
  if (v === null || v === undefined) {
    return null;
  }
  if (Buffer.isBuffer(v)) {
    return { $b64: v.toString('base64') };
  }
  if (typeof v === 'bigint') {
    return Number(v);
  }
  if (typeof v === 'number' || typeof v === 'string') {
    return v;
  }
  if (typeof v === 'boolean') {
    return v ? 1 : 0;
  }
  return JSON.stringify(v);
}

function decode(v: Value): unknown {
  return v !== null && typeof v === 'object' ? Buffer.from(v.$b64, 'base64') : v;
}

/** Writes lines to a gzip file with back-pressure. */
function gzipWriter(file: string) {
  const gzip = zlib.createGzip();
  const out = fs.createWriteStream(file);
  gzip.pipe(out);
  let buffered: string[] = [];
  let size = 0;
  const flush = async () => {
    if (buffered.length > 0 && !gzip.write(buffered.join(''))) {
      await once(gzip, 'drain');
    }
    buffered = [];
    size = 0;
  };
  return {
    async line(value: unknown) {
      const text = `${JSON.stringify(value)}\n`;
      buffered.push(text);
      size += text.length;
      if (size > 256 * 1024) {
        await flush();
      }
    },
    async close() {
      await flush();
      gzip.end();
      await once(out, 'close');
    },
  };
}

/** Writes a consistent backup of `database` to `file`; returns the row counts. */
export async function backupDatabase(
  database: Database,
  file: string,
): Promise<{ tables: number; rows: number; counts: Record<string, number> }> {
  const tables = await listTables(database.db, database.dialect);
  const order = fkOrder(tables, await foreignKeys(database.db, database.dialect, tables));
  const applied = await sql<{
    name: string;
  }>`select name from kysely_migration order by name`.execute(database.db);
  const names = applied.rows.map((r) => r.name);
  const manifest: Manifest = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    createdAt: new Date().toISOString(),
    dialect: database.dialect,
    migration: names[names.length - 1] ?? '',
    migrations: names,
    tables: order,
  };
  const tmp = `${file}.partial`;
  const writer = gzipWriter(tmp);
  const counts: Record<string, number> = {};
  await writer.line(manifest);
  if (database.dialect === 'sqlite') {
    if (!database.sqliteFile) {
      throw new Error('SQLite backup needs the database file');
    }
    const handle = new SQLite(database.sqliteFile, { readonly: true });
    try {
      handle.exec('begin');
      for (const table of order) {
        const statement = handle.prepare(`select * from "${table}"`).raw(true);
        await writer.line({ table, columns: statement.columns().map((c) => c.name) });
        let n = 0;
        for (const row of statement.iterate() as Iterable<unknown[]>) {
          await writer.line(row.map(encode));
          n++;
        }
        counts[table] = n;
      }
      handle.exec('commit');
    } finally {
      handle.close();
    }
  } else {
    await database.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (trx) => {
        await sql`set transaction read only`.execute(trx);
        for (const table of order) {
          await sql`declare backup_cursor no scroll cursor for select * from ${sql.table(table)}`.execute(
            trx,
          );
          let columns: string[] | null = null;
          let n = 0;
          for (;;) {
            const page = await sql<Record<string, unknown>>`fetch 2000 from backup_cursor`.execute(
              trx,
            );
            if (columns === null) {
              columns = await columnNames(trx, table);
              await writer.line({ table, columns });
            }
            for (const row of page.rows) {
              await writer.line(columns.map((c) => encode(row[c])));
              n++;
            }
            if (page.rows.length < 2000) {
              break;
            }
          }
          await sql`close backup_cursor`.execute(trx);
          counts[table] = n;
        }
      });
  }
  await writer.line({ end: true, counts });
  await writer.close();
  fs.renameSync(tmp, file);
  return {
    tables: order.length,
    rows: Object.values(counts).reduce((a, b) => a + b, 0),
    counts,
  };
}

async function columnNames(db: Kysely<DB>, table: string): Promise<string[]> {
  const rows = await sql<{ name: string }>`select column_name as name
    from information_schema.columns where table_schema = current_schema() and table_name = ${table}
    order by ordinal_position`.execute(db);
  return rows.rows.map((r) => r.name);
}

/** Tables whose rows make a database "in use" (restore refuses it without --force). */
const IN_USE_TABLES = ['counties', 'communities', 'users', 'troubles'];

/**
 * Restores a backup into `database`: migrates it to the backup's version, refuses a database
 * that already holds data (counties, communities, users or troubles) unless `force`, replaces
 * the contents of every table in one transaction, checks the row counts, then migrates to the
 * current version. Foreign keys that point forward (or to the same table) are filled in after
 * all rows are in.
 */
export async function restoreDatabase(
  database: Database,
  file: string,
  options: { force?: boolean } = {},
): Promise<{ tables: number; rows: number; migration: string }> {
  const lines = readline.createInterface({
    input: fs.createReadStream(file).pipe(zlib.createGunzip()),
    crlfDelay: Infinity,
  });
  const iterator = lines[Symbol.asyncIterator]();
  const first = await iterator.next();
  const manifest = (first.done ? null : JSON.parse(first.value)) as Manifest | null;
  if (manifest?.format !== BACKUP_FORMAT || manifest.version !== BACKUP_VERSION) {
    throw new Error(`${file} is not a Fannao backup (format ${BACKUP_FORMAT} v${BACKUP_VERSION})`);
  }
  const known = Object.keys(migrations);
  const unknown = manifest.migrations.filter((m) => !known.includes(m));
  if (unknown.length > 0) {
    throw new Error(
      `the backup was made by a newer release (migrations ${unknown.join(', ')}); restore it with that release`,
    );
  }
  const { db, dialect } = database;
  const migrator = await createMigrator(db);
  const existing = await listTables(db, dialect);
  if (!options.force) {
    for (const table of IN_USE_TABLES.filter((t) => existing.includes(t))) {
      const r = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db);
      if (Number(r.rows[0]?.n ?? 0) > 0) {
        throw new Error(
          `the target database is not empty (${table} has rows); restore into a fresh database or pass --force`,
        );
      }
    }
  }
  const migrated = await migrator.migrateTo(manifest.migration);
  if (migrated.error) {
    throw migrated.error instanceof Error
      ? migrated.error
      : new Error(JSON.stringify(migrated.error));
  }
  const tables = await listTables(db, dialect);
  const keys = await foreignKeys(db, dialect, tables);
  const missing = manifest.tables.filter((t) => !tables.includes(t));
  if (missing.length > 0) {
    throw new Error(`tables missing in the target: ${missing.join(', ')}`);
  }
  let rows = 0;
  await db.transaction().execute(async (trx) => {
    for (const table of [...manifest.tables].reverse()) {
      await sql`delete from ${sql.table(table)}`.execute(trx);
    }
    const inserted = new Set<string>();
    const deferred: { table: string; column: string; id: unknown; value: unknown }[] = [];
    let table = '';
    let columns: string[] = [];
    let later: number[] = [];
    let idIndex = -1;
    let batch: unknown[][] = [];
    const counts: Record<string, number> = {};
    const flush = async () => {
      const chunk = Math.max(1, Math.floor(30_000 / Math.max(1, columns.length)));
      for (let i = 0; i < batch.length; i += Math.min(chunk, 500)) {
        const slice = batch.slice(i, i + Math.min(chunk, 500));
        await trx
          .insertInto(table as keyof DB)
          .values(slice.map((r) => Object.fromEntries(columns.map((c, j) => [c, r[j]]))))
          .execute();
      }
      batch = [];
    };
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      const entry = JSON.parse(next.value) as
        | Value[]
        | { table: string; columns: string[] }
        | { end: true; counts: Record<string, number> };
      if (Array.isArray(entry)) {
        const row = entry.map(decode);
        for (const j of later) {
          if (row[j] !== null) {
            deferred.push({ table, column: columns[j]!, id: row[idIndex], value: row[j] });
            row[j] = null;
          }
        }
        batch.push(row);
        counts[table] = (counts[table] ?? 0) + 1;
        rows++;
        if (batch.length >= 2000) {
          await flush();
        }
      } else if ('table' in entry) {
        await flush();
        if (table) {
          inserted.add(table);
        }
        table = entry.table;
        columns = entry.columns;
        idIndex = columns.indexOf('id');
        // Foreign keys to tables not yet restored (or to this table) are set afterwards.
        later = columns
          .map((c, j) => ({ c, j }))
          .filter(({ c }) =>
            keys.some((k) => k.table === table && k.column === c && !inserted.has(k.references)),
          )
          .map(({ j }) => j);
        if (later.length > 0 && idIndex < 0) {
          throw new Error(`table ${table} has a forward reference but no id column`);
        }
      } else {
        await flush();
        for (const [name, n] of Object.entries(entry.counts)) {
          if ((counts[name] ?? 0) !== n) {
            throw new Error(`table ${name}: ${counts[name] ?? 0} rows read, ${n} expected`);
          }
        }
        for (const d of deferred) {
          await trx
            .updateTable(d.table as keyof DB)
            .set({ [d.column]: d.value } as never)
            .where('id' as never, '=', d.id as never)
            .execute();
        }
        return;
      }
    }
    throw new Error(`${file} is truncated (no trailer)`);
  });
  await migrateToLatest(db);
  return { tables: manifest.tables.length, rows, migration: manifest.migration };
}
