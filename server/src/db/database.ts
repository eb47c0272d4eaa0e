import fs from 'node:fs';
import path from 'node:path';

import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, type SqliteDatabase, SqliteDialect } from 'kysely';
import pg from 'pg';

import type { DB } from './schema';

export type Dialect = 'sqlite' | 'postgres';

export type DbSettings =
  | { client: 'sqlite'; file: string }
  | { client: 'postgres'; url: string; schema?: string; poolSize?: number };

export interface Database {
  db: Kysely<DB>;
  dialect: Dialect;
  /** The SQLite file (SQLite only; the online backup reads it through its own handle). */
  sqliteFile?: string;
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
    const db = new Kysely<DB>({
      dialect: new SqliteDialect({ database: cachingStatements(handle) }),
    });
    return { db, dialect: 'sqlite', sqliteFile: settings.file, close: () => db.destroy() };
  }
  const pool = new pg.Pool({
    connectionString: settings.url,
    max: settings.poolSize ?? 10,
    ...(settings.schema ? { options: `-c search_path=${settings.schema}` } : {}),
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', close: () => db.destroy() };
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely's SQLite driver prepares every query anew; preparing costs about as much as running a
 * small statement, so prepared statements are reused per SQL text (the intake path runs the same
 * dozen statements for every trouble). Kysely holds the single connection for one query at a
 * time, so a cached statement is never used twice at once. Bounded: cleared when full.
 */
function cachingStatements(handle: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => handle.close(),
    prepare(text: string) {
      let statement = cache.get(text);
      if (!statement) {
        if (cache.size >= STATEMENT_CACHE_SIZE) {
          cache.clear();
        }
        statement = handle.prepare(text);
        cache.set(text, statement);
      }
      return statement;
    },
  };
}
