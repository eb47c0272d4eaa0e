import type { Kysely } from 'kysely';

/*
 * Monthly reports (月报, SPEC §4): one row per (community, month); the PDF and XLSX files live
 * under DATA_DIR with server-generated relative paths. Regenerating replaces the files and
 * updates the row. Frozen in time: never import application code here.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('community_id', 'text', (c) => c.notNull().references('communities.id'))
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('pdf_path', 'text', (c) => c.notNull())
    .addColumn('xlsx_path', 'text', (c) => c.notNull())
    .addColumn('pdf_bytes', 'bigint', (c) => c.notNull())
    .addColumn('xlsx_bytes', 'bigint', (c) => c.notNull())
    .addColumn('generated_at', 'bigint', (c) => c.notNull())
    .addColumn('generated_by', 'text', (c) => c.references('users.id'))
    .addUniqueConstraint('reports_community_month_uq', ['community_id', 'month'])
    .execute();
  // The unique constraint indexes community_id (its leading column); generated_by needs its own.
  await db.schema
    .createIndex('reports_generated_by_idx')
    .on('reports')
    .column('generated_by')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('reports').execute();
}
