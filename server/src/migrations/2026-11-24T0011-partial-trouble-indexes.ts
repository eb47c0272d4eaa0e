import { type Kysely, sql } from 'kysely';

/*
 * Five single-column indexes of `troubles` on columns that are NULL for most rows (an anonymous
 * report has no enterprise, reporting user, category or creator) become partial: `where col is
 * not null`. Every query that uses them compares the column with a value (`=`, `in`, a join),
 * which implies `is not null` on SQLite and PostgreSQL, so their plans are unchanged; an intake
 * of an anonymous trouble no longer writes five index entries for NULL. `problem_id` keeps its
 * full index: the triage queue asks for `problem_id is null`. Frozen.
 */
const PARTIAL = [
  'enterprise_id',
  'reporter_user_id',
  'category_id',
  'category_set_by',
  'created_by',
] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const col of PARTIAL) {
    await db.schema.dropIndex(`troubles_${col}_idx`).execute();
    await db.schema
      .createIndex(`troubles_${col}_idx`)
      .on('troubles')
      .column(col)
      .where(sql.ref(col), 'is not', null)
      .execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const col of PARTIAL) {
    await db.schema.dropIndex(`troubles_${col}_idx`).execute();
    await db.schema.createIndex(`troubles_${col}_idx`).on('troubles').column(col).execute();
  }
}
