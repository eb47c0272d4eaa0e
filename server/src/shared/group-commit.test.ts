import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDatabase, type TestDatabase } from '../../test/test-db';
import { type BatchWork, createGroupCommitter } from './group-commit';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.destroy();
});

const insert = (name: string) => (trx: TestDatabase['db']) =>
  trx
    .insertInto('counters')
    .values({ name, value: 1 })
    .execute()
    .then(() => name);

describe('group commit', () => {
  it('commits many concurrent writes in few transactions and answers each after commit', async () => {
    const committer = createGroupCommitter(database.db, { maxWaitMs: 5, maxBatch: 64 });
    const names = Array.from({ length: 200 }, (_, i) => `gc-${i}`);
    const results = await Promise.all(names.map((n) => committer.run(insert(n))));
    expect(results).toEqual(names);
    const rows = await database.db
      .selectFrom('counters')
      .select('name')
      .where('name', 'like', 'gc-%')
      .execute();
    expect(rows).toHaveLength(200);
    await committer.close();
  });

  it('isolates a failing item: the others commit, the failing one is rejected', async () => {
    const committer = createGroupCommitter(database.db, { maxWaitMs: 5, maxBatch: 64 });
    await database.db.insertInto('counters').values({ name: 'dup', value: 1 }).execute();
    const outcomes = await Promise.allSettled([
      committer.run(insert('iso-1')),
      committer.run(insert('dup')),
      committer.run(insert('iso-2')),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const rows = await database.db
      .selectFrom('counters')
      .select('name')
      .where('name', 'in', ['iso-1', 'iso-2'])
      .execute();
    expect(rows).toHaveLength(2);
    await committer.close();
  });

  it('keeps at most `concurrency` batches in flight and commits every item once', async () => {
    // SQLite has one writer (concurrency 1 there); PostgreSQL runs batches on separate connections.
    const concurrency = database.dialect === 'postgres' ? 3 : 1;
    const committer = createGroupCommitter(database.db, {
      maxWaitMs: 1,
      maxBatch: 8,
      concurrency,
    });
    let active = 0;
    let peak = 0;
    const sizes: number[] = [];
    committer.observe((size) => sizes.push(size));
    const slowInsert = (name: string) => async (trx: TestDatabase['db']) => {
      active += 1;
      peak = Math.max(peak, active);
      await new Promise((resolve) => setTimeout(resolve, 2));
      active -= 1;
      return insert(name)(trx);
    };
    const names = Array.from({ length: 60 }, (_, i) => `cc-${i}`);
    const results = await Promise.all(names.map((n) => committer.run(slowInsert(n))));
    expect(results).toEqual(names);
    // Never more than `concurrency`; on PostgreSQL batches do overlap (how many at the peak
    // depends on the machine's load, so only "more than one" is asserted).
    expect(peak).toBeLessThanOrEqual(concurrency);
    if (concurrency > 1) {
      expect(peak).toBeGreaterThan(1);
    }
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(60);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(8);
    const rows = await database.db
      .selectFrom('counters')
      .select('name')
      .where('name', 'like', 'cc-%')
      .execute();
    expect(rows).toHaveLength(60);
    await committer.close();
  });

  it('flushes queued work on close and refuses new work afterwards', async () => {
    const committer = createGroupCommitter(database.db, { maxWaitMs: 50, maxBatch: 1000 });
    const pending = committer.run(insert('late-1'));
    await committer.close();
    await expect(pending).resolves.toBe('late-1');
    await expect(committer.run(insert('late-2'))).rejects.toThrow('closed');
  });

  for (const mode of ['group', 'per-request'] as const) {
    it(`hands a batch work all its items at once, with outcomes per item (${mode})`, async () => {
      const committer = createGroupCommitter(database.db, { mode, maxWaitMs: 5, maxBatch: 64 });
      const calls: string[][] = [];
      // Refuses names starting with "bad" without writing them; "dup" fails the statement.
      const work: BatchWork<string, string> = async (trx, names) => {
        calls.push(names);
        const good = names.filter((n) => !n.startsWith('bad'));
        if (good.length > 0) {
          await trx
            .insertInto('counters')
            .values(good.map((name) => ({ name: `${mode}-${name}`, value: 1 })))
            .execute();
        }
        return names.map((n) =>
          n.startsWith('bad') ? { ok: false, error: new Error(n) } : { ok: true, value: n },
        );
      };
      const first = await Promise.allSettled(
        ['a', 'bad-1', 'b'].map((n) => committer.submit(work, n)),
      );
      expect(first.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect(calls[0]).toEqual(mode === 'group' ? ['a', 'bad-1', 'b'] : ['a']);

      await database.db
        .insertInto('counters')
        .values({ name: `${mode}-dup`, value: 1 })
        .execute();
      const second = await Promise.allSettled(
        ['c', 'dup', 'd'].map((n) => committer.submit(work, n)),
      );
      expect(second.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      const rows = await database.db
        .selectFrom('counters')
        .select('name')
        .where('name', 'like', `${mode}-%`)
        .orderBy('name')
        .execute();
      expect(rows.map((r) => r.name)).toEqual(
        ['a', 'b', 'c', 'd', 'dup'].map((n) => `${mode}-${n}`),
      );
      await committer.close();
    });
  }
});
