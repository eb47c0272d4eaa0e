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
};

const CLOSED = new Set(['closed', 'merged']);

/**
 * 相似类问题 (SPEC §8): the open problems a trouble most likely belongs to. Each community has
 * its own in-memory inverted index (built lazily from the database on first use); the problem
 * write paths report the problems they changed after commit (`problemsChanged`), and every
 * `syncIntervalMs` a query also catches up with problems whose `updated_at` moved (writes by
 * another instance). Scope: candidates come from the trouble's own community only and are
 * confirmed against the database within the actor's scope, so another community's problem is
 * never suggested and titles and statuses are current.
 */
export function createSimilarService(deps: SimilarDeps) {
  const repo = createSimilarRepository(deps.db);
  const tokenizer = deps.tokenizer ?? bigramTokenizer;
  const syncIntervalMs = deps.syncIntervalMs ?? 2_000;
  const indexes = new Map<string, Promise<TextIndex>>();
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

  function indexOf(communityId: string): Promise<TextIndex> {
    let built = indexes.get(communityId);
    if (!built) {
      built = (async () => {
        watermark ??= await repo.latestUpdate();
        const index = createTextIndex(tokenizer);
        for (const p of await repo.openProblemsOf(communityId)) {
          apply(index, p);
        }
        return index;
      })();
      built.catch(() => indexes.delete(communityId));
      indexes.set(communityId, built);
    }
    return built;
  }

  async function refresh(ids: string[]): Promise<void> {
    const rows = await repo.problemsByIds([...new Set(ids)]);
    for (const p of rows) {
      const built = indexes.get(p.communityId);
      if (built) {
        apply(await built, p);
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

  return {
    /**
     * The open problems of the trouble's community most similar to the trouble (title and
     * body), best first. 404 when the trouble is missing or outside the actor's scope.
     */
    async suggestForTrouble(actor: Actor, troubleId: string, limit = 5): Promise<SimilarProblem[]> {
      const trouble = await repo.troubleInScope(actor, troubleId);
      if (!trouble) {
        throw notFound('trouble', troubleId);
      }
      const index = await indexOf(trouble.community_id);
      await settle();
      const hits = index.query(`${trouble.title}\n${trouble.body}`, limit * 2);
      return confirm(actor, hits, limit);
    },

    /** Open problems similar to a free text, over every community the actor may see. */
    async searchText(actor: Actor, text: string, limit = 10): Promise<SimilarProblem[]> {
      const communities = await repo.searchableCommunities(actor);
      const built = await Promise.all(communities.map(indexOf));
      await settle();
      const all = built.flatMap((index) => index.query(text, limit * 2));
      all.sort((a, b) => b.score - a.score);
      return confirm(actor, all.slice(0, limit * 3), limit);
    },

    /** Called by the problem write paths after commit with the ids they changed. */
    problemsChanged(ids: string[]): Promise<void> {
      pending = pending.then(() => refresh(ids)).catch(() => undefined);
      return pending;
    },

    /** Number of problems indexed per loaded community (diagnostics). */
    async stats(): Promise<Record<string, number>> {
      const out: Record<string, number> = {};
      for (const [c, built] of indexes) {
        out[c] = (await built).size;
      }
      return out;
    },
  };
}

export type SimilarService = ReturnType<typeof createSimilarService>;
