import type { ChannelKind, NotificationEvent } from '../../../../common/notifications';
import type { Deps } from '../../deps';
import type { Actor } from '../../shared/actor';
import { appendAudit } from '../../shared/audit';
import { badRequest, conflict, notFound, ruleViolation } from '../../shared/errors';
import { newId } from '../../shared/ids';
import { type ChannelRow, createChannelRepository } from './channel-repository';
import type {
  ChannelCreateBody,
  ChannelPatchBody,
  ChannelView,
  DeliveryView,
} from './channel-schemas';
import { createOutboxRepository, type OutboxMessage } from './outbox-repository';

type AdminDeps = Pick<Deps, 'db' | 'dialect' | 'clock' | 'crypto' | 'config'>;

const EMAIL = /^[^\s@,;<>]+@[^\s@,;<>]+\.[^\s@,;<>]+$/;

/** Masks the secret parts of a robot URL: query values and a long last path segment. */
export function maskUrl(raw: string): string {
  const u = new URL(raw);
  const hide = (v: string) => (v.length <= 4 ? '****' : `${v.slice(0, 4)}****`);
  const parts = u.pathname.split('/');
  const last = parts[parts.length - 1] ?? '';
  if (last.length >= 12) {
    parts[parts.length - 1] = hide(last);
  }
  const query = [...u.searchParams.entries()].map(([k, v]) => `${k}=${hide(v)}`).join('&');
  return `${u.protocol}//${u.host}${parts.join('/')}${query ? `?${query}` : ''}`;
}

/** Masks e-mail addresses: z***@example.cn. */
export function maskEmails(addresses: string[]): string {
  return addresses.map((a) => `${a[0] ?? ''}***${a.slice(a.indexOf('@'))}`).join(', ');
}

/**
 * Checks a channel's target and secret for its kind and returns the stored form: the target as
 * given (encrypted later) and its masked hint. Vendor URLs are checked by shape, not host, so
 * that privately deployed WeCom/DingTalk/Feishu servers work too.
 */
function checkTarget(
  kind: ChannelKind,
  target: string,
  secret: string | null,
  smtpConfigured: boolean,
): { target: string; hint: string } {
  if (kind === 'email') {
    if (!smtpConfigured) {
      throw ruleViolation('smtpNotConfigured');
    }
    if (secret) {
      throw badRequest('channelSecretUnused');
    }
    const list = target
      .split(/[,;，；\s]+/)
      .map((a) => a.trim())
      .filter((a) => a.length > 0);
    if (list.length === 0 || list.length > 20 || !list.every((a) => EMAIL.test(a))) {
      throw badRequest('channelEmails');
    }
    return { target: list.join(','), hint: maskEmails(list) };
  }
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw badRequest('channelUrl');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw badRequest('channelUrl');
  }
  const shapeOk =
    kind === 'wecom'
      ? (url.searchParams.get('key') ?? '') !== ''
      : kind === 'dingtalk'
        ? (url.searchParams.get('access_token') ?? '') !== ''
        : kind === 'feishu'
          ? /\/open-apis\/bot\/v2\/hook\/[^/]+$/.test(url.pathname)
          : true;
  if (!shapeOk) {
    throw badRequest('channelUrlShape', { kind });
  }
  if (kind === 'wecom' && secret) {
    throw badRequest('channelSecretUnused');
  }
  if (kind === 'webhook' && !secret) {
    throw badRequest('channelSecretRequired');
  }
  return { target: url.toString(), hint: maskUrl(url.toString()) };
}

function toView(row: ChannelRow): ChannelView {
  return {
    id: row.id,
    communityId: row.community_id,
    name: row.name,
    kind: row.kind,
    events: JSON.parse(row.events) as NotificationEvent[],
    targetMasked: row.target_hint,
    secretSet: row.secret_enc !== null,
    active: row.active === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * Admin side of notifications (SPEC §9): channels per community and event type, with targets
 * and secrets encrypted at rest (shared/field-crypto) and never returned in full; the delivery
 * log with failures and a retry. Scope: the admin's county; other communities answer 404.
 */
export function createNotificationAdmin(deps: AdminDeps) {
  const { db, dialect, clock, crypto, config } = deps;
  const channels = createChannelRepository(db);
  const outbox = createOutboxRepository(db, dialect);

  const scopeOf = (actor: Actor) => channels.communityIdsOfCounty(actor.countyId ?? '');

  async function requireChannel(actor: Actor, id: string): Promise<ChannelRow> {
    const row = await channels.find(id);
    if (!row || !(await scopeOf(actor)).includes(row.community_id)) {
      throw notFound('channel', id);
    }
    return row;
  }

  async function audit(actor: Actor, action: string, id: string, detail: Record<string, unknown>) {
    await db.transaction().execute((trx) =>
      appendAudit(trx, dialect, {
        actor,
        action,
        targetType: 'notificationChannel',
        targetId: id,
        outcome: 'success',
        detail,
        at: clock.now(),
      }),
    );
  }

  return {
    async listChannels(actor: Actor, communityId?: string): Promise<ChannelView[]> {
      return (await channels.list(await scopeOf(actor), communityId)).map(toView);
    },

    async getChannel(actor: Actor, id: string): Promise<ChannelView> {
      return toView(await requireChannel(actor, id));
    },

    async createChannel(input: { actor: Actor; body: ChannelCreateBody }): Promise<ChannelView> {
      const { actor, body } = input;
      if (!(await scopeOf(actor)).includes(body.communityId)) {
        throw notFound('community', body.communityId);
      }
      const checked = checkTarget(
        body.kind,
        body.target,
        body.secret ?? null,
        config.smtp !== null,
      );
      const now = clock.now();
      const row: ChannelRow = {
        id: newId(),
        community_id: body.communityId,
        name: body.name,
        kind: body.kind,
        events: JSON.stringify([...new Set(body.events)]),
        target_enc: crypto.encrypt(checked.target),
        target_hint: checked.hint,
        secret_enc: body.secret ? crypto.encrypt(body.secret) : null,
        active: body.active ? 1 : 0,
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
      };
      await channels.insert(row);
      await audit(actor, 'channel.create', row.id, { kind: row.kind, name: row.name });
      return toView(row);
    },

    async updateChannel(input: {
      actor: Actor;
      id: string;
      body: ChannelPatchBody;
    }): Promise<ChannelView> {
      const { actor, body } = input;
      const row = await requireChannel(actor, input.id);
      const secret =
        body.secret === undefined
          ? row.secret_enc
            ? crypto.decrypt(row.secret_enc)
            : null
          : body.secret;
      const target = body.target ?? crypto.decrypt(row.target_enc);
      const checked = checkTarget(row.kind, target, secret, config.smtp !== null);
      const patch = {
        name: body.name ?? row.name,
        events: body.events ? JSON.stringify([...new Set(body.events)]) : row.events,
        target_enc: body.target === undefined ? row.target_enc : crypto.encrypt(checked.target),
        target_hint: checked.hint,
        secret_enc:
          body.secret === undefined
            ? row.secret_enc
            : body.secret === null
              ? null
              : crypto.encrypt(body.secret),
        active: body.active === undefined ? row.active : body.active ? 1 : 0,
        updated_at: clock.now(),
      } as const;
      await channels.update(row.id, patch);
      await audit(actor, 'channel.update', row.id, {
        fields: Object.keys(body).filter((k) => k !== 'secret' || body.secret !== undefined),
      });
      return toView({ ...row, ...patch });
    },

    async removeChannel(actor: Actor, id: string): Promise<'deleted' | 'deactivated'> {
      const row = await requireChannel(actor, id);
      const result = await channels.remove(row.id, clock.now());
      await audit(actor, 'channel.delete', row.id, { result });
      return result;
    },

    /** Queues a test message on one channel (same outbox, same worker). */
    async testChannel(actor: Actor, id: string): Promise<{ deliveryId: string }> {
      const row = await requireChannel(actor, id);
      const now = clock.now();
      const message: OutboxMessage = {
        title: '测试消息：通知渠道已接通',
        lines: [`渠道“${row.name}”可以收到烦恼指数平台的通知。`, `发送人：${actor.displayName}`],
        linkPath: '/',
      };
      const deliveryId = await outbox.insertTest({
        channelId: row.id,
        communityId: row.community_id,
        message,
        now,
      });
      return { deliveryId };
    },

    async listDeliveries(
      actor: Actor,
      filter: {
        status?: DeliveryView['status'];
        channelId?: string;
        event?: NotificationEvent;
        limit: number;
        offset: number;
      },
    ): Promise<DeliveryView[]> {
      const rows = await outbox.list({
        communityIds: await scopeOf(actor),
        state: filter.status,
        channelId: filter.channelId,
        event: filter.event,
        limit: filter.limit,
        offset: filter.offset,
      });
      return rows.map(toDeliveryView);
    },

    async retryDelivery(actor: Actor, id: string): Promise<DeliveryView> {
      const row = await outbox.find(id);
      if (!row || !(await scopeOf(actor)).includes(row.community_id)) {
        throw notFound('delivery', id);
      }
      if (!(await outbox.retry(id, clock.now()))) {
        throw conflict(row.state === 'sent' ? 'deliverySent' : 'deliveryNotFailed');
      }
      return toDeliveryView((await outbox.find(id))!);
    },
  };
}

function toDeliveryView(
  r: NonNullable<Awaited<ReturnType<ReturnType<typeof createOutboxRepository>['find']>>>,
): DeliveryView {
  return {
    id: r.id,
    channelId: r.channel_id,
    channelName: r.channel_name,
    channelKind: r.kind,
    communityId: r.community_id,
    event: r.event,
    title: (JSON.parse(r.message) as OutboxMessage).title,
    status: r.state,
    attempts: r.attempts,
    maxAttempts: r.max_attempts,
    nextAttemptAt: r.state === 'pending' ? r.next_attempt_at : null,
    lastAttemptAt: r.last_attempt_at,
    lastError: r.last_error,
    sentAt: r.sent_at,
    createdAt: r.created_at,
  };
}

export type NotificationAdmin = ReturnType<typeof createNotificationAdmin>;
