import { hash } from 'node:crypto';

import type { ReporterType } from '../../../../common/enums';
import type { Trouble } from '../../db/schema';
import type { Deps } from '../../deps';
import type { Actor } from '../../shared/actor';
import { DAY_MS } from '../../shared/business-time';
import { AppError, badRequest, forbidden, notFound, ruleViolation } from '../../shared/errors';
import type { BatchWork, Outcome } from '../../shared/group-commit';
import { newId } from '../../shared/ids';
import { appendEvents, type TimelineEntry } from '../../shared/timeline';
import { computePriority } from '../promise';
import { newTrackingCode } from './tracking-code';
import { announceP1 } from './trouble-p1-notice';
import { createTroubleRepository, type IntakeRefs } from './trouble-repository';
import type { IntakeBody } from './trouble-schemas';
import { titleFrom } from './trouble-title';

type IntakeDeps = Pick<Deps, 'db' | 'clock' | 'crypto' | 'committer'>;

/** `system` files for integrations (Open311 with its API key's community). */
const INTAKE_ROLES = new Set(['anonymous', 'worker', 'enterprise', 'staff', 'admin', 'system']);
const SELF_SERVICE_CHANNELS = new Set(['online', 'qr']);

interface Placement {
  communityId: string;
  codePrefix: string;
  enterpriseId: string | null;
  /** The community's setting (community_settings), read with the community. */
  severityWorkersThreshold: number;
}

/** One checked request waiting for its batch (everything that needs no database). */
interface IntakeItem {
  actor: Actor;
  body: IntakeBody;
  idempotencyKey: string | undefined;
  fingerprint: string;
  reporterType: ReporterType;
  reporterPhoneEnc: string | null;
  reporterIdNumberEnc: string | null;
}

interface IntakeResult {
  trouble: Trouble;
  replayed: boolean;
}

/**
 * Intake of one trouble (SPEC §3). Validates who may file what, then writes through the group
 * committer: the trouble is durable before the caller is answered. With an Idempotency-Key the
 * same key returns the first trouble again (replayed) and never creates a second one; a key
 * reused for a different submission is refused.
 *
 * The database work runs once per group-commit batch (`commitBatch`), not once per request: the
 * idempotency look-up, the placement rows (enterprise, community, category) and the community
 * settings are read with one query each for the whole batch, inside the batch's transaction (so
 * a deactivated enterprise or category is refused by the very next batch — nothing is cached),
 * and troubles, events and aggregate cells are written with multi-row statements. Per item the
 * rules are the same as one-by-one, in the same order: replay first, then placement, category.
 */
export function createTroubleIntake(deps: IntakeDeps) {
  const { clock, crypto, committer } = deps;

  function enterpriseIdOf(actor: Actor, body: IntakeBody): string | null {
    return actor.role === 'enterprise'
      ? (body.enterpriseId ?? actor.enterpriseId)
      : (body.enterpriseId ?? null);
  }

  function place(actor: Actor, body: IntakeBody, refs: IntakeRefs): Placement {
    const enterpriseId = enterpriseIdOf(actor, body);
    if (actor.role === 'enterprise' && enterpriseId !== actor.enterpriseId) {
      throw notFound('enterprise', enterpriseId ?? '');
    }
    let communityId = body.communityId ?? null;
    if (enterpriseId) {
      const e = refs.enterprises.get(enterpriseId);
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
    const c = refs.communities.get(communityId);
    if (
      !c ||
      ((actor.role === 'admin' || actor.role === 'system') && c.county_id !== actor.countyId)
    ) {
      throw notFound('community', communityId);
    }
    return {
      communityId,
      codePrefix: c.code_prefix,
      enterpriseId,
      severityWorkersThreshold: c.severity_workers_threshold,
    };
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

  function assertCategory(categoryId: string | null | undefined, refs: IntakeRefs): void {
    if (!categoryId) {
      return;
    }
    if (refs.categories.get(categoryId)?.active !== 1) {
      throw notFound('category', categoryId);
    }
  }

  /** The batch work: every item of one group-commit batch, in the batch's transaction. */
  const commitBatch: BatchWork<IntakeItem, IntakeResult> = async (trx, items) => {
    const repo = createTroubleRepository(trx);
    const keys = items.flatMap((i) => (i.idempotencyKey ? [i.idempotencyKey] : []));
    const priors =
      keys.length > 0 ? await repo.findByIdempotencyKeys(keys) : new Map<string, Trouble>();
    const fresh = items.filter((i) => !(i.idempotencyKey && priors.has(i.idempotencyKey)));
    const refs = await repo.intakeRefs({
      enterpriseIds: fresh.flatMap((i) => enterpriseIdOf(i.actor, i.body) ?? []),
      communityIds: fresh.flatMap((i) =>
        [i.body.communityId ?? [], i.actor.communityId ?? []].flat(),
      ),
      categoryIds: fresh.flatMap((i) => i.body.categoryId ?? []),
    });
    const placements = new Map<IntakeItem, Placement | { error: unknown }>();
    for (const item of fresh) {
      try {
        placements.set(item, place(item.actor, item.body, refs));
      } catch (error) {
        placements.set(item, { error });
      }
    }

    const now = clock.now();
    const outcomes: Outcome<IntakeResult>[] = [];
    const created = new Map<string, Trouble>();
    const rows: Trouble[] = [];
    const identityNumbers: { troubleId: string; numberEnc: string; now: number }[] = [];
    const claims: { troubleId: string; ids: string[] }[] = [];
    const events: TimelineEntry[] = [];
    for (const item of items) {
      const { actor, body, idempotencyKey, fingerprint } = item;
      try {
        const prior = idempotencyKey
          ? (priors.get(idempotencyKey) ?? created.get(idempotencyKey))
          : undefined;
        if (prior) {
          outcomes.push({
            ok: true,
            value: { trouble: checkReplay(prior, idempotencyKey!, fingerprint), replayed: true },
          });
          continue;
        }
        const placement = placements.get(item) ?? place(actor, body, refs);
        if ('error' in placement) {
          throw placement.error;
        }
        assertCategory(body.categoryId, refs);
        const row = troubleRow(item, placement, now);
        rows.push(row);
        if (idempotencyKey) {
          created.set(idempotencyKey, row);
        }
        if (item.reporterIdNumberEnc) {
          identityNumbers.push({ troubleId: row.id, numberEnc: item.reporterIdNumberEnc, now });
        }
        if (body.attachmentIds.length > 0) {
          claims.push({ troubleId: row.id, ids: body.attachmentIds });
        }
        events.push(...receiveEvents(item, row, now));
        outcomes.push({ ok: true, value: { trouble: row, replayed: false } });
      } catch (error) {
        outcomes.push({ ok: false, error });
      }
    }

    await repo.insertMany(rows);
    await repo.setIdentityNumbers(identityNumbers);
    for (const claim of claims) {
      // A photo that is unknown or already used fails the batch; alone, only this item fails.
      if ((await repo.claimAttachments(claim.troubleId, claim.ids)) !== claim.ids.length) {
        throw ruleViolation('uploadUnknown');
      }
    }
    await appendEvents(trx, events);
    for (const row of rows) {
      if (row.priority === 'P1' && row.status !== 'resolved_on_spot' && row.channel !== 'import') {
        await announceP1(trx, row, row.created_at);
      }
    }
    return outcomes;
  };

  function troubleRow(item: IntakeItem, placement: Placement, now: number): Trouble {
    const { actor, body, idempotencyKey, fingerprint, reporterType } = item;
    const anonymous = reporterType === 'anonymous';
    const { severity, priority } = computePriority({
      severity: body.severity,
      urgency: body.urgency,
      workersAffected: body.workersAffected,
      threshold: placement.severityWorkersThreshold,
    });
    const onSpot = body.resolvedOnSpot;
    return {
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
      reporter_phone_enc: item.reporterPhoneEnc,
      channel: body.channel,
      title: body.title && body.title.length > 0 ? body.title : titleFrom(body.body),
      body: body.body,
      category_id: body.categoryId ?? null,
      category_source: body.categoryId ? 'person' : null,
      category_confidence: null,
      category_set_by:
        body.categoryId && (actor.role === 'staff' || actor.role === 'admin') ? actor.userId : null,
      severity,
      urgency: body.urgency,
      workers_affected: body.workersAffected,
      priority,
      status: onSpot ? 'resolved_on_spot' : 'received',
      problem_id: null,
      on_spot_answer: onSpot?.answer ?? null,
      received_at: body.receivedAt ?? now,
      closed_at: onSpot ? now : null,
      created_by: actor.role === 'staff' || actor.role === 'admin' ? actor.userId : null,
      idempotency_key: idempotencyKey ?? null,
      idempotency_fingerprint: idempotencyKey ? fingerprint : null,
      created_at: now,
      updated_at: now,
    };
  }

  function receiveEvents(item: IntakeItem, row: Trouble, now: number): TimelineEntry[] {
    const { actor, body } = item;
    const anonymous = item.reporterType === 'anonymous';
    const onSpot = body.resolvedOnSpot;
    const after: {
      status: 'received';
      channel: string;
      priority: string;
      privacyNoticeVersion?: string;
    } = {
      status: 'received',
      channel: row.channel,
      priority: row.priority,
    };
    if (!anonymous && body.privacyNoticeVersion) {
      // Which notice a named reporter agreed to (PIPL Art. 14/17), kept with the record.
      after.privacyNoticeVersion = body.privacyNoticeVersion;
    }
    const received: TimelineEntry = {
      entityType: 'trouble',
      entityId: row.id,
      communityId: row.community_id,
      actor,
      action: 'receive',
      after,
      at: row.received_at,
    };
    if (!onSpot) {
      return [received];
    }
    return [
      received,
      {
        entityType: 'trouble',
        entityId: row.id,
        communityId: row.community_id,
        actor,
        action: 'resolveOnSpot',
        before: { status: 'received' },
        after: { status: 'resolved_on_spot' },
        note: onSpot.answer,
        at: now,
      },
    ];
  }

  return async function intake(input: {
    actor: Actor;
    body: IntakeBody;
    idempotencyKey?: string;
  }): Promise<IntakeResult> {
    const { actor, body, idempotencyKey } = input;
    if (!INTAKE_ROLES.has(actor.role)) {
      throw forbidden('trouble.intake');
    }
    assertFieldsAllowed(actor, body);
    // One-shot hash (no Hash object); the same hex digest as createHash('sha256').update(…).
    const fingerprint = hash('sha256', JSON.stringify({ actor: actor.userId, body }));
    const reporterType = reporterTypeOf(actor, body);
    const anonymous = reporterType === 'anonymous';
    return committer.submit(commitBatch, {
      actor,
      body,
      idempotencyKey,
      fingerprint,
      reporterType,
      reporterPhoneEnc:
        !anonymous && body.reporterPhone ? crypto.encrypt(body.reporterPhone) : null,
      reporterIdNumberEnc:
        !anonymous && body.reporterIdNumber
          ? crypto.encrypt(body.reporterIdNumber.toUpperCase())
          : null,
    });
  };
}

function checkReplay(prior: Trouble, key: string, fingerprint: string): Trouble {
  if (prior.idempotency_fingerprint !== fingerprint) {
    throw new AppError('IDEMPOTENCY_KEY_REUSED', { key });
  }
  return prior;
}

export type TroubleIntake = ReturnType<typeof createTroubleIntake>;
