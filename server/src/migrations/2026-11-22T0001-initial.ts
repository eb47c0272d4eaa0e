import { type ColumnDefinitionBuilder, type Kysely, sql } from 'kysely';

/*
 * Initial schema. Frozen in time: never import application code here.
 * Portable types only: text ids, bigint epoch-ms timestamps, integer 0/1 flags, JSON as text,
 * enums as text with a CHECK constraint.
 */

const oneOf =
  (column: string, values: readonly string[]) =>
  (col: ColumnDefinitionBuilder): ColumnDefinitionBuilder =>
    col.notNull().check(sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`);

const ROLES = ['worker', 'enterprise', 'staff', 'department', 'supervisor', 'admin'];
const CHANNELS = [
  'online',
  'qr',
  'visit',
  'forum',
  'survey',
  'hotline',
  'council',
  'grid',
  'import',
  'open311',
];
const REPORTER_TYPES = ['worker', 'enterprise', 'anonymous', 'staff'];
const SEVERITIES = ['minor', 'major'];
const URGENCIES = ['normal', 'urgent'];
const PRIORITIES = ['P1', 'P2', 'P3', 'P4'];
const TROUBLE_STATUSES = ['received', 'resolved_on_spot', 'linked', 'closed'];
const PROBLEM_STATUSES = [
  'open',
  'dispatched',
  'in_progress',
  'resolved',
  'replied',
  'closed',
  'merged',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('counties')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('communities')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('county_id', 'text', (c) => c.notNull().references('counties.id'))
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('code_prefix', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('communities_county_idx')
    .on('communities')
    .column('county_id')
    .execute();

  await db.schema
    .createTable('community_settings')
    .addColumn('community_id', 'text', (c) => c.primaryKey().references('communities.id'))
    .addColumn('time_mode', 'text', oneOf('time_mode', ['natural', 'workdays']))
    .addColumn('coordination_hours', 'integer', (c) => c.notNull())
    .addColumn('resolution_hours', 'integer', (c) => c.notNull())
    .addColumn('escalation_interval_hours', 'integer', (c) => c.notNull())
    .addColumn('severity_workers_threshold', 'integer', (c) => c.notNull())
    .addColumn('max_reopens', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();

  await db.schema
    .createTable('enterprises')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('community_id', 'text', (c) => c.notNull().references('communities.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('industry', 'text', (c) => c.notNull())
    .addColumn('size', 'text', oneOf('size', ['micro', 'small', 'medium', 'large']))
    .addColumn('employee_count', 'integer', (c) => c.notNull())
    .addColumn('contact_name', 'text')
    .addColumn('contact_phone_enc', 'text')
    .addColumn('address', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('enterprises_community_name_uq', ['community_id', 'name'])
    .execute();

  await db.schema
    .createTable('departments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('county_id', 'text', (c) => c.notNull().references('counties.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('short_name', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('departments_county_name_uq', ['county_id', 'name'])
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('role', 'text', oneOf('role', ROLES))
    .addColumn('county_id', 'text', (c) => c.notNull().references('counties.id'))
    .addColumn('community_id', 'text', (c) => c.references('communities.id'))
    .addColumn('enterprise_id', 'text', (c) => c.references('enterprises.id'))
    .addColumn('department_id', 'text', (c) => c.references('departments.id'))
    .addColumn('phone_enc', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'bigint')
    .addColumn('password_changed_at', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  for (const col of ['county_id', 'community_id', 'enterprise_id', 'department_id']) {
    await db.schema.createIndex(`users_${col}_idx`).on('users').column(col).execute();
  }

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('idle_expires_at', 'bigint', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('categories')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('parent_id', 'text', (c) => c.references('categories.id'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('keywords', 'text', (c) => c.notNull())
    .addColumn('examples', 'text', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('categories_parent_idx')
    .on('categories')
    .column('parent_id')
    .execute();

  await db.schema
    .createTable('problems')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('community_id', 'text', (c) => c.notNull().references('communities.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('public_summary', 'text')
    .addColumn('category_id', 'text', (c) => c.references('categories.id'))
    .addColumn('owner_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('severity', 'text', oneOf('severity', SEVERITIES))
    .addColumn('urgency', 'text', oneOf('urgency', URGENCIES))
    .addColumn('workers_affected', 'integer', (c) => c.notNull())
    .addColumn('priority', 'text', oneOf('priority', PRIORITIES))
    .addColumn('status', 'text', oneOf('status', PROBLEM_STATUSES))
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .addColumn('coordination_due_at', 'bigint', (c) => c.notNull())
    .addColumn('resolution_due_at', 'bigint', (c) => c.notNull())
    .addColumn('deadline_estimated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('coordinated_at', 'bigint')
    .addColumn('answered_at', 'bigint')
    .addColumn('closed_at', 'bigint')
    .addColumn('resolution_text', 'text')
    .addColumn('reopen_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('overdue_kind', 'text', (c) =>
      c.check(sql`overdue_kind is null or overdue_kind in ('coordination', 'resolution')`),
    )
    .addColumn('overdue_since', 'bigint')
    .addColumn('escalation_level', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('merged_into_id', 'text', (c) => c.references('problems.id'))
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('problems_queue_idx')
    .on('problems')
    .columns(['community_id', 'status', 'priority', 'resolution_due_at'])
    .execute();
  for (const col of ['category_id', 'owner_user_id', 'merged_into_id', 'created_by']) {
    await db.schema.createIndex(`problems_${col}_idx`).on('problems').column(col).execute();
  }

  await db.schema
    .createTable('troubles')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('community_id', 'text', (c) => c.notNull().references('communities.id'))
    .addColumn('enterprise_id', 'text', (c) => c.references('enterprises.id'))
    .addColumn('reporter_type', 'text', oneOf('reporter_type', REPORTER_TYPES))
    .addColumn('reporter_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('reporter_name', 'text')
    .addColumn('reporter_phone_enc', 'text')
    .addColumn('channel', 'text', oneOf('channel', CHANNELS))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('category_id', 'text', (c) => c.references('categories.id'))
    .addColumn('category_source', 'text', (c) =>
      c.check(sql`category_source is null or category_source in ('person', 'classifier')`),
    )
    .addColumn('category_confidence', 'double precision')
    .addColumn('category_set_by', 'text', (c) => c.references('users.id'))
    .addColumn('severity', 'text', oneOf('severity', SEVERITIES))
    .addColumn('urgency', 'text', oneOf('urgency', URGENCIES))
    .addColumn('workers_affected', 'integer', (c) => c.notNull())
    .addColumn('priority', 'text', oneOf('priority', PRIORITIES))
    .addColumn('status', 'text', oneOf('status', TROUBLE_STATUSES))
    .addColumn('problem_id', 'text', (c) => c.references('problems.id'))
    .addColumn('on_spot_answer', 'text')
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .addColumn('closed_at', 'bigint')
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('idempotency_key', 'text', (c) => c.unique())
    .addColumn('idempotency_fingerprint', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('troubles_community_received_idx')
    .on('troubles')
    .columns(['community_id', 'received_at'])
    .execute();
  for (const col of [
    'enterprise_id',
    'reporter_user_id',
    'category_id',
    'category_set_by',
    'problem_id',
    'created_by',
  ]) {
    await db.schema.createIndex(`troubles_${col}_idx`).on('troubles').column(col).execute();
  }

  await db.schema
    .createTable('attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('trouble_id', 'text', (c) => c.references('troubles.id'))
    .addColumn('storage_name', 'text', (c) => c.notNull().unique())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('attachments_trouble_idx')
    .on('attachments')
    .column('trouble_id')
    .execute();
  await db.schema
    .createIndex('attachments_uploaded_by_idx')
    .on('attachments')
    .column('uploaded_by')
    .execute();

  await db.schema
    .createTable('problem_departments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('problem_id', 'text', (c) => c.notNull().references('problems.id'))
    .addColumn('department_id', 'text', (c) => c.notNull().references('departments.id'))
    .addColumn('role', 'text', oneOf('role', ['lead', 'cooperating']))
    .addColumn('status', 'text', oneOf('status', ['assigned', 'accepted', 'handed_back']))
    .addColumn('reason', 'text')
    .addColumn('assigned_at', 'bigint', (c) => c.notNull())
    .addColumn('accepted_at', 'bigint')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('problem_departments_uq', ['problem_id', 'department_id'])
    .execute();
  await db.schema
    .createIndex('problem_departments_department_idx')
    .on('problem_departments')
    .column('department_id')
    .execute();

  await db.schema
    .createTable('events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('community_id', 'text', (c) => c.notNull().references('communities.id'))
    .addColumn('actor_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .addColumn('note', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('events_entity_idx')
    .on('events')
    .columns(['entity_type', 'entity_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('events_community_idx')
    .on('events')
    .columns(['community_id', 'created_at'])
    .execute();
  await db.schema.createIndex('events_actor_idx').on('events').column('actor_user_id').execute();

  await db.schema
    .createTable('extension_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('problem_id', 'text', (c) => c.notNull().references('problems.id'))
    .addColumn('department_id', 'text', (c) => c.notNull().references('departments.id'))
    .addColumn('requested_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('current_due_at', 'bigint', (c) => c.notNull())
    .addColumn('requested_due_at', 'bigint', (c) => c.notNull())
    .addColumn('status', 'text', oneOf('status', ['pending', 'approved', 'refused']))
    .addColumn('decided_by', 'text', (c) => c.references('users.id'))
    .addColumn('decided_at', 'bigint')
    .addColumn('decision_note', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  for (const col of ['problem_id', 'department_id', 'requested_by', 'decided_by']) {
    await db.schema
      .createIndex(`extension_requests_${col}_idx`)
      .on('extension_requests')
      .column(col)
      .execute();
  }

  await db.schema
    .createTable('supervision_orders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('problem_id', 'text', (c) => c.notNull().references('problems.id'))
    .addColumn('community_id', 'text', (c) => c.notNull().references('communities.id'))
    .addColumn('issued_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('demand', 'text', (c) => c.notNull())
    .addColumn('due_at', 'bigint', (c) => c.notNull())
    .addColumn('status', 'text', oneOf('status', ['issued', 'responded', 'closed']))
    .addColumn('response', 'text')
    .addColumn('responded_by', 'text', (c) => c.references('users.id'))
    .addColumn('responded_at', 'bigint')
    .addColumn('closed_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  for (const col of ['problem_id', 'community_id', 'issued_by', 'responded_by']) {
    await db.schema
      .createIndex(`supervision_orders_${col}_idx`)
      .on('supervision_orders')
      .column(col)
      .execute();
  }

  await db.schema
    .createTable('ratings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('trouble_id', 'text', (c) => c.notNull().references('troubles.id'))
    .addColumn('problem_id', 'text', (c) => c.references('problems.id'))
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn(
      'rating',
      'text',
      oneOf('rating', ['satisfied', 'basically_satisfied', 'dissatisfied']),
    )
    .addColumn('comment', 'text')
    .addColumn('source', 'text', oneOf('source', ['self', 'callback']))
    .addColumn('recorded_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('ratings_trouble_round_uq', ['trouble_id', 'round'])
    .execute();
  await db.schema.createIndex('ratings_problem_idx').on('ratings').column('problem_id').execute();
  await db.schema
    .createIndex('ratings_recorded_by_idx')
    .on('ratings')
    .column('recorded_by')
    .execute();

  await db.schema
    .createTable('escalations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('problem_id', 'text', (c) => c.notNull().references('problems.id'))
    .addColumn('kind', 'text', oneOf('kind', ['coordination', 'resolution']))
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('due_at', 'bigint', (c) => c.notNull())
    .addColumn('escalated_at', 'bigint', (c) => c.notNull())
    .addColumn('caught_up', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('escalations_uq', ['problem_id', 'kind', 'due_at', 'level'])
    .execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text')
    .addColumn('entity_id', 'text')
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('read_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('notifications_user_idx')
    .on('notifications')
    .columns(['user_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('state', 'text', oneOf('state', ['queued', 'running', 'done', 'failed']))
    .addColumn('run_at', 'bigint', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull())
    .addColumn('locked_by', 'text')
    .addColumn('locked_until', 'bigint')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('finished_at', 'bigint')
    .execute();
  await db.schema.createIndex('jobs_claim_idx').on('jobs').columns(['state', 'run_at']).execute();

  await db.schema
    .createTable('job_schedules')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('last_slot_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('work_calendar')
    .addColumn('day', 'text', (c) => c.primaryKey())
    .addColumn('is_off_day', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();

  await db.schema
    .createTable('calendar_years')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('loaded_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('system_alerts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('alert_key', 'text', (c) => c.notNull().unique())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('resolved_at', 'bigint')
    .execute();

  await db.schema
    .createTable('counters')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('seq', 'bigint', (c) => c.notNull().unique())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('actor_user_id', 'text')
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text')
    .addColumn('target_id', 'text')
    .addColumn('ip', 'text')
    .addColumn('outcome', 'text', oneOf('outcome', ['success', 'failure']))
    .addColumn('detail', 'text')
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const tables = [
    'audit_log',
    'counters',
    'system_alerts',
    'calendar_years',
    'work_calendar',
    'job_schedules',
    'jobs',
    'notifications',
    'escalations',
    'ratings',
    'supervision_orders',
    'extension_requests',
    'events',
    'problem_departments',
    'attachments',
    'troubles',
    'problems',
    'categories',
    'sessions',
    'users',
    'departments',
    'enterprises',
    'community_settings',
    'communities',
    'counties',
  ];
  for (const t of tables) {
    await db.schema.dropTable(t).execute();
  }
}
