import type { Kysely } from 'kysely';

/*
 * Text intelligence (issue 6): the classifier's model state, versioned; the log of confirmed or
 * corrected labels it learned online since its last snapshot; the deployment's own words of the
 * segmentation dictionary. Frozen in time: never import application code here.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('text_models')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('algorithm', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('labels_count', 'integer', (c) => c.notNull())
    .addColumn('through_seq', 'bigint', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('metrics', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addUniqueConstraint('text_models_scope_version_uq', ['scope', 'version'])
    .execute();
  await db.schema
    .createIndex('text_models_created_by_idx')
    .on('text_models')
    .column('created_by')
    .execute();

  await db.schema
    .createTable('text_model_updates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('trouble_id', 'text', (c) => c.notNull().references('troubles.id'))
    .addColumn('category_id', 'text', (c) => c.notNull().references('categories.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addUniqueConstraint('text_model_updates_scope_seq_uq', ['scope', 'seq'])
    .execute();
  for (const column of ['trouble_id', 'category_id', 'created_by']) {
    await db.schema
      .createIndex(`text_model_updates_${column}_idx`)
      .on('text_model_updates')
      .column(column)
      .execute();
  }

  await db.schema
    .createTable('text_dictionary_words')
    .addColumn('word', 'text', (c) => c.primaryKey())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .execute();
  await db.schema
    .createIndex('text_dictionary_words_created_by_idx')
    .on('text_dictionary_words')
    .column('created_by')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('text_dictionary_words').execute();
  await db.schema.dropTable('text_model_updates').execute();
  await db.schema.dropTable('text_models').execute();
}
