import fs from 'node:fs';
import path from 'node:path';

import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';

import type { DB } from './schema';

export type Dialect = 'sqlite' | 'postgres';

export type DbSettings =
  | { client: 'sqlite'; file: string }
  | { client: 'postgres'; url: string; schema?: string; poolSize?: number };

export interface Database {
  db: Kysely<DB>;
  dialect: Dialect;
  /** Closes the pool or the SQLite handle. */
  close(): Promise<void>;
}

// int8 (bigint) columns hold epoch milliseconds and counts: safe as JS numbers (< 2^53).
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

/**
 * Opens the database. SQLite runs in WAL mode with synchronous=FULL so that a commit is durable
 * before the answer is sent (SPEC §10); PostgreSQL keeps its durable defaults.
 */
export function createDatabase(settings: DbSettings): Database {
  if (settings.client === 'sqlite') {
    fs.mkdirSync(path.dirname(settings.file), { recursive: true });
    const handle = new SQLite(settings.file);
    handle.pragma('journal_mode = WAL');
    handle.pragma('synchronous = FULL');
    handle.pragma('foreign_keys = ON');
    handle.pragma('busy_timeout = 5000');
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: handle }) });
    return { db, dialect: 'sqlite', close: () => db.destroy() };
  }
  const pool = new pg.Pool({
    connectionString: settings.url,
    max: settings.poolSize ?? 10,
    ...(settings.schema ? { options: `-c search_path=${settings.schema}` } : {}),
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', close: () => db.destroy() };
}
