import { type Kysely, sql } from 'kysely';

/*
 * Monthly trouble cells beside the daily ones: whole months of an index period are read from
 * here (~30× fewer rows), partial months from `agg_trouble_days`. Filled from the daily cells
 * so that existing databases stay consistent. Frozen in time.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('agg_trouble_months')
    .addColumn('community_id', 'text', (c) => c.notNull().references('communities.id'))
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('category_id', 'text', (c) => c.notNull())
    .addColumn('troubles', 'bigint', (c) => c.notNull())
    .addColumn('major', 'bigint', (c) => c.notNull())
    .addColumn('urgent', 'bigint', (c) => c.notNull())
    .addColumn('workers', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('agg_trouble_months_pk', ['community_id', 'month', 'category_id'])
    .execute();
  await sql`
    insert into agg_trouble_months (community_id, month, category_id, troubles, major, urgent, workers)
    select community_id, substr(day, 1, 7), category_id, sum(troubles), sum(major), sum(urgent), sum(workers)
    from agg_trouble_days
    group by community_id, substr(day, 1, 7), category_id
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('agg_trouble_months').execute();
}
