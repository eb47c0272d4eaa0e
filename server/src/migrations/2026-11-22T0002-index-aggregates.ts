import type { Kysely } from 'kysely';

/*
 * Incrementally maintained aggregates for the indices (SPEC §4, §10): bounded by
 * community × day × category (and community × month × category × dimension), so an index
 * query reads the same number of rows at ten million troubles as at ten thousand.
 * `category_id` is '' for troubles without a category. Frozen in time.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('agg_trouble_days')
    .addColumn('community_id', 'text', (c) => c.notNull().references('communities.id'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('category_id', 'text', (c) => c.notNull())
    .addColumn('troubles', 'bigint', (c) => c.notNull())
    .addColumn('major', 'bigint', (c) => c.notNull())
    .addColumn('urgent', 'bigint', (c) => c.notNull())
    .addColumn('workers', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('agg_trouble_days_pk', ['community_id', 'day', 'category_id'])
    .execute();

  await db.schema
    .createTable('agg_trouble_dims')
    .addColumn('community_id', 'text', (c) => c.notNull().references('communities.id'))
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('category_id', 'text', (c) => c.notNull())
    .addColumn('dim', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('troubles', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('agg_trouble_dims_pk', [
      'community_id',
      'month',
      'dim',
      'value',
      'category_id',
    ])
    .execute();

  await db.schema
    .createTable('agg_problem_days')
    .addColumn('community_id', 'text', (c) => c.notNull().references('communities.id'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('category_id', 'text', (c) => c.notNull())
    .addColumn('problems', 'bigint', (c) => c.notNull())
    .addColumn('answered', 'bigint', (c) => c.notNull())
    .addColumn('closed', 'bigint', (c) => c.notNull())
    .addColumn('coordinated_on_time', 'bigint', (c) => c.notNull())
    .addColumn('answered_on_time', 'bigint', (c) => c.notNull())
    .addColumn('overdue', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('agg_problem_days_pk', ['community_id', 'day', 'category_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['agg_problem_days', 'agg_trouble_dims', 'agg_trouble_days']) {
    await db.schema.dropTable(t).execute();
  }
}
