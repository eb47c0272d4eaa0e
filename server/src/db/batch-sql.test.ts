import { describe, expect, it } from 'vitest';

import { createTestDatabase } from '../../test/test-db';
import { chunkSizes, inChunks, preparedRows } from './batch-sql';

describe('batch SQL', () => {
  it('cuts any row count into few distinct chunk sizes', () => {
    for (let n = 0; n <= 700; n++) {
      const sizes = chunkSizes(n);
      expect(sizes.reduce((a, b) => a + b, 0)).toBe(n);
      expect(sizes.every((s) => s <= 128 && (s <= 8 || (s & (s - 1)) === 0))).toBe(true);
    }
    expect(chunkSizes(3)).toEqual([3]);
    expect(chunkSizes(50)).toEqual([32, 16, 2]);
    expect(chunkSizes(300)).toEqual([128, 128, 32, 8, 4]);
    expect(inChunks([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toEqual([
      [1, 2, 3, 4, 5, 6, 7, 8],
      [9, 10],
    ]);
  });

  it('writes the rows Kysely would write, reusing the SQL of a chunk size', async () => {
    const database = await createTestDatabase();
    try {
      const insert = preparedRows<{ name: string; value: number }>({
        columns: ['name', 'value'],
        build: (db, rows) =>
          db.insertInto('counters').values(rows as { name: string; value: number }[]),
      });
      const rows = (n: number, tag: string) =>
        Array.from({ length: n }, (_, i) => ({ value: i, name: `${tag}-${i}` }));
      await insert(database.db, rows(37, 'x'));
      await database.db.transaction().execute((trx) => insert(trx, rows(37, 'y')));
      const stored = await database.db
        .selectFrom('counters')
        .select(['name', 'value'])
        .where('name', 'like', '%-%')
        .execute();
      const want = [...rows(37, 'x'), ...rows(37, 'y')].map((r) => ({
        name: r.name,
        value: r.value,
      }));
      const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
      expect(stored.map((r) => ({ name: r.name, value: Number(r.value) })).sort(byName)).toEqual(
        want.sort(byName),
      );
    } finally {
      await database.destroy();
    }
  });

  it('refuses a statement whose parameters are not the rows in column order', async () => {
    const database = await createTestDatabase();
    try {
      const wrong = preparedRows<{ name: string; value: number }>({
        columns: ['value', 'name'],
        build: (db, rows) =>
          db
            .insertInto('counters')
            .values(rows.map((r) => ({ name: r.name as string, value: r.value as number }))),
      });
      await expect(wrong(database.db, [{ name: 'w', value: 1 }])).rejects.toThrow('are not rows');
    } finally {
      await database.destroy();
    }
  });
});
