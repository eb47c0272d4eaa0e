import type { Expression, ExpressionBuilder, Kysely, SqlBool } from 'kysely';

import type { Channel, TroubleStatus } from '../../../../common/enums';
import { inChunks, preparedRows } from '../../db/batch-sql';
import type { DB, NewTrouble, Trouble } from '../../db/schema';
import type { Actor } from '../../shared/actor';
import { containsPattern } from '../../shared/like';
import { troubleScope } from '../../shared/record-scope';
import { applyTroubleChange, applyTroubleInserts } from '../indices';
import { DEFAULT_SETTINGS } from '../promise';
import { normalizeTrackingCode } from './tracking-code';

export interface TroubleFilter {
  communityId?: string;
  status?: TroubleStatus;
  categoryId?: string;
  enterpriseId?: string;
  problemId?: string;
  channel?: Channel;
  unlinked?: boolean;
  q?: string;
  /** `deadline`: oldest first within a priority (nearest coordination deadline). */
  order?: 'newest' | 'deadline';
  from?: number;
  to?: number;
  limit: number;
  offset: number;
}

/** The conditions of the troubles list (shared by the list and its export). */
export type TroubleListConditions = Omit<TroubleFilter, 'order' | 'limit' | 'offset'>;

/** `troubles` rows matching the list filters (a category also matches its sub-categories). */
export function troubleListFilter(f: TroubleListConditions) {
  return (eb: ExpressionBuilder<DB, 'troubles'>): Expression<SqlBool> => {
    const all: Expression<SqlBool>[] = [];
    if (f.communityId !== undefined) {
      all.push(eb('troubles.community_id', '=', f.communityId));
    }
    if (f.status !== undefined) {
      all.push(eb('troubles.status', '=', f.status));
    }
    if (f.categoryId !== undefined) {
      all.push(
        eb.or([
          eb('troubles.category_id', '=', f.categoryId),
          eb(
            'troubles.category_id',
            'in',
            eb
              .selectFrom('categories as c2')
              .select('c2.id')
              .where('c2.parent_id', '=', f.categoryId),
          ),
        ]),
      );
    }
    if (f.enterpriseId !== undefined) {
      all.push(eb('troubles.enterprise_id', '=', f.enterpriseId));
    }
    if (f.problemId !== undefined) {
      all.push(eb('troubles.problem_id', '=', f.problemId));
    }
    if (f.channel !== undefined) {
      all.push(eb('troubles.channel', '=', f.channel));
    }
    if (f.unlinked === true) {
      all.push(eb('troubles.problem_id', 'is', null), eb('troubles.status', '=', 'received'));
    }
    if (f.q !== undefined) {
      all.push(
        eb.or([
          eb('troubles.title', 'like', containsPattern(f.q)),
          eb('troubles.body', 'like', containsPattern(f.q)),
          eb('troubles.code', '=', f.q),
        ]),
      );
    }
    if (f.from !== undefined) {
      all.push(eb('troubles.received_at', '>=', f.from));
    }
    if (f.to !== undefined) {
      all.push(eb('troubles.received_at', '<', f.to));
    }
    return eb.and(all);
  };
}

const TROUBLE_COLUMNS = [
  'id',
  'code',
  'community_id',
  'enterprise_id',
  'reporter_type',
  'reporter_user_id',
  'reporter_name',
  'reporter_phone_enc',
  'channel',
  'title',
  'body',
  'category_id',
  'category_source',
  'category_confidence',
  'category_set_by',
  'severity',
  'urgency',
  'workers_affected',
  'priority',
  'status',
  'problem_id',
  'on_spot_answer',
  'received_at',
  'closed_at',
  'created_by',
  'idempotency_key',
  'idempotency_fingerprint',
  'created_at',
  'updated_at',
] as const satisfies readonly (keyof Trouble)[];
// Every column of a trouble is written (a new column fails to compile until it is listed).
const allColumns: Exclude<keyof Trouble, (typeof TROUBLE_COLUMNS)[number]> extends never
  ? true
  : false = true;
void allColumns;

/** Multi-row INSERT of troubles, compiled once per chunk size (intake batches). */
const insertTroubleRows = preparedRows<Trouble>({
  columns: TROUBLE_COLUMNS,
  build: (db, rows) => db.insertInto('troubles').values(rows as unknown as Trouble[]),
});

/** The rows intake checks a placement against (enterprise, community, category). */
export interface IntakeRefs {
  enterprises: Map<string, { community_id: string; active: number }>;
  /** With the community's 轻重 threshold (community_settings; the default when it has no row). */
  communities: Map<
    string,
    { code_prefix: string; county_id: string; severity_workers_threshold: number }
  >;
  categories: Map<string, { active: number }>;
}

/** Kysely access to `troubles` and their attachments; every read takes the actor's scope. */
export function createTroubleRepository(db: Kysely<DB>) {
  const withRefs = () =>
    db
      .selectFrom('troubles')
      .leftJoin('enterprises', 'enterprises.id', 'troubles.enterprise_id')
      .leftJoin('categories', 'categories.id', 'troubles.category_id')
      .leftJoin('problems', 'problems.id', 'troubles.problem_id')
      .selectAll('troubles')
      .select([
        'enterprises.name as enterprise_name',
        'categories.code as category_code',
        'categories.name as category_name',
        'problems.code as problem_code',
        'problems.title as problem_title',
        'problems.status as problem_status',
      ]);

  return {
    /** Inserts a trouble and adds it to the index aggregates (same transaction). */
    async insert(row: Trouble): Promise<void> {
      await db.insertInto('troubles').values(row).execute();
      await applyTroubleChange(db, null, row);
    },

    /**
     * Inserts many new troubles (one intake batch) with multi-row statements and adds them to the
     * index aggregates, one upsert per touched cell (same transaction).
     */
    async insertMany(rows: Trouble[]): Promise<void> {
      if (rows.length === 0) {
        return;
      }
      await insertTroubleRows(db, rows);
      await applyTroubleInserts(db, rows);
    },

    /** The troubles already filed under these idempotency keys, by key. */
    async findByIdempotencyKeys(keys: string[]): Promise<Map<string, Trouble>> {
      const found = new Map<string, Trouble>();
      for (const chunk of inChunks([...new Set(keys)])) {
        const rows = await db
          .selectFrom('troubles')
          .selectAll()
          .where('idempotency_key', 'in', chunk)
          .execute();
        for (const row of rows) {
          found.set(row.idempotency_key!, row);
        }
      }
      return found;
    },

    /** Enterprises, communities and categories by id, for intake's placement checks. */
    async intakeRefs(ids: {
      enterpriseIds: Iterable<string>;
      communityIds: Iterable<string>;
      categoryIds: Iterable<string>;
    }): Promise<IntakeRefs> {
      const refs: IntakeRefs = {
        enterprises: new Map(),
        communities: new Map(),
        categories: new Map(),
      };
      for (const chunk of inChunks([...new Set(ids.enterpriseIds)])) {
        const rows = await db
          .selectFrom('enterprises')
          .select(['id', 'community_id', 'active'])
          .where('id', 'in', chunk)
          .execute();
        for (const r of rows) {
          refs.enterprises.set(r.id, r);
        }
      }
      const communityIds = new Set(ids.communityIds);
      for (const e of refs.enterprises.values()) {
        communityIds.add(e.community_id);
      }
      for (const chunk of inChunks([...communityIds])) {
        // The settings come with the community (one query, one round trip fewer per batch).
        const rows = await db
          .selectFrom('communities')
          .leftJoin('community_settings', 'community_settings.community_id', 'communities.id')
          .select([
            'communities.id',
            'communities.code_prefix',
            'communities.county_id',
            'community_settings.severity_workers_threshold',
          ])
          .where('communities.id', 'in', chunk)
          .execute();
        for (const r of rows) {
          refs.communities.set(r.id, {
            code_prefix: r.code_prefix,
            county_id: r.county_id,
            severity_workers_threshold:
              r.severity_workers_threshold ?? DEFAULT_SETTINGS.severity_workers_threshold,
          });
        }
      }
      for (const chunk of inChunks([...new Set(ids.categoryIds)])) {
        const rows = await db
          .selectFrom('categories')
          .select(['id', 'active'])
          .where('id', 'in', chunk)
          .execute();
        for (const r of rows) {
          refs.categories.set(r.id, r);
        }
      }
      return refs;
    },

    /** Stores reporters' encrypted identity numbers (table identity_numbers), one statement. */
    async setIdentityNumbers(
      entries: { troubleId: string; numberEnc: string; now: number }[],
    ): Promise<void> {
      if (entries.length === 0) {
        return;
      }
      await db
        .insertInto('identity_numbers')
        .values(
          entries.map((e) => ({
            subject_type: 'trouble' as const,
            subject_id: e.troubleId,
            number_enc: e.numberEnc,
            created_at: e.now,
          })),
        )
        .execute();
    },

    /** Stores the reporter's encrypted identity number (table identity_numbers). */
    async setIdentityNumber(troubleId: string, numberEnc: string, now: number): Promise<void> {
      await db
        .insertInto('identity_numbers')
        .values({
          subject_type: 'trouble',
          subject_id: troubleId,
          number_enc: numberEnc,
          created_at: now,
        })
        .execute();
    },

    /** The reporter's encrypted identity number, if one was given. */
    async identityNumberOf(troubleId: string): Promise<string | null> {
      const row = await db
        .selectFrom('identity_numbers')
        .select('number_enc')
        .where('subject_type', '=', 'trouble')
        .where('subject_id', '=', troubleId)
        .executeTakeFirst();
      return row?.number_enc ?? null;
    },

    async findByIdempotencyKey(key: string) {
      return db
        .selectFrom('troubles')
        .selectAll()
        .where('idempotency_key', '=', key)
        .executeTakeFirst();
    },

    /** A trouble in the actor's scope, with its references. */
    async findInScope(actor: Actor, id: string) {
      return withRefs().where('troubles.id', '=', id).where(troubleScope(actor)).executeTakeFirst();
    },

    async findByCode(code: string) {
      return withRefs().where('troubles.code', '=', code).executeTakeFirst();
    },

    /** The trouble behind a code as a person typed it (any case, with or without dashes). */
    async findByTrackingCode(typed: string) {
      const code = normalizeTrackingCode(typed);
      return code ? withRefs().where('troubles.code', '=', code).executeTakeFirst() : undefined;
    },

    async list(actor: Actor, f: TroubleFilter) {
      return withRefs()
        .where(troubleScope(actor))
        .where(troubleListFilter(f))
        .orderBy('troubles.priority')
        .orderBy('troubles.received_at', f.order === 'deadline' ? 'asc' : 'desc')
        .orderBy('troubles.id')
        .limit(f.limit)
        .offset(f.offset)
        .execute();
    },

    async attachmentsOf(troubleId: string) {
      return db
        .selectFrom('attachments')
        .selectAll()
        .where('trouble_id', '=', troubleId)
        .orderBy('created_at')
        .execute();
    },

    async ratingsOf(troubleId: string) {
      return db
        .selectFrom('ratings')
        .selectAll()
        .where('trouble_id', '=', troubleId)
        .orderBy('round')
        .execute();
    },

    /** Attaches uploaded photos to a new trouble; returns how many were claimed. */
    async claimAttachments(troubleId: string, ids: string[]): Promise<number> {
      if (ids.length === 0) {
        return 0;
      }
      const r = await db
        .updateTable('attachments')
        .set({ trouble_id: troubleId })
        .where('id', 'in', ids)
        .where('trouble_id', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows);
    },

    /** Updates a trouble and moves its contribution in the index aggregates. */
    async update(id: string, patch: Partial<NewTrouble>): Promise<void> {
      const before = await db
        .selectFrom('troubles')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      await db.updateTable('troubles').set(patch).where('id', '=', id).execute();
      if (before) {
        await applyTroubleChange(db, before, { ...before, ...patch });
      }
    },
  };
}

export type TroubleRepository = ReturnType<typeof createTroubleRepository>;
export type TroubleWithRefs = NonNullable<Awaited<ReturnType<TroubleRepository['findByCode']>>>;
