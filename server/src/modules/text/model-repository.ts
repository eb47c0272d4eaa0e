import type { Kysely } from 'kysely';

import type { DB } from '../../db/schema';
import { nextCounter } from '../../shared/counters';
import { newId } from '../../shared/ids';

/** Storage of the text models, their online-update log and the dictionary (Kysely only here). */
export function createTextModelRepository(db: Kysely<DB>) {
  return {
    /** The newest snapshot of a scope, or undefined. */
    async latest(scope: string) {
      return db
        .selectFrom('text_models')
        .selectAll()
        .where('scope', '=', scope)
        .orderBy('version', 'desc')
        .limit(1)
        .executeTakeFirst();
    },

    /** Version and update position of the newest state, to notice changes by other instances. */
    async stamp(scope: string): Promise<{ version: number; seq: number }> {
      const m = await db
        .selectFrom('text_models')
        .select((eb) => eb.fn.max('version').as('version'))
        .where('scope', '=', scope)
        .executeTakeFirst();
      const u = await db
        .selectFrom('text_model_updates')
        .select((eb) => eb.fn.max('seq').as('seq'))
        .where('scope', '=', scope)
        .executeTakeFirst();
      return { version: Number(m?.version ?? 0), seq: Number(u?.seq ?? 0) };
    },

    async versions(scope: string) {
      return db
        .selectFrom('text_models')
        .select([
          'id',
          'version',
          'algorithm',
          'reason',
          'labels_count',
          'through_seq',
          'metrics',
          'created_at',
          'created_by',
        ])
        .where('scope', '=', scope)
        .orderBy('version', 'desc')
        .execute();
    },

    /** Stores a new snapshot with the next version number (inside the caller's transaction). */
    async insertSnapshot(row: {
      scope: string;
      algorithm: string;
      reason: string;
      labelsCount: number;
      throughSeq: number;
      state: Buffer;
      metrics: unknown;
      now: number;
      createdBy: string | null;
    }): Promise<number> {
      const prev = await db
        .selectFrom('text_models')
        .select((eb) => eb.fn.max('version').as('version'))
        .where('scope', '=', row.scope)
        .executeTakeFirst();
      const version = Number(prev?.version ?? 0) + 1;
      await db
        .insertInto('text_models')
        .values({
          id: newId(),
          scope: row.scope,
          version,
          algorithm: row.algorithm,
          reason: row.reason,
          labels_count: row.labelsCount,
          through_seq: row.throughSeq,
          state: row.state.toString('base64'),
          metrics: JSON.stringify(row.metrics),
          created_at: row.now,
          created_by: row.createdBy,
        })
        .execute();
      return version;
    },

    /** Appends a learned label; returns its sequence number (inside a transaction). */
    async appendUpdate(row: {
      scope: string;
      troubleId: string;
      categoryId: string;
      now: number;
      createdBy: string | null;
    }): Promise<number> {
      const seq = await nextCounter(db, `text_model_updates:${row.scope}`);
      await db
        .insertInto('text_model_updates')
        .values({
          id: newId(),
          scope: row.scope,
          seq,
          trouble_id: row.troubleId,
          category_id: row.categoryId,
          created_at: row.now,
          created_by: row.createdBy,
        })
        .execute();
      return seq;
    },

    /** Updates after a position, oldest first, with the trouble text they label. */
    async updatesAfter(scope: string, seq: number) {
      return db
        .selectFrom('text_model_updates')
        .innerJoin('troubles', 'troubles.id', 'text_model_updates.trouble_id')
        .select([
          'text_model_updates.seq',
          'text_model_updates.category_id',
          'troubles.title',
          'troubles.body',
        ])
        .where('text_model_updates.scope', '=', scope)
        .where('text_model_updates.seq', '>', seq)
        .orderBy('text_model_updates.seq')
        .execute();
    },

    /** Every trouble a person has categorised (the labelled history). */
    async labelledTroubles() {
      return db
        .selectFrom('troubles')
        .innerJoin('categories', 'categories.id', 'troubles.category_id')
        .select(['troubles.title', 'troubles.body', 'troubles.category_id'])
        .where('troubles.category_source', '=', 'person')
        .where('categories.active', '=', 1)
        .orderBy('troubles.id')
        .execute();
    },

    /** Active categories with their keywords and examples (the day-one knowledge). */
    async categories() {
      return db
        .selectFrom('categories')
        .select(['id', 'parent_id', 'code', 'name', 'keywords', 'examples', 'active'])
        .orderBy('sort')
        .orderBy('code')
        .execute();
    },

    async dictionaryWords(): Promise<string[]> {
      const rows = await db
        .selectFrom('text_dictionary_words')
        .select('word')
        .orderBy('word')
        .execute();
      return rows.map((r) => r.word);
    },

    /** A cheap signature of the dictionary, to notice changes made by other instances. */
    async dictionaryStamp(): Promise<string> {
      const r = await db
        .selectFrom('text_dictionary_words')
        .select((eb) => [eb.fn.countAll().as('n'), eb.fn.max('created_at').as('at')])
        .executeTakeFirst();
      return `${Number(r?.n ?? 0)}:${Number(r?.at ?? 0)}`;
    },

    /** Replaces the deployment's words (inside the caller's transaction). */
    async replaceDictionary(words: readonly string[], now: number, by: string | null) {
      await db.deleteFrom('text_dictionary_words').execute();
      for (let i = 0; i < words.length; i += 200) {
        await db
          .insertInto('text_dictionary_words')
          .values(
            words.slice(i, i + 200).map((word) => ({ word, created_at: now, created_by: by })),
          )
          .execute();
      }
    },
  };
}

export type TextModelRepository = ReturnType<typeof createTextModelRepository>;
