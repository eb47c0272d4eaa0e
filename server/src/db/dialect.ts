import type { Kysely, SelectQueryBuilder } from 'kysely';

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
