import type { Kysely } from 'kysely';

import type { DB, NotificationChannelTable } from '../../db/schema';

export type ChannelRow = NotificationChannelTable;

/** Notification channels; every query is limited to the caller's communities. */
export function createChannelRepository(db: Kysely<DB>) {
  return {
    /** The communities of a county (an admin's scope). */
    async communityIdsOfCounty(countyId: string): Promise<string[]> {
      const rows = await db
        .selectFrom('communities')
        .select('id')
        .where('county_id', '=', countyId)
        .execute();
      return rows.map((r) => r.id);
    },
    async list(communityIds: string[], communityId?: string) {
      if (communityIds.length === 0) {
        return [];
      }
      return db
        .selectFrom('notification_channels')
        .selectAll()
        .where('community_id', 'in', communityIds)
        .$if(communityId !== undefined, (qb) => qb.where('community_id', '=', communityId!))
        .orderBy('community_id')
        .orderBy('created_at')
        .execute();
    },
    async find(id: string) {
      return db
        .selectFrom('notification_channels')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
    },
    async insert(row: ChannelRow): Promise<void> {
      await db.insertInto('notification_channels').values(row).execute();
    },
    async update(
      id: string,
      patch: Partial<Omit<ChannelRow, 'id' | 'community_id' | 'created_at' | 'created_by'>>,
    ): Promise<void> {
      await db.updateTable('notification_channels').set(patch).where('id', '=', id).execute();
    },
    /** Deletes a channel with no deliveries; one with history is deactivated instead. */
    async remove(id: string, now: number): Promise<'deleted' | 'deactivated'> {
      return db.transaction().execute(async (trx) => {
        const used = await trx
          .selectFrom('deliveries')
          .select('id')
          .where('channel_id', '=', id)
          .limit(1)
          .executeTakeFirst();
        if (used) {
          await trx
            .updateTable('notification_channels')
            .set({ active: 0, updated_at: now })
            .where('id', '=', id)
            .execute();
          return 'deactivated';
        }
        await trx.deleteFrom('notification_channels').where('id', '=', id).execute();
        return 'deleted';
      });
    },
  };
}
