import type { FastifyBaseLogger } from 'fastify';

import type { ChannelKind } from '../../../../common/notifications';
import type { Deps } from '../../deps';
import { newId } from '../../shared/ids';
import { createPoller } from '../../shared/jobs/poller';
import { createChannelRepository } from './channel-repository';
import { createSender, type Sender } from './delivery-senders';
import { createOutboxRepository, type DeliveryRow, type OutboxMessage } from './outbox-repository';

/** Robots' own limits per minute (WeCom and DingTalk 20, Feishu 100); deliveries wait, not fail. */
const PER_MINUTE: Partial<Record<ChannelKind, number>> = { wecom: 20, dingtalk: 20, feishu: 100 };

export interface DeliveryWorker {
  /** Sends due deliveries until none is left (bounded); returns how many were attempted. */
  runDue(max?: number): Promise<number>;
  start(pollMs: number): void;
  stop(): Promise<void>;
}

/**
 * Delivers the outbox (docs/notifications.md). Each row is claimed with a lease (row locks on
 * PostgreSQL), sent once, then marked `sent`; a failure is retried with exponential backoff until
 * its attempts are spent, then marked `failed` for the admins. A row marked sent is never claimed
 * again; a worker that dies between sending and marking leaves a lease that expires, so the row
 * is sent again with the same delivery id (webhook header, e-mail Message-ID) for receivers to
 * drop duplicates.
 */
export function createDeliveryWorker(
  deps: Pick<Deps, 'db' | 'dialect' | 'clock' | 'crypto' | 'config'> & {
    log?: FastifyBaseLogger;
    sender?: Sender;
    leaseMs?: number;
  },
): DeliveryWorker {
  const outbox = createOutboxRepository(deps.db, deps.dialect);
  const channels = createChannelRepository(deps.db);
  const send = deps.sender ?? createSender(deps.config);
  const workerId = `delivery-${newId()}`;
  const leaseMs = deps.leaseMs ?? 2 * 60_000;
  const poller = createPoller(
    () => runDue(),
    (error) => deps.log?.error({ err: error }, 'delivery worker tick failed'),
  );

  async function deliver(row: DeliveryRow): Promise<void> {
    const channel = await channels.find(row.channel_id);
    if (!channel || channel.active !== 1) {
      await outbox.markFailed(row, 'channel inactive or deleted', deps.clock.now(), {
        final: true,
      });
      return;
    }
    const limit = PER_MINUTE[channel.kind];
    if (limit !== undefined) {
      const recent = await outbox.sentSince(channel.id, deps.clock.now() - 60_000);
      if (recent.length >= limit) {
        await outbox.defer(row, recent[recent.length - limit]! + 60_000 + 1);
        return;
      }
    }
    try {
      await send({
        kind: channel.kind,
        target: deps.crypto.decrypt(channel.target_enc),
        secret: channel.secret_enc ? deps.crypto.decrypt(channel.secret_enc) : null,
        message: JSON.parse(row.message) as OutboxMessage,
        deliveryId: row.id,
        event: row.event,
        now: deps.clock.now(),
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      deps.log?.warn({ delivery: row.id, channel: channel.id, err: message }, 'delivery failed');
      await outbox.markFailed(row, message, deps.clock.now());
      return;
    }
    await outbox.markSent(row.id, deps.clock.now());
  }

  async function runDue(max = 100): Promise<number> {
    let n = 0;
    while (n < max && !poller.stopped) {
      const row = await outbox.claim({ workerId, now: deps.clock.now(), leaseMs });
      if (!row) {
        break;
      }
      n++;
      await deliver(row);
    }
    return n;
  }

  return {
    runDue,
    start: (pollMs) => poller.start(pollMs),
    stop: () => poller.stop(),
  };
}
