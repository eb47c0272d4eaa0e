import type { Kysely } from 'kysely';

import type { DB } from '../db/schema';

/**
 * Next value of a named counter (problem and supervision-order numbers). Must run inside a
 * transaction; the upsert takes the row lock on PostgreSQL and SQLite has a single writer.
 */
export async function nextCounter(db: Kysely<DB>, name: string): Promise<number> {
  const row = await db
    .insertInto('counters')
    .values({ name, value: 1 })
    .onConflict((oc) =>
      oc.column('name').doUpdateSet((eb) => ({ value: eb('counters.value', '+', 1) })),
    )
    .returning('value')
    .executeTakeFirstOrThrow();
  return row.value;
}
