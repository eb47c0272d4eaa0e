import type { Kysely } from 'kysely';

/*
 * TOTP second factor (RFC 6238) for staff accounts (ASVS 6.3.2, 等保 身份鉴别). Frozen.
 *
 * - users.totp_secret_enc: the base32 secret, encrypted with the field key (AES-256-GCM); set
 *   when enrolment starts, in use once totp_enabled_at is set.
 * - users.totp_last_step: the last accepted time step (epoch seconds / 30), so that a code is
 *   accepted once.
 * - totp_recovery_codes: one-time recovery codes, stored only as keyed hashes; used_at burns one.
 *
 * SQLite's ALTER TABLE adds one column per statement.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').addColumn('totp_secret_enc', 'text').execute();
  await db.schema.alterTable('users').addColumn('totp_enabled_at', 'bigint').execute();
  await db.schema.alterTable('users').addColumn('totp_last_step', 'bigint').execute();

  await db.schema
    .createTable('totp_recovery_codes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('used_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('totp_recovery_codes_user_idx')
    .on('totp_recovery_codes')
    .columns(['user_id', 'code_hash'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('totp_recovery_codes').execute();
  await db.schema.alterTable('users').dropColumn('totp_last_step').execute();
  await db.schema.alterTable('users').dropColumn('totp_enabled_at').execute();
  await db.schema.alterTable('users').dropColumn('totp_secret_enc').execute();
}
