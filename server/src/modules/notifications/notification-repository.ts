import type { Kysely } from 'kysely';

import type { Role } from '../../../../common/enums';
import type { DB } from '../../db/schema';
import { newId } from '../../shared/ids';

export interface NewNotification {
  kind: string;
  title: string;
  body: string;
  entityType?: string;
  entityId?: string;
  /** Unique per recipient: the same key never notifies the same user twice. */
  dedupeKey: string;
}

/** In-app notifications, written in the same transaction as the change that causes them. */
export async function notifyUsers(
  db: Kysely<DB>,
  userIds: string[],
  n: NewNotification,
  now: number,
): Promise<number> {
  let created = 0;
  for (const userId of [...new Set(userIds)]) {
    const row = await db
      .insertInto('notifications')
      .values({
        id: newId(),
        user_id: userId,
        kind: n.kind,
        title: n.title,
        body: n.body,
        entity_type: n.entityType ?? null,
        entity_id: n.entityId ?? null,
        dedupe_key: `${n.dedupeKey}:${userId}`,
        created_at: now,
        read_at: null,
      })
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .returning('id')
      .executeTakeFirst();
    created += row ? 1 : 0;
  }
  return created;
}

/** Active users with a role, within a county and optionally one community or department. */
export async function usersWithRole(
  db: Kysely<DB>,
  filter: { role: Role; countyId: string; communityId?: string; departmentId?: string },
): Promise<string[]> {
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('role', '=', filter.role)
    .where('county_id', '=', filter.countyId)
    .where('active', '=', 1)
    .$if(filter.communityId !== undefined, (qb) =>
      qb.where('community_id', '=', filter.communityId!),
    )
    .$if(filter.departmentId !== undefined, (qb) =>
      qb.where('department_id', '=', filter.departmentId!),
    )
    .execute();
  return rows.map((r) => r.id);
}

export function createNotificationRepository(db: Kysely<DB>) {
  return {
    async list(userId: string, filter: { unreadOnly: boolean; limit: number; offset: number }) {
      return db
        .selectFrom('notifications')
        .selectAll()
        .where('user_id', '=', userId)
        .$if(filter.unreadOnly, (qb) => qb.where('read_at', 'is', null))
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(filter.limit)
        .offset(filter.offset)
        .execute();
    },
    async unreadCount(userId: string): Promise<number> {
      const r = await db
        .selectFrom('notifications')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('user_id', '=', userId)
        .where('read_at', 'is', null)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async exists(userId: string, id: string): Promise<boolean> {
      const r = await db
        .selectFrom('notifications')
        .select('id')
        .where('user_id', '=', userId)
        .where('id', '=', id)
        .executeTakeFirst();
      return r !== undefined;
    },
    async markRead(userId: string, id: string | null, now: number): Promise<number> {
      const r = await db
        .updateTable('notifications')
        .set({ read_at: now })
        .where('user_id', '=', userId)
        .where('read_at', 'is', null)
        .$if(id !== null, (qb) => qb.where('id', '=', id!))
        .executeTakeFirst();
      return Number(r.numUpdatedRows);
    },
  };
}
