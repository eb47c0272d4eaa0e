import { type Kysely, type SelectQueryBuilder, sql } from 'kysely';

import type { Dialect } from './database';

/**
 * The few places where SQLite and PostgreSQL differ. Everything else is portable Kysely.
 */

/** Adds `FOR UPDATE SKIP LOCKED` on PostgreSQL; SQLite serialises writers, so nothing is needed. */
export function lockForClaim<DB, TB extends keyof DB, O>(
  dialect: Dialect,
  qb: SelectQueryBuilder<DB, TB, O>,
): SelectQueryBuilder<DB, TB, O> {
  return dialect === 'postgres' ? qb.forUpdate().skipLocked() : qb;
}

/** Adds `FOR UPDATE` on PostgreSQL to serialise read-modify-write of one row. */
export function lockRow<DB, TB extends keyof DB, O>(
  dialect: Dialect,
  qb: SelectQueryBuilder<DB, TB, O>,
): SelectQueryBuilder<DB, TB, O> {
  return dialect === 'postgres' ? qb.forUpdate() : qb;
}

/** True when an error is a unique-constraint violation on either dialect. */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) {
    return false;
  }
  const e = error as { code?: unknown };
  return (
    e.code === '23505' ||
    e.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}

/** True when an error is a foreign-key violation on either dialect. */
export function isForeignKeyViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

/** True when PostgreSQL aborted a transaction to resolve a deadlock or serialisation conflict. */
export function isRetryableConflict(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '40P01' || code === '40001' || code === 'SQLITE_BUSY';
}

/** Database readiness probe used by /readyz. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function ping(db: Kysely<any>): Promise<void> {
  await db.selectNoFrom((eb) => eb.lit(1).as('ok')).execute();
}

const bulkWriters = new WeakMap<object, number>();

/**
 * Runs `fn` with SQLite tuned for a bulk write (the commit of a large import): a 16 MB page cache
 * instead of the default 2 MB, so that the random-order index inserts of a large batch hit
 * memory, and a WAL checkpoint every ~40 MB instead of every 4 MB. Durability is unchanged
 * (synchronous stays FULL). Restored when the last concurrent bulk writer ends. PostgreSQL:
 * nothing to do.
 */
export async function withBulkWrites<T>(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  db: Kysely<any>,
  dialect: Dialect,
  fn: () => Promise<T>,
): Promise<T> {
  if (dialect !== 'sqlite') {
    return fn();
  }
  const active = bulkWriters.get(db) ?? 0;
  bulkWriters.set(db, active + 1);
  if (active === 0) {
    await sql`pragma cache_size = -16000`.execute(db);
    await sql`pragma wal_autocheckpoint = 10000`.execute(db);
  }
  try {
    return await fn();
  } finally {
    const left = (bulkWriters.get(db) ?? 1) - 1;
    bulkWriters.set(db, left);
    if (left === 0) {
      await sql`pragma cache_size = -2000`.execute(db);
      await sql`pragma wal_autocheckpoint = 1000`.execute(db);
    }
  }
}
