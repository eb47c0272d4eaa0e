import type { Kysely } from 'kysely';

import type { NotificationEvent } from '../../../../common/notifications';
import type { Dialect } from '../../db/database';
import { lockForClaim } from '../../db/dialect';
import type { DB, DeliveryTable } from '../../db/schema';
import { newId } from '../../shared/ids';

/** What a delivery says; rendered into each channel's format when it is sent. */
export interface OutboxMessage {
  title: string;
  /** Plain lines (Chinese), one fact each; formats add their own markup. */
  lines: string[];
  /** Path under PUBLIC_URL of the record, e.g. `/problems/<id>`; null when there is none. */
  linkPath: string | null;
}

/** Attempts before a delivery is marked failed; backoff 30 s, doubling, at most 1 h. */
export const MAX_DELIVERY_ATTEMPTS = 8;

/** Delay before attempt n+1 after n failed attempts (n ≥ 1): 30 s · 2^(n−1), capped at 1 h. */
export function backoffMs(attempts: number): number {
  return Math.min(3_600_000, 30_000 * 2 ** Math.max(0, attempts - 1));
}

export type DeliveryRow = DeliveryTable;

/**
 * The transactional outbox (SPEC §9, STYLE §7.3): a trigger calls this inside the transaction of
 * the change, so a rolled-back change leaves no delivery and a committed one always has its
 * rows. One row per subscribed active channel of the community; `delivery_key` (event key ×
 * channel) is unique, so a repeated trigger never queues the same event twice.
 */
export async function enqueueDeliveries(
  trx: Kysely<DB>,
  input: {
    event: NotificationEvent;
    communityId: string;
    /** Unique per event occurrence, e.g. `escalation:<problem>:<kind>:<due>:<level>`. */
    eventKey: string;
    /** The message, or a function building it (only called when a channel subscribes). */
    message: OutboxMessage | (() => Promise<OutboxMessage>);
    now: number;
  },
): Promise<number> {
  const channels = await trx
    .selectFrom('notification_channels')
    .select(['id', 'events'])
    .where('community_id', '=', input.communityId)
    .where('active', '=', 1)
    .execute();
  const subscribed = channels.filter((c) =>
    (JSON.parse(c.events) as string[]).includes(input.event),
  );
  if (subscribed.length === 0) {
    return 0;
  }
  const message = typeof input.message === 'function' ? await input.message() : input.message;
  let queued = 0;
  for (const c of subscribed) {
    const row = await trx
      .insertInto('deliveries')
      .values({
        id: newId(),
        delivery_key: `${input.eventKey}#${c.id}`,
        channel_id: c.id,
        community_id: input.communityId,
        event: input.event,
        event_key: input.eventKey,
        message: JSON.stringify(message),
        state: 'pending',
        attempts: 0,
        max_attempts: MAX_DELIVERY_ATTEMPTS,
        next_attempt_at: input.now,
        locked_by: null,
        locked_until: null,
        last_error: null,
        last_attempt_at: null,
        sent_at: null,
        created_at: input.now,
      })
      .onConflict((oc) => oc.column('delivery_key').doNothing())
      .returning('id')
      .executeTakeFirst();
    queued += row ? 1 : 0;
  }
  return queued;
}

/** Queries of the delivery worker and the admin views. */
export function createOutboxRepository(db: Kysely<DB>, dialect: Dialect) {
  return {
    /**
     * Claims the next due delivery: pending and due, or `sending` with an expired lease (its
     * worker died). Rows marked `sent` are never claimed again.
     */
    async claim(input: { workerId: string; now: number; leaseMs: number }) {
      return db.transaction().execute(async (trx) => {
        const candidate = await lockForClaim(
          dialect,
          trx
            .selectFrom('deliveries')
            .select('id')
            .where((eb) =>
              eb.or([
                eb.and([eb('state', '=', 'pending'), eb('next_attempt_at', '<=', input.now)]),
                eb.and([eb('state', '=', 'sending'), eb('locked_until', '<', input.now)]),
              ]),
            )
            .orderBy('next_attempt_at')
            .limit(1),
        ).executeTakeFirst();
        if (!candidate) {
          return undefined;
        }
        return trx
          .updateTable('deliveries')
          .set((eb) => ({
            state: 'sending',
            locked_by: input.workerId,
            locked_until: input.now + input.leaseMs,
            attempts: eb('attempts', '+', 1),
            last_attempt_at: input.now,
          }))
          .where('id', '=', candidate.id)
          .returningAll()
          .executeTakeFirst();
      });
    },

    /** Marks a claimed row sent (idempotent: a row already sent stays as it is). */
    async markSent(id: string, now: number): Promise<void> {
      await db
        .updateTable('deliveries')
        .set({ state: 'sent', sent_at: now, locked_by: null, locked_until: null, last_error: null })
        .where('id', '=', id)
        .where('state', '=', 'sending')
        .execute();
    },

    /** Records a failed attempt: back to pending with backoff, or failed when exhausted. */
    async markFailed(
      row: DeliveryRow,
      error: string,
      now: number,
      options: { final?: boolean } = {},
    ): Promise<void> {
      const exhausted = options.final === true || row.attempts >= row.max_attempts;
      await db
        .updateTable('deliveries')
        .set({
          state: exhausted ? 'failed' : 'pending',
          next_attempt_at: exhausted ? row.next_attempt_at : now + backoffMs(row.attempts),
          locked_by: null,
          locked_until: null,
          last_error: error.slice(0, 2000),
        })
        .where('id', '=', row.id)
        .where('state', '=', 'sending')
        .where('locked_by', '=', row.locked_by)
        .execute();
    },

    /** Puts a claimed row back without counting the attempt (rate limit of the robot). */
    async defer(row: DeliveryRow, until: number): Promise<void> {
      await db
        .updateTable('deliveries')
        .set((eb) => ({
          state: 'pending',
          next_attempt_at: until,
          locked_by: null,
          locked_until: null,
          attempts: eb('attempts', '-', 1),
        }))
        .where('id', '=', row.id)
        .where('state', '=', 'sending')
        .where('locked_by', '=', row.locked_by)
        .execute();
    },

    /** Deliveries of a channel sent since `since` (for the per-robot rate limit). */
    async sentSince(channelId: string, since: number): Promise<number[]> {
      const rows = await db
        .selectFrom('deliveries')
        .select('sent_at')
        .where('channel_id', '=', channelId)
        .where('state', '=', 'sent')
        .where('sent_at', '>', since)
        .orderBy('sent_at')
        .execute();
      return rows.map((r) => Number(r.sent_at));
    },

    /** Admin list, newest first, within the given communities. */
    async list(filter: {
      communityIds: string[];
      state?: DeliveryRow['state'];
      channelId?: string;
      event?: string;
      limit: number;
      offset: number;
    }) {
      if (filter.communityIds.length === 0) {
        return [];
      }
      return db
        .selectFrom('deliveries')
        .innerJoin('notification_channels', 'notification_channels.id', 'deliveries.channel_id')
        .selectAll('deliveries')
        .select(['notification_channels.name as channel_name', 'notification_channels.kind'])
        .where('deliveries.community_id', 'in', filter.communityIds)
        .$if(filter.state !== undefined, (qb) => qb.where('deliveries.state', '=', filter.state!))
        .$if(filter.channelId !== undefined, (qb) =>
          qb.where('deliveries.channel_id', '=', filter.channelId!),
        )
        .$if(filter.event !== undefined, (qb) => qb.where('deliveries.event', '=', filter.event!))
        .orderBy('deliveries.created_at', 'desc')
        .orderBy('deliveries.id', 'desc')
        .limit(filter.limit)
        .offset(filter.offset)
        .execute();
    },

    async find(id: string) {
      return db
        .selectFrom('deliveries')
        .innerJoin('notification_channels', 'notification_channels.id', 'deliveries.channel_id')
        .selectAll('deliveries')
        .select(['notification_channels.name as channel_name', 'notification_channels.kind'])
        .where('deliveries.id', '=', id)
        .executeTakeFirst();
    },

    /** A one-off test message on a channel: a single attempt, shown in the delivery log. */
    async insertTest(input: {
      channelId: string;
      communityId: string;
      message: OutboxMessage;
      now: number;
    }): Promise<string> {
      const id = newId();
      await db
        .insertInto('deliveries')
        .values({
          id,
          delivery_key: `test:${id}#${input.channelId}`,
          channel_id: input.channelId,
          community_id: input.communityId,
          event: 'test',
          event_key: `test:${id}`,
          message: JSON.stringify(input.message),
          state: 'pending',
          attempts: 0,
          max_attempts: 1,
          next_attempt_at: input.now,
          locked_by: null,
          locked_until: null,
          last_error: null,
          last_attempt_at: null,
          sent_at: null,
          created_at: input.now,
        })
        .execute();
      return id;
    },

    /** A failed delivery gets a fresh round of attempts, due now. */
    async retry(id: string, now: number): Promise<boolean> {
      const r = await db
        .updateTable('deliveries')
        .set((eb) => ({
          state: 'pending',
          next_attempt_at: now,
          max_attempts: eb('attempts', '+', MAX_DELIVERY_ATTEMPTS),
        }))
        .where('id', '=', id)
        .where('state', '=', 'failed')
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
  };
}

export type OutboxRepository = ReturnType<typeof createOutboxRepository>;
