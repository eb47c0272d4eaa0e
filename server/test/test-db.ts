import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import pg from 'pg';

import { prepareDatabase } from '../src/bootstrap';
import { createDatabase, type Database } from '../src/db/database';
import type { Clock } from '../src/shared/clock';
import { systemClock } from '../src/shared/clock';

/** Which database the suite runs on: `TEST_DB=postgres` (see scripts/test.mjs) or SQLite. */
export const TEST_DIALECT: 'sqlite' | 'postgres' =
  process.env.TEST_DB === 'postgres' ? 'postgres' : 'sqlite';
export const TEST_PG_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase extends Database {
  /** Drops the schema (PostgreSQL) or deletes the file (SQLite). */
  destroy(): Promise<void>;
  dataDir: string;
}

/**
 * A fresh, migrated database for one test file: a new SQLite file, or a new schema on the test
 * PostgreSQL server. No truncation is ever needed (STYLE §7.9).
 */
export async function createTestDatabase(
  options: { clock?: Clock; prepare?: boolean } = {},
): Promise<TestDatabase> {
  const suffix = randomBytes(6).toString('hex');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fannao-test-'));
  let database: Database;
  let dropSchema: (() => Promise<void>) | null = null;
  if (TEST_DIALECT === 'postgres') {
    const schema = `t_${suffix}`;
    const admin = new pg.Client({ connectionString: TEST_PG_URL });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
    database = createDatabase({ client: 'postgres', url: TEST_PG_URL, schema, poolSize: 5 });
    dropSchema = async () => {
      const c = new pg.Client({ connectionString: TEST_PG_URL });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
    };
  } else {
    database = createDatabase({ client: 'sqlite', file: path.join(dataDir, 'test.sqlite') });
  }
  if (options.prepare !== false) {
    await prepareDatabase(database, options.clock ?? systemClock);
  }
  return {
    ...database,
    dataDir,
    async destroy() {
      await database.close();
      await dropSchema?.();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
