import type { Deps } from '../../deps';
import type { Actor } from '../../shared/actor';
import { notFound } from '../../shared/errors';
import { createTextIndex, type TextIndex } from './similar-index';
import { createSimilarRepository, type ProblemText } from './similar-repository';
import { bigramTokenizer, type Tokenizer } from './similar-tokens';

export interface SimilarProblem {
  problemId: string;
  code: string;
  title: string;
  status: string;
  /** Cosine similarity of the TF-IDF vectors, 0–1 (3 decimals). */
  score: number;
}

export type SimilarDeps = Pick<Deps, 'db'> & {
  tokenizer?: Tokenizer;
  /** How often a query first catches up with changes made elsewhere (other instances). */
  syncIntervalMs?: number;
  /**
   * A community with at most this many open problems is indexed while the first query waits
   * (a fraction of a second); a larger one is indexed in the background while its queries
   * answer no suggestions with `indexing: true`.
   */
  waitForBuildMax?: number;
  /** Problems read and indexed per step of a build (the event loop runs between steps). */
  buildPageSize?: number;
};

/** The suggestions with whether the community's index is still being built. */
export interface SimilarSuggestions {
  items: SimilarProblem[];
  /** True while the index is built in the background: `items` is empty until it is ready. */
  indexing: boolean;
}

const CLOSED = new Set(['closed', 'merged']);

interface Entry {
  index: TextIndex;
  /** Resolves when the build has finished (rejects if it failed). */
  built: Promise<void>;
  ready: boolean;
  /** Whether queries wait for the build (a small community). */
  waitable: Promise<boolean>;
  /** Problems reported changed while building: re-read once the build is done. */
  dirty: Set<string>;
  /** Time the build took (ms, diagnostics). */
  buildMs: number;
}

/**
 * 相似类问题 (SPEC §8): the open problems a trouble most likely belongs to. Each community has
 * its own in-memory inverted index, built from the database in pages: at server start for every
 * community with open problems (`warm`, after listen, in the background), else on first use. A
 * query for a community whose index is not ready waits when the community is small
 * (`waitForBuildMax` open problems) and otherwise answers an empty list with `indexing: true`
 * rather than hold the triage for seconds. The problem write paths report the problems they
 * changed after commit (`problemsChanged`); changes reported during a build are re-read when it
 * finishes. Every `syncIntervalMs` a query also catches up with problems whose `updated_at`
 * moved (writes by another instance). Scope: candidates come from the trouble's own community
 * only and are confirmed against the database within the actor's scope, so another community's
 * problem is never suggested and titles and statuses are current.
 */
export function createSimilarService(deps: SimilarDeps) {
  const repo = createSimilarRepository(deps.db);
  const tokenizer = deps.tokenizer ?? bigramTokenizer;
  const syncIntervalMs = deps.syncIntervalMs ?? 2_000;
  const waitForBuildMax = deps.waitForBuildMax ?? 5_000;
  const pageSize = deps.buildPageSize ?? 1_000;
  const indexes = new Map<string, Entry>();
  let watermark: number | null = null;
  let lastSync = 0;
  let pending: Promise<void> = Promise.resolve();

  function apply(index: TextIndex, p: ProblemText) {
    if (CLOSED.has(p.status)) {
      index.remove(p.id);
    } else {
      index.upsert(p.id, p.text, { title: p.title, status: p.status });
    }
  }

  async function build(communityId: string, entry: Entry): Promise<void> {
    const t0 = performance.now();
    watermark ??= await repo.latestUpdate();
    for await (const page of repo.openProblemPages(communityId, pageSize)) {
      for (const p of page) {
        apply(entry.index, p);
      }
    }
    while (entry.dirty.size > 0) {
      const ids = [...entry.dirty];
      entry.dirty.clear();
      for (const p of await repo.problemsByIds(ids)) {
        apply(entry.index, p);
      }
    }
    entry.index.trim();
    entry.ready = true;
    entry.buildMs = performance.now() - t0;
  }

  function entryOf(communityId: string): Entry {
    let entry = indexes.get(communityId);
    if (!entry) {
      const e: Entry = {
        index: createTextIndex(tokenizer),
        built: Promise.resolve(),
        ready: false,
        waitable: repo.openProblemCount(communityId).then((n) => n <= waitForBuildMax),
        dirty: new Set(),
        buildMs: 0,
      };
      e.waitable.catch(() => undefined);
      e.built = build(communityId, e);
      e.built.catch(() => {
        if (indexes.get(communityId) === e) {
          indexes.delete(communityId);
        }
      });
      indexes.set(communityId, e);
      entry = e;
    }
    return entry;
  }

  /** The community's index when it is ready (after waiting for a small one), else null. */
  async function readyIndex(communityId: string): Promise<TextIndex | null> {
    const entry = entryOf(communityId);
    if (!entry.ready && (await entry.waitable)) {
      await entry.built;
    }
    return entry.ready ? entry.index : null;
  }

  async function refresh(ids: string[]): Promise<void> {
    const rows = await repo.problemsByIds([...new Set(ids)]);
    for (const p of rows) {
      const entry = indexes.get(p.communityId);
      if (entry?.ready) {
        apply(entry.index, p);
      } else if (entry) {
        entry.dirty.add(p.id);
      }
      watermark = Math.max(watermark ?? 0, p.updatedAt);
    }
  }

  /** Waits for reported changes and, at most every `syncIntervalMs`, catches up by updated_at. */
  async function settle(): Promise<void> {
    await pending;
    const now = performance.now();
    if (watermark !== null && now - lastSync >= syncIntervalMs) {
      lastSync = now;
      const changed = await repo.changedSince(watermark);
      if (changed.length > 0) {
        await refresh(changed.map((c) => c.id));
      }
    }
  }

  async function confirm(
    actor: Actor,
    hits: { id: string; score: number }[],
    limit: number,
  ): Promise<SimilarProblem[]> {
    const rows = await repo.openInScope(
      actor,
      hits.map((h) => h.id),
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    const out: SimilarProblem[] = [];
    for (const h of hits) {
      const r = byId.get(h.id);
      if (r) {
        out.push({
          problemId: r.id,
          code: r.code,
          title: r.title,
          status: r.status,
          score: Math.round(h.score * 1000) / 1000,
        });
      }
    }
    return out.slice(0, limit);
  }

  async function suggest(actor: Actor, troubleId: string, limit: number) {
    const trouble = await repo.troubleInScope(actor, troubleId);
    if (!trouble) {
      throw notFound('trouble', troubleId);
    }
    const index = await readyIndex(trouble.community_id);
    if (!index) {
      return { items: [], indexing: true };
    }
    await settle();
    const hits = index.query(`${trouble.title}\n${trouble.body}`, limit * 2);
    return { items: await confirm(actor, hits, limit), indexing: false };
  }

  return {
    /**
     * The open problems of the trouble's community most similar to the trouble (title and
     * body), best first, and whether the community's index is still being built (then the
     * list is empty). 404 when the trouble is missing or outside the actor's scope.
     */
    suggest: (actor: Actor, troubleId: string, limit = 5): Promise<SimilarSuggestions> =>
      suggest(actor, troubleId, limit),

    /** `suggest` without the indexing flag. */
    async suggestForTrouble(actor: Actor, troubleId: string, limit = 5): Promise<SimilarProblem[]> {
      return (await suggest(actor, troubleId, limit)).items;
    },

    /**
     * Open problems similar to a free text, over every community the actor may see (communities
     * whose index is still being built in the background are left out).
     */
    async searchText(actor: Actor, text: string, limit = 10): Promise<SimilarProblem[]> {
      const communities = await repo.searchableCommunities(actor);
      const built = await Promise.all(communities.map(readyIndex));
      await settle();
      const all = built.flatMap((index) => index?.query(text, limit * 2) ?? []);
      all.sort((a, b) => b.score - a.score);
      return confirm(actor, all.slice(0, limit * 3), limit);
    },

    /** Called by the problem write paths after commit with the ids they changed. */
    problemsChanged(ids: string[]): Promise<void> {
      pending = pending.then(() => refresh(ids)).catch(() => undefined);
      return pending;
    },

    /**
     * Builds the index of every community with open problems, one after the other (called in
     * the background once the server listens). Resolves when all are built; failures are left
     * to the next query to retry.
     */
    async warm(): Promise<void> {
      for (const communityId of await repo.communitiesWithOpenProblems()) {
        await entryOf(communityId).built.catch(() => undefined);
      }
    },

    /** Waits until the community's index is built (benchmarks, tests). */
    async ready(communityId: string): Promise<void> {
      await entryOf(communityId).built;
    },

    /** Number of problems indexed per loaded community (diagnostics). */
    stats(): Record<string, { problems: number; terms: number; ready: boolean; buildMs: number }> {
      const out: Record<
        string,
        { problems: number; terms: number; ready: boolean; buildMs: number }
      > = {};
      for (const [c, e] of indexes) {
        out[c] = {
          problems: e.index.size,
          terms: e.index.terms,
          ready: e.ready,
          buildMs: e.buildMs,
        };
      }
      return out;
    },
  };
}

export type SimilarService = ReturnType<typeof createSimilarService>;
