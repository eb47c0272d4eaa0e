/**
 * Enumerations shared by server and web. Names mean the same thing in code, DB, API and UI
 * (docs/glossary.md). Stored as text with a CHECK constraint in the database.
 */

export const ROLES = [
  'worker',
  'enterprise',
  'staff',
  'department',
  'supervisor',
  'admin',
  /** 审计员: reads the audit trail and nothing else (等保 安全管理中心, separation of duties). */
  'auditor',
] as const;
export type Role = (typeof ROLES)[number];

/** SPEC §3: how a trouble reached the community. */
export const CHANNELS = [
  'online', // 线上自助
  'qr', // 扫码
  'visit', // 企业走访
  'forum', // 周五夜诊 / 座谈会
  'survey', // 问卷调查
  'hotline', // 电话
  'council', // 职工议事会
  'grid', // 网格员
  'import', // 导入
  'open311', // Open311
] as const;
export type Channel = (typeof CHANNELS)[number];

export const REPORTER_TYPES = ['worker', 'enterprise', 'anonymous', 'staff'] as const;
export type ReporterType = (typeof REPORTER_TYPES)[number];

export const SEVERITIES = ['minor', 'major'] as const; // 轻 / 重
export type Severity = (typeof SEVERITIES)[number];

export const URGENCIES = ['normal', 'urgent'] as const; // 缓 / 急
export type Urgency = (typeof URGENCIES)[number];

export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const; // 重急 / 重缓 / 轻急 / 轻缓
export type Priority = (typeof PRIORITIES)[number];

/** Trouble lifecycle: received → resolved on the spot | linked to a problem → closed. */
export const TROUBLE_STATUSES = ['received', 'resolved_on_spot', 'linked', 'closed'] as const;
export type TroubleStatus = (typeof TROUBLE_STATUSES)[number];

/** Problem lifecycle (SPEC §3); `merged` is terminal for a problem merged into another. */
export const PROBLEM_STATUSES = [
  'open',
  'dispatched',
  'in_progress',
  'resolved',
  'replied',
  'closed',
  'merged',
] as const;
export type ProblemStatus = (typeof PROBLEM_STATUSES)[number];

export const CATEGORY_SOURCES = ['person', 'classifier'] as const;
export type CategorySource = (typeof CATEGORY_SOURCES)[number];

export const RATINGS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const; // 满意 / 基本满意 / 不满意
export type Rating = (typeof RATINGS)[number];

export const RATING_SOURCES = ['self', 'callback'] as const;
export type RatingSource = (typeof RATING_SOURCES)[number];

export const DEPARTMENT_ROLES = ['lead', 'cooperating'] as const;
export type DepartmentRole = (typeof DEPARTMENT_ROLES)[number];

export const ASSIGNMENT_STATUSES = ['assigned', 'accepted', 'handed_back'] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

export const EXTENSION_STATUSES = ['pending', 'approved', 'refused'] as const;
export type ExtensionStatus = (typeof EXTENSION_STATUSES)[number];

export const SUPERVISION_STATUSES = ['issued', 'responded', 'closed'] as const;
export type SupervisionStatus = (typeof SUPERVISION_STATUSES)[number];

export const TIME_MODES = ['natural', 'workdays'] as const;
export type TimeMode = (typeof TIME_MODES)[number];

export const OVERDUE_KINDS = ['coordination', 'resolution'] as const;
export type OverdueKind = (typeof OVERDUE_KINDS)[number];

export const ENTERPRISE_SIZES = ['micro', 'small', 'medium', 'large'] as const;
export type EnterpriseSize = (typeof ENTERPRISE_SIZES)[number];
