import fs from 'node:fs';
import path from 'node:path';

import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { testConfig } from '../../test/build-test-app';
import { buildStaffSet, buildWorld } from '../../test/factories';
import { createTestDatabase, TEST_DIALECT, type TestDatabase } from '../../test/test-db';
import { prepareDatabase } from '../bootstrap';
import { createDeps, type Deps } from '../deps';
import { createProblemService } from '../modules/problems';
import { createTroubleIntake } from '../modules/troubles';
import type { Actor } from '../shared/actor';
import { systemClock } from '../shared/clock';
import { backupDatabase, listTables, restoreDatabase } from './backup';
import { createDatabase, type Database, type Dialect } from './database';
import type { DB } from './schema';

let source: TestDatabase;
let deps: Deps;
let world: Awaited<ReturnType<typeof buildWorld>>;
let intake: ReturnType<typeof createTroubleIntake>;
let staff: Actor;
const cleanups: (() => Promise<void>)[] = [];

/** Every row of every application table, canonical and sorted, per table. */
async function dump(db: Kysely<DB>, dialect: Dialect): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of await listTables(db, dialect)) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db);
    out[table] = rows.rows
      .map((r) =>
        JSON.stringify(
          Object.fromEntries(Object.entries(r).sort(([a], [b]) => a.localeCompare(b))),
        ),
      )
      .sort();
  }
  return out;
}

const report = (n: number) =>
  intake({
    actor: staff,
    body: {
      communityId: world.community.id,
      channel: 'online',
      body: `备份测试第${n}条：厂区门口路灯坏了`,
      severity: n % 3 === 0 ? 'major' : 'minor',
      urgency: 'normal',
      workersAffected: 1 + (n % 5),
      anonymous: true,
      attachmentIds: [],
    },
    idempotencyKey: `backup-test-${n}`,
  });

async function freshTarget(): Promise<TestDatabase> {
  const target = await createTestDatabase({ prepare: false });
  cleanups.push(() => target.destroy());
  return target;
}

beforeAll(async () => {
  source = await createTestDatabase();
  world = await buildWorld(source.db);
  const users = await buildStaffSet(source.db, world);
  staff = users.staff.actor;
  deps = createDeps(testConfig(source.dataDir), source, systemClock);
  intake = createTroubleIntake(deps);
  const first = await report(0);
  await createProblemService(deps).createFromTroubles({
    actor: users.staff.actor,
    troubleIds: [first.trouble.id],
    title: '路灯',
  });
  for (let i = 1; i < 30; i++) {
    await report(i);
  }
});
afterAll(async () => {
  await deps.committer.close();
  for (const c of cleanups) {
    await c();
  }
  await source.destroy();
});

describe('backup and restore', () => {
  it('restores into a fresh database with every table equal row by row', async () => {
    const file = path.join(source.dataDir, 'full.ndjson.gz');
    const result = await backupDatabase(source, file);
    expect(result.counts.troubles).toBe(30);
    const target = await freshTarget();
    const restored = await restoreDatabase(target, file);
    expect(restored.rows).toBe(result.rows);
    const before = await dump(source.db, source.dialect);
    const after = await dump(target.db, target.dialect);
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    for (const table of Object.keys(before)) {
      expect({ table, rows: after[table] }).toEqual({ table, rows: before[table] });
    }
  });

  it('takes a consistent snapshot while intake keeps writing', async () => {
    let n = 100;
    let writing = true;
    let acknowledgedBeforeBackup = -1;
    const writers = Array.from({ length: 4 }, async () => {
      while (writing) {
        await report(n++);
      }
    });
    await new Promise((r) => setTimeout(r, 150));
    const count = async (db: Kysely<DB>) =>
      Number(
        (
          await db
            .selectFrom('troubles')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    acknowledgedBeforeBackup = await count(source.db);
    const file = path.join(source.dataDir, 'online.ndjson.gz');
    await backupDatabase(source, file);
    writing = false;
    await Promise.all(writers);
    expect(await count(source.db)).toBeGreaterThan(acknowledgedBeforeBackup);

    const target = await freshTarget();
    await restoreDatabase(target, file);
    const troubles = await count(target.db);
    expect(troubles).toBeGreaterThanOrEqual(acknowledgedBeforeBackup);
    // One instant: the aggregates, the timeline and the troubles agree with each other.
    const agg = await target.db
      .selectFrom('agg_trouble_days')
      .select((eb) => eb.fn.sum<number>('troubles').as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(agg.n)).toBe(troubles);
    const received = await target.db
      .selectFrom('events')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('entity_type', '=', 'trouble')
      .where('action', '=', 'receive')
      .executeTakeFirstOrThrow();
    expect(Number(received.n)).toBe(troubles);
  });

  it('refuses a database that holds data unless forced', async () => {
    const file = path.join(source.dataDir, 'refuse.ndjson.gz');
    await backupDatabase(source, file);
    await expect(restoreDatabase(source, file)).rejects.toThrow(/not empty/);
    // A freshly migrated database (reference data only) counts as fresh.
    const migrated = await freshTarget();
    await prepareDatabase(migrated, systemClock);
    await expect(restoreDatabase(migrated, file)).resolves.toMatchObject({
      rows: expect.any(Number),
    });
    await expect(restoreDatabase(migrated, file, { force: true })).resolves.toBeDefined();
  });

  it.runIf(TEST_DIALECT === 'postgres')(
    'restores a PostgreSQL backup into SQLite (portable format)',
    async () => {
      const file = path.join(source.dataDir, 'portable.ndjson.gz');
      await backupDatabase(source, file);
      fs.mkdirSync(path.join(source.dataDir, 'sqlite'), { recursive: true });
      const target: Database = createDatabase({
        client: 'sqlite',
        file: path.join(source.dataDir, 'sqlite', 'restored.sqlite'),
      });
      cleanups.push(() => target.close());
      await restoreDatabase(target, file);
      const before = await dump(source.db, source.dialect);
      const after = await dump(target.db, target.dialect);
      for (const table of Object.keys(before)) {
        expect({ table, rows: after[table] }).toEqual({ table, rows: before[table] });
      }
    },
  );
});
