import { type Compilable, CompiledQuery, type DialectAdapter, type Kysely } from 'kysely';

import type { DB } from './schema';

/** The largest chunk of a multi-row statement (power of two; ≤ 128 rows × 40 columns). */
export const MAX_CHUNK = 128;

/** Up to this many rows go in one chunk of exactly their number. */
const SMALL = 8;

/**
 * Splits `n` rows into chunks whose sizes are powers of two (biggest first, each ≤ `max`), the
 * last ≤ 8 rows in one chunk: a batch of any size then uses at most log2(max)+8 distinct SQL
 * texts per statement, so the SQL compiled here and SQLite's prepared-statement cache
 * (db/database.ts) stay small and warm, while PostgreSQL still gets few round trips per batch.
 */
export function chunkSizes(n: number, max = MAX_CHUNK): number[] {
  const sizes: number[] = [];
  let rest = n;
  let size = max;
  while (rest > SMALL) {
    while (size > rest) {
      size /= 2;
    }
    sizes.push(size);
    rest -= size;
  }
  if (rest > 0) {
    sizes.push(rest);
  }
  return sizes;
}

/** `items` cut into consecutive chunks of `chunkSizes(items.length)`. */
export function inChunks<T>(items: readonly T[], max = MAX_CHUNK): T[][] {
  const out: T[][] = [];
  let at = 0;
  for (const size of chunkSizes(items.length, max)) {
    out.push(items.slice(at, at + size));
    at += size;
  }
  return out;
}

/**
 * A multi-row write (INSERT … VALUES, with or without ON CONFLICT) whose SQL Kysely compiles
 * once per dialect and row count; later calls only bind the values. Building and compiling a
 * Kysely insert costs microseconds per value, which dominated the intake path; binding costs
 * nothing. `build` must produce the statement from the given rows, with every row's values in
 * `columns` order and no other parameters (checked when the SQL is compiled).
 */
export function preparedRows<Row extends object>(input: {
  columns: readonly (keyof Row & string)[];
  build: (db: Kysely<DB>, rows: Record<string, unknown>[]) => Compilable;
  /** Largest chunk (a power of two; rows × columns must stay under 32,766 parameters). */
  maxChunk?: number;
}): (db: Kysely<DB>, rows: readonly Row[]) => Promise<void> {
  const { columns, build } = input;
  const maxChunk = input.maxChunk ?? MAX_CHUNK;
  const compiled = new WeakMap<DialectAdapter, Map<number, string>>();
  const valuesOf = (rows: readonly Row[]): unknown[] => {
    const params: unknown[] = [];
    for (const row of rows) {
      for (const c of columns) {
        params.push((row as Record<string, unknown>)[c]);
      }
    }
    return params;
  };
  const sqlFor = (db: Kysely<DB>, rows: readonly Row[]): string => {
    const adapter = db.getExecutor().adapter;
    let bySize = compiled.get(adapter);
    if (!bySize) {
      bySize = new Map();
      compiled.set(adapter, bySize);
    }
    let text = bySize.get(rows.length);
    if (text === undefined) {
      const query = build(
        db,
        rows.map((row) =>
          Object.fromEntries(columns.map((c) => [c, (row as Record<string, unknown>)[c]])),
        ),
      ).compile();
      const params = valuesOf(rows);
      if (
        query.parameters.length !== params.length ||
        query.parameters.some((p, i) => p !== params[i])
      ) {
        throw new Error(`preparedRows: parameters of "${query.sql.slice(0, 60)}…" are not rows`);
      }
      text = query.sql;
      bySize.set(rows.length, text);
    }
    return text;
  };
  return async (db, rows) => {
    let at = 0;
    for (const size of chunkSizes(rows.length, maxChunk)) {
      const chunk = rows.slice(at, at + size);
      at += size;
      await db.executeQuery(CompiledQuery.raw(sqlFor(db, chunk), valuesOf(chunk)));
    }
  };
}
