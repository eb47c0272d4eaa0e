import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDatabase, type TestDatabase } from '../../../test/test-db';
import { FakeClock } from '../clock';
import { nextCounter } from '../counters';
import { enqueueJob } from './job-queue';
import { createJobRunner } from './job-runner';

let database: TestDatabase;
const clock = new FakeClock(Date.parse('2024-01-01T00:00:00Z'));

beforeAll(async () => {
  database = await createTestDatabase({ clock });
});
afterAll(async () => {
  await database.destroy();
});

describe('database job queue', () => {
  it('enqueues a dedupe key once', async () => {
    const first = await enqueueJob(database.db, {
      kind: 'k',
      dedupeKey: 'once',
      runAt: clock.now(),
      now: clock.now(),
    });
    const second = await enqueueJob(database.db, {
      kind: 'k',
      dedupeKey: 'once',
      runAt: clock.now(),
      now: clock.now(),
    });
    expect([first, second]).toEqual([true, false]);
  });

  it('runs every job exactly once with two runners claiming concurrently', async () => {
    for (let i = 0; i < 60; i++) {
      await enqueueJob(database.db, {
        kind: 'count',
        dedupeKey: `count-${i}`,
        payload: { i },
        runAt: clock.now(),
        now: clock.now(),
      });
    }
    const handlers = {
      k: async () => {},
      count: async (payload: unknown) => {
        await database.db
          .transaction()
          .execute((trx) => nextCounter(trx, `ran-${(payload as { i: number }).i}`));
      },
    };
    const a = createJobRunner({ db: database.db, dialect: database.dialect, clock, handlers });
    const b = createJobRunner({ db: database.db, dialect: database.dialect, clock, handlers });
    const [ranA, ranB] = await Promise.all([a.runDue(1000), b.runDue(1000)]);
    expect(ranA + ranB).toBe(61);
    const counters = await database.db
      .selectFrom('counters')
      .selectAll()
      .where('name', 'like', 'ran-%')
      .execute();
    expect(counters).toHaveLength(60);
    expect(counters.every((c) => c.value === 1)).toBe(true);
  });

  it('retries a failing job with backoff, then marks it failed', async () => {
    await enqueueJob(database.db, {
      kind: 'boom',
      dedupeKey: 'boom-1',
      runAt: clock.now(),
      now: clock.now(),
      maxAttempts: 2,
    });
    const runner = createJobRunner({
      db: database.db,
      dialect: database.dialect,
      clock,
      handlers: { boom: () => Promise.reject(new Error('disk on fire')) },
    });
    expect(await runner.runDue()).toBe(1);
    let job = await database.db
      .selectFrom('jobs')
      .selectAll()
      .where('dedupe_key', '=', 'boom-1')
      .executeTakeFirstOrThrow();
    expect(job.state).toBe('queued');
    expect(job.run_at).toBeGreaterThan(clock.now());
    expect(await runner.runDue()).toBe(0); // not due yet
    clock.advance(60_000);
    expect(await runner.runDue()).toBe(1);
    job = await database.db
      .selectFrom('jobs')
      .selectAll()
      .where('dedupe_key', '=', 'boom-1')
      .executeTakeFirstOrThrow();
    expect(job.state).toBe('failed');
    expect(job.last_error).toBe('disk on fire');
  });

  it('reclaims a job whose worker died (lease expired)', async () => {
    await enqueueJob(database.db, {
      kind: 'k',
      dedupeKey: 'lease-1',
      runAt: clock.now(),
      now: clock.now(),
    });
    await database.db
      .updateTable('jobs')
      .set({ state: 'running', locked_by: 'dead-worker', locked_until: clock.now() - 1 })
      .where('dedupe_key', '=', 'lease-1')
      .execute();
    const runner = createJobRunner({
      db: database.db,
      dialect: database.dialect,
      clock,
      handlers: { k: async () => {} },
    });
    expect(await runner.runDue()).toBe(1);
    const job = await database.db
      .selectFrom('jobs')
      .selectAll()
      .where('dedupe_key', '=', 'lease-1')
      .executeTakeFirstOrThrow();
    expect(job.state).toBe('done');
  });
});
