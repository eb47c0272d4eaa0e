import type { Severity, Urgency } from '../../../../common/enums';
import type { Deps } from '../../deps';
import type { Actor } from '../../shared/actor';
import { appendAudit } from '../../shared/audit';
import { notFound, ruleViolation } from '../../shared/errors';
import { appendEvent, presentEvent } from '../../shared/timeline';
import { computePriority, getCommunitySettings } from '../promise';
import { announceP1 } from './trouble-p1-notice';
import { presentTrouble, presentTroubleListItem } from './trouble-presenter';
import { createTroubleRepository, type TroubleFilter } from './trouble-repository';

type TroubleDeps = Pick<Deps, 'db' | 'dialect' | 'clock' | 'crypto'>;

/** Troubles still waiting for an outcome (not closed on the spot or with their problem). */
const OPEN_TROUBLE = new Set(['received', 'linked']);

/** A person set or confirmed a trouble's category (committed); the classifier learns from it. */
export type CategorizedHook = (e: {
  actor: Actor;
  troubleId: string;
  categoryId: string;
}) => Promise<void>;

/** Reading and triaging troubles (SPEC §3); linking lives with problems, rating with satisfaction. */
export function createTroubleService(
  deps: TroubleDeps,
  hooks: { onCategorized?: CategorizedHook } = {},
) {
  const { db, dialect, clock, crypto } = deps;
  const repo = createTroubleRepository(db);

  async function requireInScope(actor: Actor, id: string) {
    const t = await repo.findInScope(actor, id);
    if (!t) {
      throw notFound('trouble', id);
    }
    return t;
  }

  return {
    async list(actor: Actor, filter: TroubleFilter) {
      return (await repo.list(actor, filter)).map(presentTroubleListItem);
    },

    async get(actor: Actor, id: string) {
      return presentTrouble(await requireInScope(actor, id), repo, crypto);
    },

    /**
     * The reporter's personal data unmasked (caller holds personal.unmask). Every view is written
     * to the audit log — who, which trouble, which fields, when — in the same transaction as
     * the read, so that no unmasked view goes unrecorded (PIPL Art. 51, SPEC §10).
     */
    async personal(actor: Actor, id: string, ip: string | null) {
      return db.transaction().execute(async (trx) => {
        const r = createTroubleRepository(trx);
        const t = await r.findInScope(actor, id);
        if (!t) {
          throw notFound('trouble', id);
        }
        const idNumberEnc = await r.identityNumberOf(id);
        const view = {
          id: t.id,
          code: t.code,
          reporterName: t.reporter_name,
          reporterPhone: t.reporter_phone_enc ? crypto.decrypt(t.reporter_phone_enc) : null,
          reporterIdNumber: idNumberEnc ? crypto.decrypt(idNumberEnc) : null,
        };
        const fields = (['reporterName', 'reporterPhone', 'reporterIdNumber'] as const).filter(
          (f) => view[f] !== null,
        );
        await appendAudit(trx, dialect, {
          actor,
          action: 'personal.unmask',
          targetType: 'trouble',
          targetId: t.id,
          ip,
          outcome: 'success',
          detail: { fields },
          at: clock.now(),
        });
        return view;
      });
    },

    /** Sets category (by a person), severity, urgency and affected workers; priority follows. */
    async triage(
      actor: Actor,
      id: string,
      patch: {
        categoryId?: string | null;
        severity?: Severity;
        urgency?: Urgency;
        workersAffected?: number;
        title?: string;
      },
    ) {
      const labelled = await db.transaction().execute(async (trx) => {
        const r = createTroubleRepository(trx);
        const t = await r.findInScope(actor, id);
        if (!t) {
          throw notFound('trouble', id);
        }
        if (patch.categoryId) {
          const c = await trx
            .selectFrom('categories')
            .select(['id', 'active'])
            .where('id', '=', patch.categoryId)
            .executeTakeFirst();
          if (!c || c.active !== 1) {
            throw notFound('category', patch.categoryId);
          }
        }
        const settings = await getCommunitySettings(trx, t.community_id);
        const workersAffected = patch.workersAffected ?? t.workers_affected;
        const urgency = patch.urgency ?? t.urgency;
        const { severity, priority } = computePriority({
          severity: patch.severity ?? t.severity,
          urgency,
          workersAffected,
          threshold: settings.severityWorkersThreshold,
        });
        // A person choosing the classifier's category confirms it: it becomes theirs.
        const categoryChanged =
          patch.categoryId !== undefined &&
          (patch.categoryId !== t.category_id ||
            (patch.categoryId !== null && t.category_source === 'classifier'));
        const before = {
          categoryId: t.category_id,
          severity: t.severity,
          urgency: t.urgency,
          workersAffected: t.workers_affected,
          priority: t.priority,
          title: t.title,
        };
        const after = {
          categoryId: patch.categoryId ?? t.category_id,
          severity,
          urgency,
          workersAffected,
          priority,
          title: patch.title ?? t.title,
        };
        await r.update(id, {
          ...(categoryChanged
            ? {
                category_id: patch.categoryId ?? null,
                category_source: patch.categoryId ? 'person' : null,
                category_confidence: null,
                category_set_by: actor.userId,
              }
            : {}),
          severity,
          urgency,
          workers_affected: workersAffected,
          priority,
          title: after.title,
          updated_at: clock.now(),
        });
        await appendEvent(trx, {
          entityType: 'trouble',
          entityId: id,
          communityId: t.community_id,
          actor,
          action: 'triage',
          before,
          after,
          at: clock.now(),
        });
        // Raised to 重急 at triage: the community's channels hear of it as of a P1 intake.
        if (priority === 'P1' && t.priority !== 'P1' && OPEN_TROUBLE.has(t.status)) {
          await announceP1(
            trx,
            {
              ...t,
              category_id: after.categoryId,
              severity,
              urgency,
              workers_affected: workersAffected,
              priority,
              title: after.title,
            },
            clock.now(),
          );
        }
        return categoryChanged && patch.categoryId ? patch.categoryId : null;
      });
      if (labelled && hooks.onCategorized) {
        await hooks.onCategorized({ actor, troubleId: id, categoryId: labelled });
      }
      return this.get(actor, id);
    },

    /** Closes a received trouble at once with the answer given (当场解决). */
    async resolveOnSpot(actor: Actor, id: string, answer: string) {
      await db.transaction().execute(async (trx) => {
        const r = createTroubleRepository(trx);
        const t = await r.findInScope(actor, id);
        if (!t) {
          throw notFound('trouble', id);
        }
        if (t.status !== 'received') {
          throw ruleViolation('troubleHandled');
        }
        const now = clock.now();
        await r.update(id, {
          status: 'resolved_on_spot',
          on_spot_answer: answer,
          closed_at: now,
          updated_at: now,
        });
        await appendEvent(trx, {
          entityType: 'trouble',
          entityId: id,
          communityId: t.community_id,
          actor,
          action: 'resolveOnSpot',
          before: { status: t.status },
          after: { status: 'resolved_on_spot' },
          note: answer,
          at: now,
        });
      });
      return this.get(actor, id);
    },

    /** The timeline of one trouble, oldest first. */
    async timeline(actor: Actor, id: string) {
      await requireInScope(actor, id);
      const rows = await db
        .selectFrom('events')
        .selectAll()
        .where('entity_type', '=', 'trouble')
        .where('entity_id', '=', id)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(presentEvent);
    },

    /** The stored file of an attachment of a trouble in scope. */
    async attachment(actor: Actor, troubleId: string, attachmentId: string) {
      await requireInScope(actor, troubleId);
      const a = await db
        .selectFrom('attachments')
        .selectAll()
        .where('id', '=', attachmentId)
        .where('trouble_id', '=', troubleId)
        .executeTakeFirst();
      if (!a) {
        throw notFound('attachment', attachmentId);
      }
      return a;
    },
  };
}

export type TroubleService = ReturnType<typeof createTroubleService>;
