import type { Deps } from '../../deps';
import type { Actor } from '../../shared/actor';
import { localDayStart } from '../../shared/business-time';
import { badRequest, notFound, ruleViolation } from '../../shared/errors';
import { newId } from '../../shared/ids';
import type { ProblemService } from '../problems';
import { createClusterRepository } from './cluster-repository';
import { type ClusterOptions, clusterTexts } from './cluster-texts';
import { createSegmenter, type Segmenter } from './segmenter';
import type { Tokenizer } from './similar-tokens';

export type ClusterDeps = Pick<Deps, 'db' | 'clock'> & {
  problems: Pick<ProblemService, 'createFromTroubles'>;
  /** Words for the keywords; default: the jieba segmenter with the domain dictionary. */
  keywordTokenizer?: Tokenizer;
};

const MAX_ITEMS = 5_000;

function monthRange(month: string): { from: number; to: number } {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!m) {
    throw badRequest('periodMonth');
  }
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const next = mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
  return { from: localDayStart(`${month}-01`), to: localDayStart(`${next}-01`) };
}

/**
 * 聚类 (SPEC §8): a month's unlinked troubles of a community grouped into candidate problems
 * that staff review — accept (a problem is created from the cluster's troubles through the
 * problem service, so timelines, events and aggregates stay right), edit the title or move
 * troubles between candidates, or reject. Runs are kept for review and audit.
 */
export function createClusterService(deps: ClusterDeps) {
  const { db, clock } = deps;
  const repo = createClusterRepository(db);
  let segmenter: Segmenter | null = null;
  const keywordTokenizer: Tokenizer =
    deps.keywordTokenizer ?? ((text) => (segmenter ??= createSegmenter()).segment(text));

  async function communityIds(actor: Actor): Promise<string[]> {
    return (await repo.visibleCommunities(actor)).map((c) => c.id);
  }

  async function loadRun(actor: Actor, runId: string) {
    const run = await repo.findRun(await communityIds(actor), runId);
    if (!run) {
      throw notFound('clusterRun', runId);
    }
    return run;
  }

  async function loadProposed(actor: Actor, runId: string, clusterId: string) {
    await loadRun(actor, runId);
    const cluster = await repo.findCluster(runId, clusterId);
    if (!cluster) {
      throw notFound('cluster', clusterId);
    }
    if (cluster.status !== 'proposed') {
      throw ruleViolation('clusterDecided');
    }
    return cluster;
  }

  async function detail(actor: Actor, runId: string) {
    const run = await loadRun(actor, runId);
    const clusters = await repo.clustersOf(runId);
    const members = await repo.membersOf(runId);
    return {
      id: run.id,
      communityId: run.community_id,
      communityName: run.community_name,
      source: run.source,
      month: run.month,
      items: run.items,
      createdAt: Number(run.created_at),
      params: JSON.parse(run.params) as Record<string, unknown>,
      clusters: clusters.map((c) => ({
        id: c.id,
        ordinal: c.ordinal,
        title: c.title,
        keywords: JSON.parse(c.keywords) as string[],
        cohesion: c.cohesion,
        status: c.status,
        problemId: c.problem_id,
        members: members
          .filter((m) => m.cluster_id === c.id)
          .map((m) => ({
            troubleId: m.trouble_id,
            code: m.code,
            title: m.title,
            status: m.status,
            problemId: m.problem_id,
            receivedAt: Number(m.received_at),
            similarity: m.similarity,
          })),
      })),
    };
  }

  return {
    /** Clusters the unlinked troubles of `communityId` received in `month` (local time). */
    async createRun(input: {
      actor: Actor;
      communityId: string;
      month: string;
      threshold?: number;
    }) {
      const { actor } = input;
      if (!(await communityIds(actor)).includes(input.communityId)) {
        throw notFound('community', input.communityId);
      }
      const { from, to } = monthRange(input.month);
      const troubles = await repo.unlinkedTroubles(actor, input.communityId, from, to);
      if (troubles.length === 0) {
        throw ruleViolation('clusterNoTroubles');
      }
      if (troubles.length > MAX_ITEMS) {
        throw ruleViolation('clusterTooMany', { max: MAX_ITEMS });
      }
      const options: ClusterOptions = {
        threshold: input.threshold,
        keywordTokenizer,
      };
      const { clusters } = clusterTexts(
        troubles.map((t) => ({
          id: t.id,
          title: t.title,
          text: `${t.title}\n${t.body}`,
          reporter: t.reporter_user_id ?? undefined,
          time: Number(t.received_at),
        })),
        options,
      );
      const now = clock.now();
      const runId = newId();
      const rows = clusters.map((c, i) => ({
        id: newId(),
        run_id: runId,
        community_id: input.communityId,
        ordinal: i + 1,
        title: c.title,
        keywords: JSON.stringify(c.keywords),
        cohesion: c.cohesion,
        status: 'proposed' as const,
        problem_id: null,
        decided_by: null,
        decided_at: null,
        created_at: now,
        updated_at: now,
      }));
      await repo.insertRun(
        {
          id: runId,
          community_id: input.communityId,
          source: 'unlinked_troubles',
          month: input.month,
          items: troubles.length,
          clusters: clusters.length,
          params: JSON.stringify({ threshold: input.threshold ?? null, from, to }),
          created_by: actor.userId,
          created_at: now,
        },
        rows,
        clusters.flatMap((c, i) =>
          c.members.map((m) => ({
            run_id: runId,
            trouble_id: m.id,
            cluster_id: rows[i]!.id,
            similarity: m.similarity,
          })),
        ),
      );
      return detail(actor, runId);
    },

    /** The latest runs (at most 100) of the communities in scope. */
    async listRuns(actor: Actor, communityId?: string) {
      const rows = await repo.listRuns(await communityIds(actor), communityId);
      return rows.map((r) => ({
        id: r.id,
        communityId: r.community_id,
        communityName: r.community_name,
        source: r.source,
        month: r.month,
        items: r.items,
        clusters: r.clusters,
        createdAt: Number(r.created_at),
      }));
    },

    detail,

    /**
     * Accepts a candidate: a new problem made of its troubles that are still unlinked (the
     * others were linked meanwhile and are reported as skipped).
     */
    async accept(input: { actor: Actor; runId: string; clusterId: string; title?: string }) {
      const { actor } = input;
      const cluster = await loadProposed(actor, input.runId, input.clusterId);
      const members = (await repo.membersOf(input.runId)).filter(
        (m) => m.cluster_id === cluster.id,
      );
      const open = members.filter((m) => m.status === 'received' && m.problem_id === null);
      if (open.length === 0) {
        throw ruleViolation('clusterNothingToLink');
      }
      const now = clock.now();
      if (
        !(await repo.decide(cluster.id, {
          status: 'accepted',
          decided_by: actor.userId,
          decided_at: now,
        }))
      ) {
        throw ruleViolation('clusterDecided');
      }
      let problemId: string;
      try {
        problemId = await deps.problems.createFromTroubles({
          actor,
          troubleIds: open.map((m) => m.trouble_id),
          title: input.title ?? cluster.title,
          summary: (JSON.parse(cluster.keywords) as string[]).join('、'),
        });
      } catch (e) {
        await repo.undoDecision(cluster.id, now);
        throw e;
      }
      await repo.setProblem(cluster.id, problemId);
      return {
        problemId,
        linked: open.map((m) => m.trouble_id),
        skipped: members.filter((m) => !open.includes(m)).map((m) => m.trouble_id),
      };
    },

    /** Rejects a candidate (its troubles stay unlinked). */
    async reject(input: { actor: Actor; runId: string; clusterId: string }) {
      const cluster = await loadProposed(input.actor, input.runId, input.clusterId);
      const decided = await repo.decide(cluster.id, {
        status: 'rejected',
        decided_by: input.actor.userId,
        decided_at: clock.now(),
      });
      if (!decided) {
        throw ruleViolation('clusterDecided');
      }
    },

    /**
     * Edits a candidate: a new title; `moveIn` takes troubles of the same run from other
     * undecided candidates; `moveOut` sends troubles to a candidate of their own.
     */
    async edit(input: {
      actor: Actor;
      runId: string;
      clusterId: string;
      title?: string;
      moveIn?: string[];
      moveOut?: string[];
    }) {
      const { actor, runId } = input;
      const cluster = await loadProposed(actor, runId, input.clusterId);
      const members = await repo.membersOf(runId);
      const clusters = new Map((await repo.clustersOf(runId)).map((c) => [c.id, c]));
      const memberOf = new Map(members.map((m) => [m.trouble_id, m.cluster_id]));
      for (const id of input.moveIn ?? []) {
        const from = memberOf.get(id);
        if (!from) {
          throw ruleViolation('clusterMemberMissing', { id });
        }
        if (clusters.get(from)?.status !== 'proposed') {
          throw ruleViolation('clusterDecided');
        }
      }
      for (const id of input.moveOut ?? []) {
        if (memberOf.get(id) !== cluster.id) {
          throw ruleViolation('clusterMemberMissing', { id });
        }
      }
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        const tx = createClusterRepository(trx);
        if (input.title !== undefined) {
          await tx.updateCluster(cluster.id, { title: input.title, updated_at: now });
        }
        if (input.moveIn?.length) {
          await tx.moveMembers(runId, input.moveIn, cluster.id);
        }
        let ordinal = await tx.maxOrdinal(runId);
        for (const id of input.moveOut ?? []) {
          const t = members.find((m) => m.trouble_id === id)!;
          const single = {
            ...cluster,
            id: newId(),
            ordinal: ++ordinal,
            title: t.title,
            keywords: '[]',
            cohesion: 1,
            created_at: now,
            updated_at: now,
          };
          await tx.insertCluster(single);
          await tx.moveMembers(runId, [id], single.id);
        }
      });
      return detail(actor, runId);
    },
  };
}

export type ClusterService = ReturnType<typeof createClusterService>;
