import { type Kysely, sql } from 'kysely';

/*
 * Text clustering runs (SPEC §8: a batch is clustered into candidate problems for review) and
 * an index on problems.updated_at, which lets the in-memory similar-problems index catch up with
 * writes made by other instances. Frozen in time: never import application code here.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('text_cluster_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('community_id', 'text', (c) => c.notNull().references('communities.id'))
    .addColumn('source', 'text', (c) =>
      c.notNull().check(sql`source in ('unlinked_troubles', 'texts')`),
    )
    .addColumn('month', 'text')
    .addColumn('items', 'integer', (c) => c.notNull())
    .addColumn('clusters', 'integer', (c) => c.notNull())
    .addColumn('params', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('text_cluster_runs_community_idx')
    .on('text_cluster_runs')
    .columns(['community_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('text_cluster_runs_created_by_idx')
    .on('text_cluster_runs')
    .column('created_by')
    .execute();

  await db.schema
    .createTable('text_clusters')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('run_id', 'text', (c) => c.notNull().references('text_cluster_runs.id'))
    .addColumn('community_id', 'text', (c) => c.notNull().references('communities.id'))
    .addColumn('ordinal', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('keywords', 'text', (c) => c.notNull())
    .addColumn('cohesion', 'real', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('proposed', 'accepted', 'rejected')`),
    )
    .addColumn('problem_id', 'text', (c) => c.references('problems.id'))
    .addColumn('decided_by', 'text', (c) => c.references('users.id'))
    .addColumn('decided_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  for (const col of ['run_id', 'community_id', 'problem_id', 'decided_by']) {
    await db.schema
      .createIndex(`text_clusters_${col}_idx`)
      .on('text_clusters')
      .column(col)
      .execute();
  }

  await db.schema
    .createTable('text_cluster_members')
    .addColumn('run_id', 'text', (c) => c.notNull().references('text_cluster_runs.id'))
    .addColumn('trouble_id', 'text', (c) => c.notNull().references('troubles.id'))
    .addColumn('cluster_id', 'text', (c) => c.notNull().references('text_clusters.id'))
    .addColumn('similarity', 'real', (c) => c.notNull())
    .addPrimaryKeyConstraint('text_cluster_members_pk', ['run_id', 'trouble_id'])
    .execute();
  for (const col of ['cluster_id', 'trouble_id']) {
    await db.schema
      .createIndex(`text_cluster_members_${col}_idx`)
      .on('text_cluster_members')
      .column(col)
      .execute();
  }

  await db.schema
    .createIndex('problems_updated_at_idx')
    .on('problems')
    .column('updated_at')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('problems_updated_at_idx').execute();
  await db.schema.dropTable('text_cluster_members').execute();
  await db.schema.dropTable('text_clusters').execute();
  await db.schema.dropTable('text_cluster_runs').execute();
}
