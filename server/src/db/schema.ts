import type { Insertable, Selectable, Updateable } from 'kysely';

import type {
  AssignmentStatus,
  CategorySource,
  Channel,
  DepartmentRole,
  EnterpriseSize,
  ExtensionStatus,
  OverdueKind,
  Priority,
  ProblemStatus,
  Rating,
  RatingSource,
  ReporterType,
  Role,
  Severity,
  SupervisionStatus,
  TimeMode,
  TroubleStatus,
  Urgency,
} from '../../../common/enums';

/**
 * Table types. Conventions (docs/adr/0002-storage.md):
 * - ids are app-generated ULID text;
 * - timestamps are UTC epoch milliseconds (`*_at`, bigint on both dialects);
 * - booleans are integers 0/1 (portable between SQLite and PostgreSQL);
 * - JSON is stored as text and parsed in repositories.
 */
type Ms = number;
type Flag = 0 | 1;

export interface CountyTable {
  id: string;
  name: string;
  code: string;
  created_at: Ms;
}

export interface CommunityTable {
  id: string;
  county_id: string;
  slug: string;
  name: string;
  code_prefix: string;
  created_at: Ms;
}

export interface CommunitySettingsTable {
  community_id: string;
  time_mode: TimeMode;
  coordination_hours: number;
  resolution_hours: number;
  escalation_interval_hours: number;
  severity_workers_threshold: number;
  max_reopens: number;
  updated_at: Ms;
  updated_by: string | null;
}

export interface EnterpriseTable {
  id: string;
  community_id: string;
  name: string;
  industry: string;
  size: EnterpriseSize;
  employee_count: number;
  contact_name: string | null;
  contact_phone_enc: string | null;
  address: string | null;
  active: Flag;
  created_at: Ms;
  updated_at: Ms;
}

export interface DepartmentTable {
  id: string;
  county_id: string;
  name: string;
  short_name: string;
  active: Flag;
  created_at: Ms;
}

export interface UserTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  role: Role;
  county_id: string;
  community_id: string | null;
  enterprise_id: string | null;
  department_id: string | null;
  phone_enc: string | null;
  active: Flag;
  must_change_password: Flag;
  failed_logins: number;
  locked_until: Ms | null;
  password_changed_at: Ms;
  created_at: Ms;
  updated_at: Ms;
  /** Base32 TOTP secret, field-encrypted; pending until totp_enabled_at is set. */
  totp_secret_enc: string | null;
  totp_enabled_at: Ms | null;
  /** The last accepted TOTP time step (a code is accepted once). */
  totp_last_step: number | null;
}

/** One-time recovery codes of a user's TOTP enrolment, stored as keyed hashes only. */
export interface TotpRecoveryCodeTable {
  id: string;
  user_id: string;
  code_hash: string;
  created_at: Ms;
  used_at: Ms | null;
}

export interface SessionTable {
  id: string; // sha256 of the cookie token; the token itself is never stored
  user_id: string;
  csrf_token: string;
  created_at: Ms;
  expires_at: Ms;
  idle_expires_at: Ms;
  ip: string | null;
  user_agent: string | null;
}

export interface CategoryTable {
  id: string;
  parent_id: string | null;
  code: string;
  name: string;
  name_en: string;
  keywords: string; // JSON string[]
  examples: string; // JSON string[]
  sort: number;
  active: Flag;
  created_at: Ms;
  updated_at: Ms;
}

export interface TroubleTable {
  id: string;
  code: string;
  community_id: string;
  enterprise_id: string | null;
  reporter_type: ReporterType;
  reporter_user_id: string | null;
  reporter_name: string | null;
  reporter_phone_enc: string | null;
  channel: Channel;
  title: string;
  body: string;
  category_id: string | null;
  category_source: CategorySource | null;
  category_confidence: number | null;
  category_set_by: string | null;
  severity: Severity;
  urgency: Urgency;
  workers_affected: number;
  priority: Priority;
  status: TroubleStatus;
  problem_id: string | null;
  on_spot_answer: string | null;
  received_at: Ms;
  closed_at: Ms | null;
  created_by: string | null;
  idempotency_key: string | null;
  idempotency_fingerprint: string | null;
  created_at: Ms;
  updated_at: Ms;
}

export interface AttachmentTable {
  id: string;
  trouble_id: string | null;
  storage_name: string;
  mime: string;
  size_bytes: number;
  width: number;
  height: number;
  sha256: string;
  uploaded_by: string | null;
  created_at: Ms;
}

export interface ProblemTable {
  id: string;
  code: string;
  community_id: string;
  title: string;
  summary: string;
  public_summary: string | null;
  category_id: string | null;
  owner_user_id: string | null;
  severity: Severity;
  urgency: Urgency;
  workers_affected: number;
  priority: Priority;
  status: ProblemStatus;
  received_at: Ms;
  coordination_due_at: Ms;
  resolution_due_at: Ms;
  deadline_estimated: Flag;
  coordinated_at: Ms | null;
  answered_at: Ms | null;
  closed_at: Ms | null;
  resolution_text: string | null;
  reopen_count: number;
  overdue_kind: OverdueKind | null;
  overdue_since: Ms | null;
  escalation_level: number;
  merged_into_id: string | null;
  created_by: string | null;
  created_at: Ms;
  updated_at: Ms;
}

export interface ProblemDepartmentTable {
  id: string;
  problem_id: string;
  department_id: string;
  role: DepartmentRole;
  status: AssignmentStatus;
  reason: string | null;
  assigned_at: Ms;
  accepted_at: Ms | null;
  updated_at: Ms;
}

export interface EventTable {
  id: string;
  entity_type: string;
  entity_id: string;
  community_id: string;
  actor_user_id: string | null;
  actor_label: string;
  action: string;
  before: string | null; // JSON
  after: string | null; // JSON
  note: string | null;
  created_at: Ms;
}

export interface ExtensionRequestTable {
  id: string;
  problem_id: string;
  department_id: string;
  requested_by: string;
  reason: string;
  current_due_at: Ms;
  requested_due_at: Ms;
  status: ExtensionStatus;
  decided_by: string | null;
  decided_at: Ms | null;
  decision_note: string | null;
  created_at: Ms;
}

export interface SupervisionOrderTable {
  id: string;
  code: string;
  problem_id: string;
  community_id: string;
  issued_by: string;
  reason: string;
  demand: string;
  due_at: Ms;
  status: SupervisionStatus;
  response: string | null;
  responded_by: string | null;
  responded_at: Ms | null;
  closed_at: Ms | null;
  created_at: Ms;
}

export interface RatingTable {
  id: string;
  trouble_id: string;
  problem_id: string | null;
  round: number;
  rating: Rating;
  comment: string | null;
  source: RatingSource;
  recorded_by: string | null;
  created_at: Ms;
}

export interface EscalationTable {
  id: string;
  problem_id: string;
  kind: OverdueKind;
  level: number;
  due_at: Ms;
  escalated_at: Ms;
  caught_up: Flag;
}

export interface NotificationTable {
  id: string;
  user_id: string;
  kind: string;
  title: string;
  body: string;
  entity_type: string | null;
  entity_id: string | null;
  dedupe_key: string;
  created_at: Ms;
  read_at: Ms | null;
}

export interface JobTable {
  id: string;
  kind: string;
  dedupe_key: string;
  payload: string; // JSON
  state: 'queued' | 'running' | 'done' | 'failed';
  run_at: Ms;
  attempts: number;
  max_attempts: number;
  locked_by: string | null;
  locked_until: Ms | null;
  last_error: string | null;
  created_at: Ms;
  finished_at: Ms | null;
}

export interface JobScheduleTable {
  name: string;
  last_slot_at: Ms;
}

/** A community's e-mail or webhook target for notification events (docs/notifications.md). */
export interface NotificationChannelTable {
  id: string;
  community_id: string;
  name: string;
  kind: 'email' | 'wecom' | 'dingtalk' | 'feishu' | 'webhook';
  events: string; // JSON NotificationEvent[]
  target_enc: string; // encrypted URL or comma-separated addresses
  target_hint: string; // masked, for display
  secret_enc: string | null; // encrypted signing secret
  active: Flag;
  created_by: string | null;
  created_at: Ms;
  updated_at: Ms;
}

/** The outbox: one row per (event × channel), delivered by the delivery worker. */
export interface DeliveryTable {
  id: string;
  delivery_key: string;
  channel_id: string;
  community_id: string;
  event: string;
  event_key: string;
  message: string; // JSON OutboxMessage
  state: 'pending' | 'sending' | 'sent' | 'failed';
  attempts: number;
  max_attempts: number;
  next_attempt_at: Ms;
  locked_by: string | null;
  locked_until: Ms | null;
  last_error: string | null;
  last_attempt_at: Ms | null;
  sent_at: Ms | null;
  created_at: Ms;
}

/** Open311 API keys (per community, writes only); only the SHA-256 is stored. */
export interface Open311ApiKeyTable {
  id: string;
  community_id: string;
  key_hash: string;
  key_prefix: string;
  label: string;
  created_by: string | null;
  created_at: Ms;
  last_used_at: Ms | null;
  revoked_at: Ms | null;
}

export interface WorkCalendarTable {
  day: string; // YYYY-MM-DD, Asia/Shanghai
  is_off_day: Flag;
  name: string;
  source: string;
  updated_at: Ms;
  updated_by: string | null;
}

export interface CalendarYearTable {
  year: number;
  source: string;
  loaded_at: Ms;
}

export interface SystemAlertTable {
  id: string;
  kind: string;
  alert_key: string;
  message: string;
  created_at: Ms;
  resolved_at: Ms | null;
}

export interface CounterTable {
  name: string;
  value: number;
}

export interface AuditLogTable {
  id: string;
  seq: number;
  at: Ms;
  actor_user_id: string | null;
  actor_label: string;
  action: string;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  outcome: 'success' | 'failure';
  detail: string | null; // JSON
  prev_hash: string;
  hash: string;
}

export interface AggTroubleDayTable {
  community_id: string;
  day: string;
  category_id: string;
  troubles: number;
  major: number;
  urgent: number;
  workers: number;
}

export interface AggTroubleMonthTable {
  community_id: string;
  month: string;
  category_id: string;
  troubles: number;
  major: number;
  urgent: number;
  workers: number;
}

export interface AggTroubleDimTable {
  community_id: string;
  month: string;
  category_id: string;
  dim: 'enterprise' | 'channel' | 'reporter';
  value: string;
  troubles: number;
}

export interface AggProblemDayTable {
  community_id: string;
  day: string;
  category_id: string;
  problems: number;
  answered: number;
  closed: number;
  coordinated_on_time: number;
  answered_on_time: number;
  overdue: number;
}

export interface DisplayTokenTable {
  id: string;
  community_id: string;
  token_hash: string;
  label: string;
  created_by: string | null;
  created_at: Ms;
  revoked_at: Ms | null;
}

/** Monthly reports (月报): one row per (community, month); file paths relative to DATA_DIR. */
export interface ReportTable {
  id: string;
  community_id: string;
  month: string; // YYYY-MM, Asia/Shanghai
  pdf_path: string;
  xlsx_path: string;
  pdf_bytes: number;
  xlsx_bytes: number;
  generated_at: Ms;
  generated_by: string | null;
}

/** 身份证号 of one subject (a trouble's reporter; later a user), only ever encrypted. */
export interface IdentityNumberTable {
  subject_type: 'trouble' | 'user';
  subject_id: string;
  number_enc: string;
  created_at: Ms;
}

/** Directory worker records (职工名册): people of a community, not login accounts. */
export interface WorkerTable {
  id: string;
  community_id: string;
  enterprise_id: string | null;
  name: string;
  gender: 'male' | 'female' | null;
  phone_enc: string | null;
  /** HMAC of the normalised number, for look-ups without decrypting. */
  phone_hash: string | null;
  id_number_enc: string | null;
  id_number_hash: string | null;
  position: string | null;
  hired_on: string | null; // YYYY-MM-DD
  note: string | null;
  active: Flag;
  created_at: Ms;
  updated_at: Ms;
}

/** Text clustering runs (SPEC §8): a batch grouped into candidate problems for review. */
export interface TextClusterRunTable {
  id: string;
  community_id: string;
  source: 'unlinked_troubles' | 'texts';
  month: string | null; // YYYY-MM, Asia/Shanghai
  items: number;
  clusters: number;
  params: string; // JSON
  created_by: string | null;
  created_at: Ms;
}

export interface TextClusterTable {
  id: string;
  run_id: string;
  community_id: string;
  ordinal: number;
  title: string;
  keywords: string; // JSON string[]
  cohesion: number;
  status: 'proposed' | 'accepted' | 'rejected';
  problem_id: string | null;
  decided_by: string | null;
  decided_at: Ms | null;
  created_at: Ms;
  updated_at: Ms;
}

export type ImportKind = 'troubles' | 'enterprises' | 'workers' | 'departments';
export type ImportStatus = 'validating' | 'validated' | 'committing' | 'committed' | 'failed';

/** One import (file, dry run, commit) with its progress and resumable commit point. */
export interface ImportJobTable {
  id: string;
  kind: ImportKind;
  county_id: string;
  community_id: string | null;
  created_by: string | null;
  file_name: string;
  file_format: 'xlsx' | 'csv';
  file_encoding: string | null;
  file_bytes: number;
  file_sha256: string;
  storage_name: string;
  status: ImportStatus;
  header_row: number | null;
  columns: string | null; // JSON: detected header → field
  rows_read: number;
  total_estimate: number | null;
  bytes_read: number;
  good_rows: number;
  bad_rows: number;
  skipped_rows: number;
  committed_rows: number;
  committed_through_row: number;
  failure: string | null;
  heartbeat_at: Ms | null;
  created_at: Ms;
  validated_at: Ms | null;
  committed_at: Ms | null;
}

export interface ImportErrorTable {
  import_id: string;
  row_no: number;
  errors: string; // JSON RowError[]
  cells: string; // JSON string[] (the row as read, in file column order)
}

export interface ImportKeyTable {
  kind: ImportKind;
  key_hash: string;
  record_id: string;
  import_id: string;
  row_no: number;
  created_at: Ms;
}

export interface TextClusterMemberTable {
  run_id: string;
  trouble_id: string;
  cluster_id: string;
  similarity: number;
}

/** Text classifier snapshots (issue 6), versioned per scope; `state` is base64 of the gzip model. */
export interface TextModelTable {
  id: string;
  scope: string;
  version: number;
  algorithm: string;
  reason: string; // 'day-one' | 'initial' (first model, with labelled history) | 'retrain' | 'compact'
  labels_count: number;
  through_seq: number; // the last text_model_updates.seq contained in this snapshot
  state: string;
  metrics: string; // JSON
  created_at: Ms;
  created_by: string | null;
}

/** Confirmed or corrected labels, learned online and replayed on top of the latest snapshot. */
export interface TextModelUpdateTable {
  id: string;
  scope: string;
  seq: number;
  trouble_id: string;
  category_id: string;
  created_at: Ms;
  created_by: string | null;
}

/** The deployment's own words of the segmentation dictionary (the defaults live in code). */
export interface TextDictionaryWordTable {
  word: string;
  created_at: Ms;
  created_by: string | null;
}

export interface DB {
  counties: CountyTable;
  communities: CommunityTable;
  community_settings: CommunitySettingsTable;
  enterprises: EnterpriseTable;
  departments: DepartmentTable;
  users: UserTable;
  sessions: SessionTable;
  totp_recovery_codes: TotpRecoveryCodeTable;
  categories: CategoryTable;
  troubles: TroubleTable;
  attachments: AttachmentTable;
  problems: ProblemTable;
  problem_departments: ProblemDepartmentTable;
  events: EventTable;
  extension_requests: ExtensionRequestTable;
  supervision_orders: SupervisionOrderTable;
  ratings: RatingTable;
  escalations: EscalationTable;
  notifications: NotificationTable;
  jobs: JobTable;
  job_schedules: JobScheduleTable;
  notification_channels: NotificationChannelTable;
  deliveries: DeliveryTable;
  open311_api_keys: Open311ApiKeyTable;
  work_calendar: WorkCalendarTable;
  calendar_years: CalendarYearTable;
  system_alerts: SystemAlertTable;
  counters: CounterTable;
  audit_log: AuditLogTable;
  agg_trouble_days: AggTroubleDayTable;
  agg_trouble_months: AggTroubleMonthTable;
  agg_trouble_dims: AggTroubleDimTable;
  agg_problem_days: AggProblemDayTable;
  display_tokens: DisplayTokenTable;
  reports: ReportTable;
  identity_numbers: IdentityNumberTable;
  workers: WorkerTable;
  import_jobs: ImportJobTable;
  import_errors: ImportErrorTable;
  import_keys: ImportKeyTable;
  text_cluster_runs: TextClusterRunTable;
  text_clusters: TextClusterTable;
  text_cluster_members: TextClusterMemberTable;
  text_models: TextModelTable;
  text_model_updates: TextModelUpdateTable;
  text_dictionary_words: TextDictionaryWordTable;
}

export type Trouble = Selectable<TroubleTable>;
export type NewTrouble = Insertable<TroubleTable>;
export type Problem = Selectable<ProblemTable>;
export type NewProblem = Insertable<ProblemTable>;
export type ProblemUpdate = Updateable<ProblemTable>;
export type User = Selectable<UserTable>;
export type Enterprise = Selectable<EnterpriseTable>;
export type Community = Selectable<CommunityTable>;
export type CommunitySettings = Selectable<CommunitySettingsTable>;
export type Category = Selectable<CategoryTable>;
export type Department = Selectable<DepartmentTable>;
export type EventRow = Selectable<EventTable>;
export type NewEvent = Insertable<EventTable>;
export type Job = Selectable<JobTable>;
