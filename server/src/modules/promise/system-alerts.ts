import type { Kysely } from 'kysely';

import type { DB } from '../../db/schema';
import { newId } from '../../shared/ids';

/** Raises an alert once per key; returns true when it is new. */
export async function raiseAlert(
  db: Kysely<DB>,
  alert: { kind: string; key: string; message: string; now: number },
): Promise<boolean> {
  const existing = await db
    .selectFrom('system_alerts')
    .select(['id', 'resolved_at'])
    .where('alert_key', '=', alert.key)
    .executeTakeFirst();
  if (existing) {
    if (existing.resolved_at !== null) {
      await db
        .updateTable('system_alerts')
        .set({ resolved_at: null, created_at: alert.now, message: alert.message })
        .where('id', '=', existing.id)
        .execute();
      return true;
    }
    return false;
  }
  const row = await db
    .insertInto('system_alerts')
    .values({
      id: newId(),
      kind: alert.kind,
      alert_key: alert.key,
      message: alert.message,
      created_at: alert.now,
      resolved_at: null,
    })
    .onConflict((oc) => oc.column('alert_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function resolveAlert(db: Kysely<DB>, key: string, now: number): Promise<void> {
  await db
    .updateTable('system_alerts')
    .set({ resolved_at: now })
    .where('alert_key', '=', key)
    .where('resolved_at', 'is', null)
    .execute();
}

export async function listOpenAlerts(db: Kysely<DB>) {
  return db
    .selectFrom('system_alerts')
    .selectAll()
    .where('resolved_at', 'is', null)
    .orderBy('created_at', 'desc')
    .execute();
}
