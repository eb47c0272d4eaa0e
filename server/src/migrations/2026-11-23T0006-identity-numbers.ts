import type { Kysely } from 'kysely';

/*
 * Identity numbers (身份证号, PIPL sensitive personal information, class S3) live in their own
 * table, only encrypted with the field key (AES-256-GCM, shared/field-crypto.ts): one row per
 * subject (a trouble's reporter, later a user profile), so that retention and purge of S3 data
 * touch one table. Frozen.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('identity_numbers')
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('number_enc', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('identity_numbers_pk', ['subject_type', 'subject_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('identity_numbers').execute();
}
