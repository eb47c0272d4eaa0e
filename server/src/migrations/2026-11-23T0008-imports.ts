import type { Kysely } from 'kysely';

/*
 * Import/export (issue 7): import jobs with progress and a resumable commit point, the bad rows
 * of each job, the natural key of every committed row (so that re-importing a file creates no
 * duplicates), and the directory's worker records (职工名册: people, not login accounts).
 * Frozen in time: never import application code here.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('workers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('community_id', 'text', (c) => c.notNull().references('communities.id'))
    .addColumn('enterprise_id', 'text', (c) => c.references('enterprises.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('gender', 'text')
    .addColumn('phone_enc', 'text')
    .addColumn('phone_hash', 'text')
    .addColumn('id_number_enc', 'text')
    .addColumn('id_number_hash', 'text')
    .addColumn('position', 'text')
    .addColumn('hired_on', 'text')
    .addColumn('note', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('workers_community_id_number_uq', ['community_id', 'id_number_hash'])
    .execute();
  await db.schema
    .createIndex('workers_community_idx')
    .on('workers')
    .column('community_id')
    .execute();
  await db.schema
    .createIndex('workers_enterprise_idx')
    .on('workers')
    .column('enterprise_id')
    .execute();
  await db.schema
    .createIndex('workers_phone_idx')
    .on('workers')
    .columns(['community_id', 'phone_hash'])
    .execute();

  await db.schema
    .createTable('import_jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('county_id', 'text', (c) => c.notNull().references('counties.id'))
    .addColumn('community_id', 'text', (c) => c.references('communities.id'))
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('file_format', 'text', (c) => c.notNull())
    .addColumn('file_encoding', 'text')
    .addColumn('file_bytes', 'bigint', (c) => c.notNull())
    .addColumn('file_sha256', 'text', (c) => c.notNull())
    .addColumn('storage_name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('header_row', 'integer')
    .addColumn('columns', 'text')
    .addColumn('rows_read', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('total_estimate', 'integer')
    .addColumn('bytes_read', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('good_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('bad_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('skipped_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('committed_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('committed_through_row', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failure', 'text')
    .addColumn('heartbeat_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('validated_at', 'bigint')
    .addColumn('committed_at', 'bigint')
    .execute();
  for (const col of ['county_id', 'community_id', 'created_by']) {
    await db.schema.createIndex(`import_jobs_${col}_idx`).on('import_jobs').column(col).execute();
  }

  await db.schema
    .createTable('import_errors')
    .addColumn('import_id', 'text', (c) => c.notNull().references('import_jobs.id'))
    .addColumn('row_no', 'integer', (c) => c.notNull())
    .addColumn('errors', 'text', (c) => c.notNull())
    .addColumn('cells', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('import_errors_pk', ['import_id', 'row_no'])
    .execute();

  await db.schema
    .createTable('import_keys')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('key_hash', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('import_id', 'text', (c) => c.notNull().references('import_jobs.id'))
    .addColumn('row_no', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('import_keys_pk', ['kind', 'key_hash'])
    .execute();
  await db.schema
    .createIndex('import_keys_import_idx')
    .on('import_keys')
    .column('import_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('import_keys').execute();
  await db.schema.dropTable('import_errors').execute();
  await db.schema.dropTable('import_jobs').execute();
  await db.schema.dropTable('workers').execute();
}
