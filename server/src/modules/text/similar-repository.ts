import type { Kysely } from 'kysely';

import type { DB } from '../../db/schema';
import type { Actor } from '../../shared/actor';
import { problemScope, troubleScope } from '../../shared/record-scope';

/** Problems that can still take troubles: not closed (办结) and not merged away. */
const CLOSED = ['closed', 'merged'] as const;
/** How much of each linked trouble feeds a problem's text (the title and the start of the body). */
const TROUBLE_CHARS = 300;
const TROUBLES_PER_PROBLEM = 20;

export interface ProblemText {
  id: string;
  communityId: string;
  status: string;
  title: string;
  text: string;
  updatedAt: number;
}

function compose(
  p: { title: string; summary: string },
  troubles: { title: string; body: string }[] = [],
): string {
  // The title counts twice: staff write it to name the problem.
  const parts = [p.title, p.title, p.summary];
  for (const t of troubles.slice(0, TROUBLES_PER_PROBLEM)) {
    parts.push(t.title, t.body.slice(0, TROUBLE_CHARS));
  }
  return parts.join('\n');
}

function withTroubleTexts(
  rows: {
    id: string;
    community_id: string;
    status: string;
    title: string;
    summary: string;
    updated_at: number;
  }[],
  troubles: { problem_id: string | null; title: string; body: string }[],
): ProblemText[] {
  const byProblem = new Map<string, { title: string; body: string }[]>();
  for (const t of troubles) {
    if (t.problem_id) {
      const list = byProblem.get(t.problem_id) ?? [];
      list.push(t);
      byProblem.set(t.problem_id, list);
    }
  }
  return rows.map((r) => ({
    id: r.id,
    communityId: r.community_id,
    status: r.status,
    title: r.title,
    text: compose(r, byProblem.get(r.id)),
    updatedAt: Number(r.updated_at),
  }));
}

const problemColumns = [
  'problems.id',
  'problems.community_id',
  'problems.status',
  'problems.title',
  'problems.summary',
  'problems.updated_at',
] as const;

/** Reads for the similar-problems index (system-side loading, and the actor-scoped checks). */
export function createSimilarRepository(db: Kysely<DB>) {
  /** The current rows of some problems (any status) with the text of their troubles. */
  async function problemsByIds(ids: string[]): Promise<ProblemText[]> {
    if (ids.length === 0) {
      return [];
    }
    const rows = await db
      .selectFrom('problems')
      .select(problemColumns)
      .where('problems.id', 'in', ids)
      .execute();
    const troubles = await db
      .selectFrom('troubles')
      .select(['troubles.problem_id', 'troubles.title', 'troubles.body'])
      .where('troubles.problem_id', 'in', ids)
      .orderBy('troubles.received_at')
      .execute();
    return withTroubleTexts(rows, troubles);
  }

  return {
    /**
     * A community's open problems with the text of their troubles, a page at a time: the ids
     * first (one indexed read), then each page by primary key with its troubles by the
     * troubles' problem index. The index build holds one page at a time and the event loop runs
     * between pages. A problem closed meanwhile comes with its new status (the caller drops it).
     */
    async *openProblemPages(communityId: string, pageSize = 1000): AsyncGenerator<ProblemText[]> {
      const ids = await db
        .selectFrom('problems')
        .select('problems.id')
        .where('problems.community_id', '=', communityId)
        .where('problems.status', 'not in', CLOSED)
        .execute();
      for (let i = 0; i < ids.length; i += pageSize) {
        yield await problemsByIds(ids.slice(i, i + pageSize).map((r) => r.id));
      }
    },

    /** How many open problems a community has (whether a first build is quick). */
    async openProblemCount(communityId: string): Promise<number> {
      const row = await db
        .selectFrom('problems')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('problems.community_id', '=', communityId)
        .where('problems.status', 'not in', CLOSED)
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },

    /** The communities that have open problems (the indexes built at start). */
    async communitiesWithOpenProblems(): Promise<string[]> {
      const rows = await db
        .selectFrom('problems')
        .select('community_id')
        .distinct()
        .where('problems.status', 'not in', CLOSED)
        .execute();
      return rows.map((r) => r.community_id);
    },

    /** The current rows of some problems (any status), for incremental updates. */
    problemsByIds,

    /** Problems changed at or after `since` (updated_at is indexed; catches other instances). */
    async changedSince(since: number): Promise<{ id: string; updatedAt: number }[]> {
      const rows = await db
        .selectFrom('problems')
        .select(['id', 'updated_at'])
        .where('updated_at', '>=', since)
        .execute();
      return rows.map((r) => ({ id: r.id, updatedAt: Number(r.updated_at) }));
    },

    /** The newest update time (the starting watermark). */
    async latestUpdate(): Promise<number> {
      const row = await db
        .selectFrom('problems')
        .select((eb) => eb.fn.max('updated_at').as('latest'))
        .executeTakeFirst();
      return Number(row?.latest ?? 0);
    },

    /** A trouble the actor may see, or undefined. */
    troubleInScope(actor: Actor, id: string) {
      return db
        .selectFrom('troubles')
        .select(['troubles.id', 'troubles.community_id', 'troubles.title', 'troubles.body'])
        .where('troubles.id', '=', id)
        .where(troubleScope(actor))
        .executeTakeFirst();
    },

    /** Of `ids`, the open problems within the actor's scope (fresh title and status). */
    async openInScope(actor: Actor, ids: string[]) {
      if (ids.length === 0) {
        return [];
      }
      return db
        .selectFrom('problems')
        .select(['problems.id', 'problems.title', 'problems.status', 'problems.code'])
        .where('problems.id', 'in', ids)
        .where('problems.status', 'not in', CLOSED)
        .where(problemScope(actor))
        .execute();
    },

    /** The communities whose problems the actor may search (county-wide roles: the county). */
    async searchableCommunities(actor: Actor): Promise<string[]> {
      if (actor.role === 'staff') {
        return actor.communityId ? [actor.communityId] : [];
      }
      if (
        actor.role === 'admin' ||
        actor.role === 'supervisor' ||
        actor.role === 'department' ||
        actor.role === 'system'
      ) {
        const rows = await db
          .selectFrom('communities')
          .select('id')
          .where('county_id', '=', actor.countyId ?? '')
          .execute();
        return rows.map((r) => r.id);
      }
      return [];
    },
  };
}

export type SimilarRepository = ReturnType<typeof createSimilarRepository>;
