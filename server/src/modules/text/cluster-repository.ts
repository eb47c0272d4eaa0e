import type { Insertable, Kysely } from 'kysely';

import type {
  DB,
  TextClusterMemberTable,
  TextClusterRunTable,
  TextClusterTable,
} from '../../db/schema';
import type { Actor } from '../../shared/actor';
import { troubleScope } from '../../shared/record-scope';

export type ClusterRow = TextClusterTable;

/**
 * Clustering runs, their candidate clusters and members. Every read is bounded by the
 * communities the actor may see (`communityIds`), passed in by the service.
 */
export function createClusterRepository(db: Kysely<DB>) {
  return {
    /** The communities whose troubles the actor may cluster: staff their own, others the county. */
    async visibleCommunities(actor: Actor): Promise<{ id: string; name: string }[]> {
      if (actor.role === 'staff') {
        return db
          .selectFrom('communities')
          .select(['id', 'name'])
          .where('id', '=', actor.communityId ?? '')
          .execute();
      }
      if (actor.role === 'admin' || actor.role === 'supervisor' || actor.role === 'system') {
        return db
          .selectFrom('communities')
          .select(['id', 'name'])
          .where('county_id', '=', actor.countyId ?? '')
          .execute();
      }
      return [];
    },

    /** Unlinked troubles (received, not on a problem) of a community in [from, to). */
    unlinkedTroubles(actor: Actor, communityId: string, from: number, to: number) {
      return db
        .selectFrom('troubles')
        .select([
          'troubles.id',
          'troubles.title',
          'troubles.body',
          'troubles.reporter_user_id',
          'troubles.received_at',
          'troubles.workers_affected',
        ])
        .where('troubles.community_id', '=', communityId)
        .where('troubles.status', '=', 'received')
        .where('troubles.problem_id', 'is', null)
        .where('troubles.received_at', '>=', from)
        .where('troubles.received_at', '<', to)
        .where(troubleScope(actor))
        .orderBy('troubles.received_at')
        .execute();
    },

    async insertRun(
      run: Insertable<TextClusterRunTable>,
      clusters: ClusterRow[],
      members: Insertable<TextClusterMemberTable>[],
    ): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx.insertInto('text_cluster_runs').values(run).execute();
        for (let i = 0; i < clusters.length; i += 200) {
          await trx
            .insertInto('text_clusters')
            .values(clusters.slice(i, i + 200))
            .execute();
        }
        for (let i = 0; i < members.length; i += 300) {
          await trx
            .insertInto('text_cluster_members')
            .values(members.slice(i, i + 300))
            .execute();
        }
      });
    },

    listRuns(communityIds: string[], communityId?: string) {
      return db
        .selectFrom('text_cluster_runs')
        .innerJoin('communities', 'communities.id', 'text_cluster_runs.community_id')
        .select([
          'text_cluster_runs.id',
          'text_cluster_runs.community_id',
          'communities.name as community_name',
          'text_cluster_runs.source',
          'text_cluster_runs.month',
          'text_cluster_runs.items',
          'text_cluster_runs.clusters',
          'text_cluster_runs.created_at',
        ])
        .where('text_cluster_runs.community_id', 'in', communityIds.length ? communityIds : [''])
        .$if(communityId !== undefined, (qb) =>
          qb.where('text_cluster_runs.community_id', '=', communityId!),
        )
        .orderBy('text_cluster_runs.created_at', 'desc')
        .limit(100)
        .execute();
    },

    findRun(communityIds: string[], runId: string) {
      return db
        .selectFrom('text_cluster_runs')
        .innerJoin('communities', 'communities.id', 'text_cluster_runs.community_id')
        .selectAll('text_cluster_runs')
        .select('communities.name as community_name')
        .where('text_cluster_runs.id', '=', runId)
        .where('text_cluster_runs.community_id', 'in', communityIds.length ? communityIds : [''])
        .executeTakeFirst();
    },

    clustersOf(runId: string) {
      return db
        .selectFrom('text_clusters')
        .selectAll()
        .where('run_id', '=', runId)
        .orderBy('ordinal')
        .execute();
    },

    membersOf(runId: string) {
      return db
        .selectFrom('text_cluster_members')
        .innerJoin('troubles', 'troubles.id', 'text_cluster_members.trouble_id')
        .select([
          'text_cluster_members.cluster_id',
          'text_cluster_members.trouble_id',
          'text_cluster_members.similarity',
          'troubles.code',
          'troubles.title',
          'troubles.status',
          'troubles.problem_id',
          'troubles.received_at',
        ])
        .where('text_cluster_members.run_id', '=', runId)
        .orderBy('text_cluster_members.similarity', 'desc')
        .execute();
    },

    findCluster(runId: string, clusterId: string) {
      return db
        .selectFrom('text_clusters')
        .selectAll()
        .where('id', '=', clusterId)
        .where('run_id', '=', runId)
        .executeTakeFirst();
    },

    /** Moves the status on only from `proposed` (a claim); false if someone decided first. */
    async decide(
      clusterId: string,
      patch: { status: 'accepted' | 'rejected'; decided_by: string | null; decided_at: number },
    ): Promise<boolean> {
      const r = await db
        .updateTable('text_clusters')
        .set({ ...patch, updated_at: patch.decided_at })
        .where('id', '=', clusterId)
        .where('status', '=', 'proposed')
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    async undoDecision(clusterId: string, now: number): Promise<void> {
      await db
        .updateTable('text_clusters')
        .set({ status: 'proposed', decided_by: null, decided_at: null, updated_at: now })
        .where('id', '=', clusterId)
        .execute();
    },

    async setProblem(clusterId: string, problemId: string): Promise<void> {
      await db
        .updateTable('text_clusters')
        .set({ problem_id: problemId })
        .where('id', '=', clusterId)
        .execute();
    },

    async updateCluster(clusterId: string, patch: { title?: string; updated_at: number }) {
      await db.updateTable('text_clusters').set(patch).where('id', '=', clusterId).execute();
    },

    async insertCluster(row: ClusterRow): Promise<void> {
      await db.insertInto('text_clusters').values(row).execute();
    },

    async moveMembers(runId: string, troubleIds: string[], clusterId: string): Promise<void> {
      await db
        .updateTable('text_cluster_members')
        .set({ cluster_id: clusterId })
        .where('run_id', '=', runId)
        .where('trouble_id', 'in', troubleIds)
        .execute();
    },

    async maxOrdinal(runId: string): Promise<number> {
      const r = await db
        .selectFrom('text_clusters')
        .select((eb) => eb.fn.max('ordinal').as('n'))
        .where('run_id', '=', runId)
        .executeTakeFirst();
      return Number(r?.n ?? 0);
    },
  };
}

export type ClusterRepository = ReturnType<typeof createClusterRepository>;
