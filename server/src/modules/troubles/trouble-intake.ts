import { createHash } from 'node:crypto';

import type { Kysely } from 'kysely';

import type { ReporterType } from '../../../../common/enums';
import type { DB, Trouble } from '../../db/schema';
import type { Deps } from '../../deps';
import type { Actor } from '../../shared/actor';
import { DAY_MS, formatLocal } from '../../shared/business-time';
import { AppError, badRequest, forbidden, notFound, ruleViolation } from '../../shared/errors';
import { newId } from '../../shared/ids';
import { appendEvent } from '../../shared/timeline';
import { enqueueDeliveries } from '../notifications';
import { computePriority, getCommunitySettings } from '../promise';
import { newTrackingCode } from './tracking-code';
import { createTroubleRepository } from './trouble-repository';
import type { IntakeBody } from './trouble-schemas';

type IntakeDeps = Pick<Deps, 'db' | 'clock' | 'crypto' | 'committer'>;

/** `system` files for integrations (Open311 with its API key's community). */
const INTAKE_ROLES = new Set(['anonymous', 'worker', 'enterprise', 'staff', 'admin', 'system']);
const SELF_SERVICE_CHANNELS = new Set(['online', 'qr']);

interface Placement {
  communityId: string;
  codePrefix: string;
  enterpriseId: string | null;
}

/**
 * Intake of one trouble (SPEC §3). Validates who may file what, then writes through the group
 * committer: the trouble is durable before the caller is answered. With an Idempotency-Key the
 * same key returns the first trouble again (replayed) and never creates a second one; a key
 * reused for a different submission is refused.
 */
export function createTroubleIntake(deps: IntakeDeps) {
  const { db, clock, crypto, committer } = deps;

  async function place(actor: Actor, body: IntakeBody): Promise<Placement> {
    const enterpriseId =
      actor.role === 'enterprise'
        ? (body.enterpriseId ?? actor.enterpriseId)
        : (body.enterpriseId ?? null);
    if (actor.role === 'enterprise' && enterpriseId !== actor.enterpriseId) {
      throw notFound('enterprise', enterpriseId ?? '');
    }
    let communityId = body.communityId ?? null;
    if (enterpriseId) {
      const e = await db
        .selectFrom('enterprises')
        .select(['community_id', 'active'])
        .where('id', '=', enterpriseId)
        .executeTakeFirst();
      if (!e || e.active !== 1 || (communityId !== null && e.community_id !== communityId)) {
        throw notFound('enterprise', enterpriseId);
      }
      communityId = e.community_id;
    }
    if (actor.role === 'staff' || actor.role === 'enterprise') {
      communityId ??= actor.communityId;
      if (communityId !== actor.communityId) {
        throw notFound(
          enterpriseId ? 'enterprise' : 'community',
          enterpriseId ?? communityId ?? '',
        );
      }
    }
    if (!communityId) {
      throw badRequest('communityRequired');
    }
    const c = await db
      .selectFrom('communities')
      .select(['id', 'code_prefix', 'county_id'])
      .where('id', '=', communityId)
      .executeTakeFirst();
    if (
      !c ||
      ((actor.role === 'admin' || actor.role === 'system') && c.county_id !== actor.countyId)
    ) {
      throw notFound('community', communityId);
    }
    return { communityId: c.id, codePrefix: c.code_prefix, enterpriseId };
  }

  function assertFieldsAllowed(actor: Actor, body: IntakeBody): void {
    const privileged = actor.role === 'staff' || actor.role === 'admin' || actor.role === 'system';
    if (!privileged) {
      const onBehalf =
        !SELF_SERVICE_CHANNELS.has(body.channel) ||
        body.receivedAt !== undefined ||
        body.resolvedOnSpot !== undefined ||
        body.reporterType !== undefined;
      if (onBehalf) {
        throw forbidden('trouble.onBehalf');
      }
    }
    if (body.receivedAt !== undefined) {
      const now = clock.now();
      if (body.receivedAt > now + 5 * 60_000 || body.receivedAt < now - 366 * DAY_MS) {
        throw badRequest('receivedAtRange');
      }
    }
  }

  function reporterTypeOf(actor: Actor, body: IntakeBody): ReporterType {
    if (body.reporterType) {
      return body.reporterType;
    }
    if (actor.role === 'worker' || actor.role === 'enterprise') {
      return actor.role;
    }
    return body.anonymous ? 'anonymous' : 'worker';
  }

  async function assertCategory(categoryId: string | null | undefined): Promise<void> {
    if (!categoryId) {
      return;
    }
    const c = await db
      .selectFrom('categories')
      .select(['id', 'active'])
      .where('id', '=', categoryId)
      .executeTakeFirst();
    if (!c || c.active !== 1) {
      throw notFound('category', categoryId);
    }
  }

  return async function intake(input: {
    actor: Actor;
    body: IntakeBody;
    idempotencyKey?: string;
  }): Promise<{ trouble: Trouble; replayed: boolean }> {
    const { actor, body, idempotencyKey } = input;
    if (!INTAKE_ROLES.has(actor.role)) {
      throw forbidden('trouble.intake');
    }
    assertFieldsAllowed(actor, body);
    const fingerprint = createHash('sha256')
      .update(JSON.stringify({ actor: actor.userId, body }))
      .digest('hex');
    if (idempotencyKey) {
      const prior = await createTroubleRepository(db).findByIdempotencyKey(idempotencyKey);
      if (prior) {
        return { trouble: checkReplay(prior, idempotencyKey, fingerprint), replayed: true };
      }
    }
    const placement = await place(actor, body);
    await assertCategory(body.categoryId);
    const reporterType = reporterTypeOf(actor, body);
    const anonymous = reporterType === 'anonymous';
    const reporterPhoneEnc =
      !anonymous && body.reporterPhone ? crypto.encrypt(body.reporterPhone) : null;
    const reporterIdNumberEnc =
      !anonymous && body.reporterIdNumber
        ? crypto.encrypt(body.reporterIdNumber.toUpperCase())
        : null;

    return committer.run(async (trx) => {
      const repo = createTroubleRepository(trx);
      if (idempotencyKey) {
        const prior = await repo.findByIdempotencyKey(idempotencyKey);
        if (prior) {
          return { trouble: checkReplay(prior, idempotencyKey, fingerprint), replayed: true };
        }
      }
      const now = clock.now();
      const receivedAt = body.receivedAt ?? now;
      const settings = await getCommunitySettings(trx, placement.communityId);
      const { severity, priority } = computePriority({
        severity: body.severity,
        urgency: body.urgency,
        workersAffected: body.workersAffected,
        threshold: settings.severityWorkersThreshold,
      });
      const onSpot = body.resolvedOnSpot;
      const row: Trouble = {
        id: newId(),
        code: newTrackingCode(placement.codePrefix),
        community_id: placement.communityId,
        enterprise_id: placement.enterpriseId,
        reporter_type: reporterType,
        reporter_user_id:
          actor.role === 'worker' || actor.role === 'enterprise' ? actor.userId : null,
        reporter_name: anonymous
          ? null
          : (body.reporterName ??
            (actor.role === 'worker' || actor.role === 'enterprise' ? actor.displayName : null)),
        reporter_phone_enc: reporterPhoneEnc,
        channel: body.channel,
        title: body.title && body.title.length > 0 ? body.title : titleFrom(body.body),
        body: body.body,
        category_id: body.categoryId ?? null,
        category_source: body.categoryId ? 'person' : null,
        category_confidence: null,
        category_set_by:
          body.categoryId && (actor.role === 'staff' || actor.role === 'admin')
            ? actor.userId
            : null,
        severity,
        urgency: body.urgency,
        workers_affected: body.workersAffected,
        priority,
        status: onSpot ? 'resolved_on_spot' : 'received',
        problem_id: null,
        on_spot_answer: onSpot?.answer ?? null,
        received_at: receivedAt,
        closed_at: onSpot ? now : null,
        created_by: actor.role === 'staff' || actor.role === 'admin' ? actor.userId : null,
        idempotency_key: idempotencyKey ?? null,
        idempotency_fingerprint: idempotencyKey ? fingerprint : null,
        created_at: now,
        updated_at: now,
      };
      await repo.insert(row);
      if (reporterIdNumberEnc) {
        await repo.setIdentityNumber(row.id, reporterIdNumberEnc, now);
      }
      if ((await repo.claimAttachments(row.id, body.attachmentIds)) !== body.attachmentIds.length) {
        throw ruleViolation('uploadUnknown');
      }
      await appendEvent(trx, {
        entityType: 'trouble',
        entityId: row.id,
        communityId: row.community_id,
        actor,
        action: 'receive',
        after: {
          status: 'received',
          channel: row.channel,
          priority: row.priority,
          // Which notice a named reporter agreed to (PIPL Art. 14/17), kept with the record.
          ...(!anonymous && body.privacyNoticeVersion
            ? { privacyNoticeVersion: body.privacyNoticeVersion }
            : {}),
        },
        at: receivedAt,
      });
      if (onSpot) {
        await appendEvent(trx, {
          entityType: 'trouble',
          entityId: row.id,
          communityId: row.community_id,
          actor,
          action: 'resolveOnSpot',
          before: { status: 'received' },
          after: { status: 'resolved_on_spot' },
          note: onSpot.answer,
          at: now,
        });
      }
      if (row.priority === 'P1' && !onSpot && row.channel !== 'import') {
        await announceP1(trx, row);
      }
      return { trouble: row, replayed: false };
    });
  };
}

/** SPEC §9: a new 重急 (P1) trouble goes to the community's channels, in the intake transaction. */
async function announceP1(trx: Kysely<DB>, t: Trouble): Promise<void> {
  await enqueueDeliveries(trx, {
    event: 'trouble.p1',
    communityId: t.community_id,
    eventKey: `trouble-p1:${t.id}`,
    message: async () => {
      const c = await trx
        .selectFrom('communities')
        .select('name')
        .where('id', '=', t.community_id)
        .executeTakeFirstOrThrow();
      const category = t.category_id
        ? await trx
            .selectFrom('categories')
            .select('name')
            .where('id', '=', t.category_id)
            .executeTakeFirst()
        : undefined;
      return {
        title: `新的重急烦恼：${t.code}`,
        lines: [
          `${c.name}收到一件重急（P1）烦恼：「${t.title}」`,
          `分类：${category?.name ?? '待分拣'}；涉及职工 ${t.workers_affected} 人`,
          `受理时间：${formatLocal(t.received_at)}，请在 24 小时内协调落实。`,
        ],
        linkPath: `/troubles/${t.id}`,
      };
    },
    now: t.created_at,
  });
}

function checkReplay(prior: Trouble, key: string, fingerprint: string): Trouble {
  if (prior.idempotency_fingerprint !== fingerprint) {
    throw new AppError('IDEMPOTENCY_KEY_REUSED', { key });
  }
  return prior;
}

/** A title from the first line of the text, at most 30 characters. */
export function titleFrom(body: string): string {
  const line = body.replace(/\s+/g, ' ').trim();
  const chars = [...line];
  return chars.length <= 30 ? line : `${chars.slice(0, 30).join('')}…`;
}

export type TroubleIntake = ReturnType<typeof createTroubleIntake>;
