import { type Kysely, sql } from 'kysely';

/*
 * Notification channels and the delivery outbox (SPEC §9), and Open311 API keys. Frozen in
 * time: never import application code here.
 *
 * - notification_channels: one e-mail or webhook target of a community, subscribed to event
 *   types (JSON text array); the target (URL or addresses) and signing secret are encrypted.
 * - deliveries: one row per (event × channel), written in the transaction of the change that
 *   causes it; `delivery_key` is unique so that an event never queues twice for a channel.
 * - open311_api_keys: per-community keys for Open311 POST, stored as SHA-256 only.
 */
const sqlIn = (column: string, values: string[]) =>
  sql<boolean>`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('notification_channels')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('community_id', 'text', (c) => c.notNull().references('communities.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sqlIn('kind', ['email', 'wecom', 'dingtalk', 'feishu', 'webhook'])),
    )
    .addColumn('events', 'text', (c) => c.notNull())
    .addColumn('target_enc', 'text', (c) => c.notNull())
    .addColumn('target_hint', 'text', (c) => c.notNull())
    .addColumn('secret_enc', 'text')
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('notification_channels_community_idx')
    .on('notification_channels')
    .column('community_id')
    .execute();
  await db.schema
    .createIndex('notification_channels_created_by_idx')
    .on('notification_channels')
    .column('created_by')
    .execute();

  await db.schema
    .createTable('deliveries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('delivery_key', 'text', (c) => c.notNull().unique())
    .addColumn('channel_id', 'text', (c) => c.notNull().references('notification_channels.id'))
    .addColumn('community_id', 'text', (c) => c.notNull().references('communities.id'))
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('event_key', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) =>
      c.notNull().check(sqlIn('state', ['pending', 'sending', 'sent', 'failed'])),
    )
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('max_attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
    .addColumn('locked_by', 'text')
    .addColumn('locked_until', 'bigint')
    .addColumn('last_error', 'text')
    .addColumn('last_attempt_at', 'bigint')
    .addColumn('sent_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('deliveries_due_idx')
    .on('deliveries')
    .columns(['state', 'next_attempt_at'])
    .execute();
  await db.schema
    .createIndex('deliveries_channel_idx')
    .on('deliveries')
    .columns(['channel_id', 'sent_at'])
    .execute();
  await db.schema
    .createIndex('deliveries_community_idx')
    .on('deliveries')
    .columns(['community_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('open311_api_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('community_id', 'text', (c) => c.notNull().references('communities.id'))
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    .addColumn('key_prefix', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_used_at', 'bigint')
    .addColumn('revoked_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('open311_api_keys_community_idx')
    .on('open311_api_keys')
    .column('community_id')
    .execute();
  await db.schema
    .createIndex('open311_api_keys_created_by_idx')
    .on('open311_api_keys')
    .column('created_by')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('open311_api_keys').execute();
  await db.schema.dropTable('deliveries').execute();
  await db.schema.dropTable('notification_channels').execute();
}
