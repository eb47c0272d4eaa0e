import type { Role } from '../../../../common/enums';
import { api } from '../../shared/api';

const V1 = '/api/v1';

/** One row of `GET /api/v1/audit`. */
export interface AuditEntry {
  seq: number;
  at: number;
  actorUserId: string | null;
  actorLabel: string;
  actorUsername: string | null;
  actorRole: Role | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  /** Masked (`203.0.113.*`) unless asked for in full. */
  ip: string | null;
  outcome: 'success' | 'failure';
  detail: Record<string, unknown> | null;
  hash: string;
}

export interface AuditPage {
  items: AuditEntry[];
  nextBefore: number | null;
}

/** `GET /api/v1/audit/verify`. */
export interface ChainStatus {
  ok: boolean;
  checked: number;
  lastSeq: number | null;
  lastHash: string | null;
  brokenAt?: number;
  heads: {
    checked: number;
    mismatches: { seq: number; expected: string; found: string | null }[];
    unreadable?: boolean;
  };
  verifiedAt: number;
}

/** The filters of the page (empty ones are left out of the query). */
export interface AuditFilters {
  /** Epoch ms, inclusive. */
  from?: number;
  /** Epoch ms, exclusive. */
  to?: number;
  actor?: string;
  action?: string;
  outcome?: 'success' | 'failure';
  fullIp?: boolean;
}

/** The query string of a filter set (shared by the list and the CSV export link). */
export function auditQuery(f: AuditFilters): Record<string, string> {
  const q: Record<string, string> = {};
  if (f.from !== undefined) {
    q.from = String(f.from);
  }
  if (f.to !== undefined) {
    q.to = String(f.to);
  }
  const actor = f.actor?.trim();
  if (actor) {
    q.actor = actor;
  }
  const action = f.action?.trim();
  if (action) {
    q.action = action;
  }
  if (f.outcome) {
    q.outcome = f.outcome;
  }
  if (f.fullIp) {
    q.fullIp = 'true';
  }
  return q;
}

/** The CSV download of the current filters (the session cookie authorises it). */
export function auditExportUrl(f: AuditFilters): string {
  const search = new URLSearchParams(auditQuery(f)).toString();
  return `${V1}/audit/export.csv${search === '' ? '' : `?${search}`}`;
}

/** What the chain badge says: intact, broken at a row, or not matching an exported head. */
export type ChainVerdict =
  | { kind: 'intact'; checked: number; lastSeq: number | null }
  | { kind: 'broken'; seq: number }
  | { kind: 'headMismatch'; seq: number }
  | { kind: 'headsUnreadable' };

export function chainVerdict(s: ChainStatus): ChainVerdict {
  if (s.brokenAt !== undefined) {
    return { kind: 'broken', seq: s.brokenAt };
  }
  const mismatch = s.heads.mismatches[0];
  if (mismatch) {
    return { kind: 'headMismatch', seq: mismatch.seq };
  }
  if (s.heads.unreadable) {
    return { kind: 'headsUnreadable' };
  }
  return { kind: 'intact', checked: s.checked, lastSeq: s.lastSeq };
}

/** Actions with a readable name (`audit.actions.<key>`); others show their code only. */
export const ACTION_NAMES = {
  'auth.login': 'authLogin',
  'auth.logout': 'authLogout',
  'auth.passwordChange': 'authPasswordChange',
  'auth.totp.enable': 'authTotpEnable',
  'auth.totp.disable': 'authTotpDisable',
  'auth.totp.recoveryCodes': 'authTotpRecoveryCodes',
  'user.create': 'userCreate',
  'user.activate': 'userActivate',
  'user.deactivate': 'userDeactivate',
  'user.resetPassword': 'userResetPassword',
  'user.resetTotp': 'userResetTotp',
  'personal.unmask': 'personalUnmask',
  'export.unmasked': 'exportUnmasked',
  'settings.sla.update': 'settingsSla',
  'calendar.setDay': 'calendarSetDay',
  'calendar.deleteDay': 'calendarDeleteDay',
  'calendar.loadYear': 'calendarLoadYear',
  'taxonomy.create': 'taxonomyCreate',
  'taxonomy.update': 'taxonomyUpdate',
  'channel.create': 'channelCreate',
  'channel.update': 'channelUpdate',
  'channel.delete': 'channelDelete',
  'community.create': 'communityCreate',
  'enterprise.create': 'enterpriseCreate',
  'enterprise.update': 'enterpriseUpdate',
  'department.create': 'departmentCreate',
  'department.update': 'departmentUpdate',
  'open311.key.create': 'open311KeyCreate',
  'open311.key.revoke': 'open311KeyRevoke',
  'text.retrain': 'textRetrain',
  'text.dictionary': 'textDictionary',
  'audit.read': 'auditRead',
  'audit.verify': 'auditVerify',
  'audit.export': 'auditExport',
} as const;
export type ActionName = (typeof ACTION_NAMES)[keyof typeof ACTION_NAMES];

export function actionName(action: string): ActionName | null {
  return Object.hasOwn(ACTION_NAMES, action)
    ? ACTION_NAMES[action as keyof typeof ACTION_NAMES]
    : null;
}

/** Prefixes offered in the action filter (any prefix may be typed). */
export const ACTION_PREFIXES = [
  'auth.',
  'auth.login',
  'user.',
  'personal.',
  'export.',
  'settings.',
  'calendar.',
  'taxonomy.',
  'channel.',
  'community.',
  'enterprise.',
  'department.',
  'open311.',
  'text.',
  'audit.',
] as const;

/** The audit endpoints (auditor only). */
export const auditApi = {
  list: (f: AuditFilters, before: number | undefined, signal?: AbortSignal) =>
    api.get<AuditPage>(`${V1}/audit`, {
      query: { ...auditQuery(f), limit: 50, ...(before === undefined ? {} : { before }) },
      ...(signal ? { signal } : {}),
    }),
  verify: (signal?: AbortSignal) =>
    api.get<ChainStatus>(`${V1}/audit/verify`, signal ? { signal } : {}),
};
