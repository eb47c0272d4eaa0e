import type { Deps } from '../../deps';
import type { Actor } from '../../shared/actor';
import { appendAudit } from '../../shared/audit';
import { badRequest, notFound } from '../../shared/errors';
import { createTroubleRepository } from '../troubles';
import {
  type ClassifierModel,
  deserializeModel,
  learn,
  predict,
  serializeModel,
  trainClassifier,
} from './classifier';
import { classifierText } from './classifier-features';
import { DICTIONARY_MAX_WORDS, normalizeDictionaryWord } from './dictionary';
import { createTextModelRepository } from './model-repository';
import { buildTrainingDocs, PRODUCT_FEATURES, type TaxonomyCategory } from './model-training';
import { createSegmenter, type Segmenter } from './segmenter';

/**
 * One model per deployment: the taxonomy is deployment-wide (one deployment serves one county),
 * so every community's labels teach the same model. The `scope` column keeps a per-county split
 * a data change (docs/text.md).
 */
export const TEXT_SCOPE = 'deployment';
/** Below this calibrated confidence the suggestion is shown as "请选择分类" (choose: true). */
export const CHOOSE_BELOW = 0.5;
/** Learned labels between two stored snapshots (the rest is replayed from the update log). */
export const COMPACT_EVERY = 100;
/**
 * What the current code trains, stored with every snapshot. A snapshot trained by an older
 * algorithm keeps working (its weights score and learn as before) until the job
 * `text.model-upgrade` retrains it — change this text whenever training changes.
 */
export const ALGORITHM =
  'hashed word+char+head n-grams, tf-idf, OvR NB-SVM (dual CD), macro-F1 class offsets, PA-II online';

export interface CategorySuggestion {
  categoryId: string | null;
  categoryName: string | null;
  confidence: number;
  choose: boolean;
  alternatives: { categoryId: string; categoryName: string; confidence: number }[];
}

interface Loaded {
  model: ClassifierModel;
  /** Of the snapshot the model came from (compaction keeps it: learning does not retrain). */
  algorithm: string;
  version: number;
  seq: number;
  snapshotSeq: number;
}

type TextDeps = Pick<Deps, 'db' | 'dialect' | 'clock'>;

/**
 * The classifier in service: it loads the newest snapshot plus the labels learned since, learns
 * every confirmed or corrected label at once, notices changes made by other instances (model and
 * dictionary) within `refreshMs`, and rebuilds from the whole labelled history on retrain.
 */
export function createTextModelService(deps: TextDeps, options: { refreshMs?: number } = {}) {
  const { db, dialect, clock } = deps;
  const repo = createTextModelRepository(db);
  const refreshMs = options.refreshMs ?? 5000;
  let segmenter: Segmenter | null = null;
  let dictStamp = '';
  let dictCheckedAt = -Infinity;
  let loaded: Loaded | null = null;
  let modelCheckedAt = -Infinity;
  let pending: Promise<unknown> = Promise.resolve();

  /** Serialises state changes inside this instance (learn, retrain, reload). */
  function exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = pending.then(fn, fn);
    pending = run.catch(() => undefined);
    return run;
  }

  async function currentSegmenter(): Promise<Segmenter> {
    const now = clock.now();
    if (segmenter && now - dictCheckedAt < refreshMs) {
      return segmenter;
    }
    const stamp = await repo.dictionaryStamp();
    dictCheckedAt = now;
    if (!segmenter || stamp !== dictStamp) {
      segmenter = createSegmenter(await repo.dictionaryWords());
      dictStamp = stamp;
    }
    return segmenter;
  }

  async function taxonomy(): Promise<TaxonomyCategory[]> {
    return (await repo.categories()).map((c) => ({
      id: c.id,
      parentId: c.parent_id,
      name: c.name,
      keywords: JSON.parse(c.keywords) as string[],
      examples: JSON.parse(c.examples) as string[],
      active: c.active === 1,
    }));
  }

  async function build(reason: string, actor: Actor | null): Promise<Loaded> {
    const seg = await currentSegmenter();
    const cats = await taxonomy();
    const { seq } = await repo.stamp(TEXT_SCOPE);
    // The first model of a deployment already learns from any labelled history (imported or
    // demo records); on a fresh deployment that is empty and the taxonomy alone speaks (day one).
    const history = await repo.labelledTroubles();
    const why = reason === 'initial' && history.length === 0 ? 'day-one' : reason;
    const docs = buildTrainingDocs(
      seg,
      cats,
      history.map((h) => ({ text: `${h.title}\n${h.body}`, categoryId: h.category_id! })),
    );
    const model = trainClassifier(docs.docs, {
      features: PRODUCT_FEATURES,
      labels: docs.labels,
      calibrationFolds: 3,
    });
    const version = await db.transaction().execute(async (trx) => {
      const v = await createTextModelRepository(trx).insertSnapshot({
        scope: TEXT_SCOPE,
        algorithm: ALGORITHM,
        reason: why,
        labelsCount: model.trainedOn,
        throughSeq: seq,
        state: serializeModel(model),
        metrics: { temperature: model.temperature, classes: model.labels.length },
        now: clock.now(),
        createdBy: actor?.userId ?? null,
      });
      if (actor) {
        await appendAudit(trx, dialect, {
          actor,
          action: 'text.retrain',
          targetType: 'text_model',
          targetId: String(v),
          outcome: 'success',
          detail: { labels: model.trainedOn, classes: model.labels.length },
          at: clock.now(),
        });
      }
      return v;
    });
    return { model, algorithm: ALGORITHM, version, seq, snapshotSeq: seq };
  }

  async function replay(state: Loaded): Promise<void> {
    const seg = await currentSegmenter();
    for (const u of await repo.updatesAfter(TEXT_SCOPE, state.seq)) {
      learn(state.model, seg.segment(`${u.title}\n${u.body}`), u.category_id);
      state.seq = Number(u.seq);
    }
  }

  async function load(): Promise<Loaded> {
    const row = await repo.latest(TEXT_SCOPE);
    if (!row) {
      return build('initial', null);
    }
    const state: Loaded = {
      model: deserializeModel(Buffer.from(row.state, 'base64')),
      algorithm: row.algorithm,
      version: row.version,
      seq: Number(row.through_seq),
      snapshotSeq: Number(row.through_seq),
    };
    await replay(state);
    return state;
  }

  /** The current model, refreshed when another instance stored a version or learned labels. */
  async function current(): Promise<Loaded> {
    const now = clock.now();
    if (loaded && now - modelCheckedAt < refreshMs) {
      return loaded;
    }
    return exclusive(async () => {
      const stamp = await repo.stamp(TEXT_SCOPE);
      modelCheckedAt = clock.now();
      if (!loaded || stamp.version !== loaded.version) {
        loaded = await load();
      } else if (stamp.seq > loaded.seq) {
        await replay(loaded);
      }
      return loaded;
    });
  }

  async function suggest(text: string): Promise<CategorySuggestion> {
    const seg = await currentSegmenter();
    const { model } = await current();
    const cats = new Map((await taxonomy()).filter((c) => c.active).map((c) => [c.id, c]));
    const ranked = predict(model, seg.segment(classifierText(text, model.features))).filter((p) =>
      cats.has(p.label),
    );
    const total = ranked.reduce((s, p) => s + p.confidence, 0) || 1;
    const top = ranked.slice(0, 4).map((p) => ({
      categoryId: p.label,
      categoryName: cats.get(p.label)!.name,
      confidence: round(p.confidence / total),
    }));
    const best = top[0];
    if (!best) {
      return {
        categoryId: null,
        categoryName: null,
        confidence: 0,
        choose: true,
        alternatives: [],
      };
    }
    const choose = best.confidence < CHOOSE_BELOW;
    return {
      categoryId: best.categoryId,
      categoryName: best.categoryName,
      confidence: best.confidence,
      choose,
      alternatives: top.slice(1),
    };
  }

  return {
    /** Content tokens of a text with the deployment's dictionary. */
    async segment(text: string): Promise<string[]> {
      return (await currentSegmenter()).segment(text);
    },

    /** A suggested category with calibrated confidence and up to three alternatives. */
    classify: suggest,

    /** The suggestion for a trouble the actor can see (else 404). */
    async suggestForTrouble(actor: Actor, troubleId: string): Promise<CategorySuggestion> {
      const t = await createTroubleRepository(db).findInScope(actor, troubleId);
      if (!t) {
        throw notFound('trouble', troubleId);
      }
      return suggest(`${t.title}\n${t.body}`);
    },

    /**
     * Learns a label a person confirmed or corrected (called after the triage commit): logs it
     * for other instances and restarts, and updates this instance's model at once.
     */
    async learnLabel(input: { actor: Actor; troubleId: string; categoryId: string }) {
      return exclusive(async () => {
        const state = loaded ?? (loaded = await load());
        const seq = await db.transaction().execute((trx) =>
          createTextModelRepository(trx).appendUpdate({
            scope: TEXT_SCOPE,
            troubleId: input.troubleId,
            categoryId: input.categoryId,
            now: clock.now(),
            createdBy: input.actor.userId,
          }),
        );
        if (seq === state.seq + 1) {
          const t = await db
            .selectFrom('troubles')
            .select(['title', 'body'])
            .where('id', '=', input.troubleId)
            .executeTakeFirstOrThrow();
          learn(
            state.model,
            (await currentSegmenter()).segment(`${t.title}\n${t.body}`),
            input.categoryId,
          );
          state.seq = seq;
        } else {
          await replay(state);
        }
        if (state.seq - state.snapshotSeq >= COMPACT_EVERY) {
          state.version = await db.transaction().execute((trx) =>
            createTextModelRepository(trx).insertSnapshot({
              scope: TEXT_SCOPE,
              algorithm: state.algorithm,
              reason: 'compact',
              labelsCount: state.model.trainedOn + state.model.learned,
              throughSeq: state.seq,
              state: serializeModel(state.model),
              metrics: { temperature: state.model.temperature, learned: state.model.learned },
              now: clock.now(),
              createdBy: null,
            }),
          );
          state.snapshotSeq = state.seq;
        }
        return { seq };
      });
    },

    /**
     * Retrains when the newest snapshot was trained by an older algorithm (after an upgrade of
     * the product); nothing when it is current or no model exists yet (the first use builds one).
     */
    async upgradeIfOutdated(): Promise<{ upgraded: boolean; from?: string; version?: number }> {
      return exclusive(async () => {
        const row = await repo.latest(TEXT_SCOPE);
        if (!row || row.algorithm === ALGORITHM) {
          return { upgraded: false };
        }
        loaded = await build('upgrade', null);
        modelCheckedAt = clock.now();
        return { upgraded: true, from: row.algorithm, version: loaded.version };
      });
    },

    /** Rebuilds the model from all labelled troubles and the taxonomy (a new version). */
    async retrain(actor: Actor | null) {
      return exclusive(async () => {
        const started = Date.now();
        loaded = await build('retrain', actor);
        modelCheckedAt = clock.now();
        return {
          version: loaded.version,
          labels: loaded.model.trainedOn,
          classes: loaded.model.labels.length,
          temperature: loaded.model.temperature,
          ms: Date.now() - started,
        };
      });
    },

    /** Stored versions, newest first. */
    async versions() {
      return (await repo.versions(TEXT_SCOPE)).map((v) => ({
        version: v.version,
        algorithm: v.algorithm,
        reason: v.reason,
        labels: v.labels_count,
        createdAt: Number(v.created_at),
      }));
    },

    /** The deployment's own dictionary words (the defaults are always loaded too). */
    async dictionary() {
      return { words: await repo.dictionaryWords() };
    },

    /** Replaces the deployment's words; they take effect at once (other instances: refreshMs). */
    async putDictionary(actor: Actor, words: readonly string[]) {
      const normalized = new Set<string>();
      for (const w of words) {
        const n = normalizeDictionaryWord(w);
        if (!n) {
          throw badRequest('dictionaryWord', { word: w });
        }
        normalized.add(n);
      }
      if (normalized.size > DICTIONARY_MAX_WORDS) {
        throw badRequest('dictionaryTooLarge', { max: DICTIONARY_MAX_WORDS });
      }
      const list = [...normalized].sort();
      await db.transaction().execute(async (trx) => {
        await createTextModelRepository(trx).replaceDictionary(list, clock.now(), actor.userId);
        await appendAudit(trx, dialect, {
          actor,
          action: 'text.dictionary',
          targetType: 'text_dictionary',
          outcome: 'success',
          detail: { words: list.length },
          at: clock.now(),
        });
      });
      segmenter = createSegmenter(list);
      dictStamp = await repo.dictionaryStamp();
      dictCheckedAt = clock.now();
      return { words: list };
    },
  };
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}

export type TextModelService = ReturnType<typeof createTextModelService>;
