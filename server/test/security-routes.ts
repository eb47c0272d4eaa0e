import type { Role } from '../../common/enums';
import { PERMISSIONS } from '../src/shared/permissions';
import { TEST_PASSWORD } from './factories';
import type { RoleKey, SecurityWorld } from './security-world';

/**
 * One rule per /api/v1 route for the security tests (server/src/security): a concrete URL with
 * the fixture world's ids, a valid body (so that record-scope checks in the handler are
 * reached), and which roles holding the permission reach the record.
 */

export type Expect = 'allow' | 401 | 403 | 404;
export type Ids = SecurityWorld['ids'];

export interface Rule {
  url: (ids: Ids) => string;
  body?: (ids: Ids, n: number) => unknown;
  /** Roles holding the permission that reach the record; the others get 404. */
  scope?: readonly RoleKey[];
  /** Explicit outcomes (intake rules, handler-level checks) over the derived ones. */
  expect?: Partial<Record<RoleKey, Expect>>;
  /** Call with a fresh session (the call ends or changes it). */
  fresh?: boolean;
  /** Runs before every call (recreates what an earlier allowed call removed). */
  prepare?: (world: SecurityWorld) => Promise<unknown>;
}

const ROLE_OF: Record<RoleKey, Role | 'anonymous'> = {
  anonymous: 'anonymous',
  worker: 'worker',
  enterprise: 'enterprise',
  staff: 'staff',
  staffOther: 'staff',
  deptAssigned: 'department',
  deptOther: 'department',
  supervisor: 'supervisor',
  supervisorOther: 'supervisor',
  admin: 'admin',
  adminOther: 'admin',
};

/** Who reaches trouble A: its reporter, its enterprise, staff of A1, the assigned department, county A. */
export const TROUBLE_A: RoleKey[] = [
  'worker',
  'enterprise',
  'staff',
  'deptAssigned',
  'supervisor',
  'admin',
];
/** Who reaches problem A: staff of A1, the assigned department, county A's supervisor and admin. */
export const PROBLEM_A: RoleKey[] = ['staff', 'deptAssigned', 'supervisor', 'admin'];
/** Who reads community A1 in the directory: its staff and county A's county-wide roles. */
const COMMUNITY_A1: RoleKey[] = ['staff', 'deptAssigned', 'deptOther', 'supervisor', 'admin'];
const COUNTY_A_ADMIN: RoleKey[] = ['admin'];
const MONTH = new Date().toISOString().slice(0, 7);
const due = () => new Date(Date.now() + 25 * 86_400_000).toISOString().replace('Z', '+00:00');
const problemBody = { text: '已联系物业，本周内完成维修。' };

export const RULES: Record<string, Rule> = {
  'POST /api/v1/auth/login': {
    url: () => '/api/v1/auth/login',
    body: (ids) => ({ username: ids.loginUser, password: TEST_PASSWORD }),
  },
  'GET /api/v1/auth/session': { url: () => '/api/v1/auth/session', expect: { anonymous: 401 } },
  'POST /api/v1/auth/logout': { url: () => '/api/v1/auth/logout', fresh: true },
  'POST /api/v1/auth/password': {
    url: () => '/api/v1/auth/password',
    body: () => ({ currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD }),
    fresh: true,
  },
  'GET /api/v1/users': { url: () => '/api/v1/users' },
  'POST /api/v1/users': {
    url: () => '/api/v1/users',
    body: (ids, n) => ({
      username: `matrix-user-${n}`,
      displayName: '矩阵用户',
      password: 'Matrix-Pass-2026',
      role: 'worker',
      communityId: ids.communityA1,
    }),
    scope: COUNTY_A_ADMIN,
  },
  'POST /api/v1/users/:id/active': {
    url: (ids) => `/api/v1/users/${ids.targetUserA}/active`,
    body: () => ({ active: true }),
    scope: COUNTY_A_ADMIN,
  },
  'POST /api/v1/users/:id/password': {
    url: (ids) => `/api/v1/users/${ids.targetUserA}/password`,
    body: () => ({ password: 'Reset-Pass-2026' }),
    scope: COUNTY_A_ADMIN,
  },
  'GET /api/v1/communities': { url: () => '/api/v1/communities' },
  'GET /api/v1/communities/:id': {
    url: (ids) => `/api/v1/communities/${ids.communityA1}`,
    scope: COMMUNITY_A1,
  },
  'POST /api/v1/communities': {
    url: () => '/api/v1/communities',
    body: (_ids, n) => ({ slug: `matrix-${n}`, name: `矩阵社区${n}`, codePrefix: 'MX' }),
  },
  'GET /api/v1/enterprises': { url: () => '/api/v1/enterprises' },
  'GET /api/v1/enterprises/:id': {
    url: (ids) => `/api/v1/enterprises/${ids.enterpriseA1}`,
    scope: COMMUNITY_A1,
  },
  'POST /api/v1/enterprises': {
    url: () => '/api/v1/enterprises',
    body: (ids, n) => ({
      communityId: ids.communityA1,
      name: `矩阵企业${n}`,
      industry: '线路板',
      size: 'small',
      employeeCount: 20,
    }),
    scope: ['staff', 'admin'],
  },
  'PATCH /api/v1/enterprises/:id': {
    url: (ids) => `/api/v1/enterprises/${ids.enterpriseA1}`,
    body: () => ({ employeeCount: 300 }),
    scope: ['staff', 'admin'],
  },
  'GET /api/v1/departments': { url: () => '/api/v1/departments' },
  'POST /api/v1/departments': {
    url: () => '/api/v1/departments',
    body: (_ids, n) => ({ name: `矩阵局${n}`, shortName: '矩阵局' }),
  },
  'PATCH /api/v1/departments/:id': {
    url: (ids) => `/api/v1/departments/${ids.deptA1}`,
    body: () => ({ active: true }),
    scope: COUNTY_A_ADMIN,
  },
  'GET /api/v1/public/enterprises/:id': {
    url: (ids) => `/api/v1/public/enterprises/${ids.enterpriseA1}`,
  },
  'GET /api/v1/public/communities/:slug': {
    url: (ids) => `/api/v1/public/communities/${ids.communityA1Slug}`,
  },
  'GET /api/v1/categories': { url: () => '/api/v1/categories' },
  // The taxonomy and the work calendar are shared by the whole deployment (one county).
  'POST /api/v1/categories': {
    url: () => '/api/v1/categories',
    body: (_ids, n) => ({ parentId: null, code: `matrix${n}`, name: '矩阵', nameEn: 'Matrix' }),
  },
  'PATCH /api/v1/categories/:id': {
    url: (ids) => `/api/v1/categories/${ids.categoryLeaf}`,
    body: () => ({ sort: 100 }),
  },
  'GET /api/v1/communities/:id/sla': {
    url: (ids) => `/api/v1/communities/${ids.communityA1}/sla`,
    scope: ['staff', 'supervisor', 'admin'],
  },
  'PUT /api/v1/communities/:id/sla': {
    url: (ids) => `/api/v1/communities/${ids.communityA1}/sla`,
    body: () => ({
      timeMode: 'natural',
      coordinationHours: 24,
      resolutionHours: 168,
      escalationIntervalHours: 24,
      severityWorkersThreshold: 30,
      maxReopens: 2,
    }),
    scope: COUNTY_A_ADMIN,
  },
  'GET /api/v1/calendar/:year': { url: () => '/api/v1/calendar/2026' },
  'PUT /api/v1/calendar/days/:day': {
    url: () => '/api/v1/calendar/days/2031-01-02',
    body: () => ({ isOffDay: true, name: '矩阵测试' }),
  },
  'DELETE /api/v1/calendar/days/:day': {
    url: () => '/api/v1/calendar/days/2031-01-02',
    prepare: (world) =>
      world.clients.admin.put('/api/v1/calendar/days/2031-01-02', {
        isOffDay: true,
        name: '矩阵测试',
      }),
  },
  'PUT /api/v1/calendar/:year': {
    url: () => '/api/v1/calendar/2032',
    body: () => ({ source: '矩阵测试', days: [] }),
  },
  'GET /api/v1/alerts': { url: () => '/api/v1/alerts' },
  'POST /api/v1/troubles': {
    url: () => '/api/v1/troubles',
    body: (ids) => ({ communityId: ids.communityA1, body: '矩阵测试：宿舍停水。' }),
    // Intake roles only; staff and admins file only inside their own community or county.
    expect: {
      staffOther: 404,
      deptAssigned: 403,
      deptOther: 403,
      supervisor: 403,
      supervisorOther: 403,
      adminOther: 404,
    },
  },
  'GET /api/v1/troubles': { url: () => '/api/v1/troubles' },
  'GET /api/v1/troubles/:id': {
    url: (ids) => `/api/v1/troubles/${ids.troubleA}`,
    scope: TROUBLE_A,
  },
  'GET /api/v1/troubles/:id/personal': {
    url: (ids) => `/api/v1/troubles/${ids.troubleA}/personal`,
    scope: COUNTY_A_ADMIN,
  },
  'GET /api/v1/troubles/:id/timeline': {
    url: (ids) => `/api/v1/troubles/${ids.troubleA}/timeline`,
    scope: TROUBLE_A,
  },
  'PATCH /api/v1/troubles/:id': {
    url: (ids) => `/api/v1/troubles/${ids.troubleA}`,
    body: () => ({ urgency: 'normal' }),
    scope: ['staff', 'admin'],
  },
  'POST /api/v1/troubles/:id/resolve-on-spot': {
    url: (ids) => `/api/v1/troubles/${ids.troubleA}/resolve-on-spot`,
    body: () => ({ answer: '已当场答复。' }),
    scope: ['staff', 'admin'],
  },
  'GET /api/v1/track/:code': { url: (ids) => `/api/v1/track/${ids.troubleACode}` },
  'POST /api/v1/uploads': { url: () => '/api/v1/uploads' },
  'GET /api/v1/troubles/:id/attachments/:attachmentId': {
    url: (ids) => `/api/v1/troubles/${ids.troubleA}/attachments/${ids.attachmentA}`,
    scope: TROUBLE_A,
  },
  'GET /api/v1/problems': { url: () => '/api/v1/problems' },
  'GET /api/v1/problems/:id': {
    url: (ids) => `/api/v1/problems/${ids.problemA}`,
    scope: PROBLEM_A,
  },
  'GET /api/v1/problems/:id/timeline': {
    url: (ids) => `/api/v1/problems/${ids.problemA}/timeline`,
    scope: PROBLEM_A,
  },
  'POST /api/v1/problems': {
    url: () => '/api/v1/problems',
    body: (ids) => ({ troubleIds: [ids.troubleA], title: '矩阵类问题' }),
    scope: ['staff', 'admin'],
  },
  'POST /api/v1/troubles/:id/link': {
    url: (ids) => `/api/v1/troubles/${ids.troubleA}/link`,
    body: (ids) => ({ problemId: ids.problemA }),
    scope: ['staff', 'admin'],
  },
  'POST /api/v1/problems/:id/dispatch': {
    url: (ids) => `/api/v1/problems/${ids.problemA}/dispatch`,
    body: (ids) => ({ leadDepartmentId: ids.deptA1 }),
    scope: ['staff', 'admin'],
  },
  'POST /api/v1/problems/:id/accept': {
    url: (ids) => `/api/v1/problems/${ids.problemA}/accept`,
    scope: ['deptAssigned'],
  },
  'POST /api/v1/problems/:id/hand-back': {
    url: (ids) => `/api/v1/problems/${ids.problemA3}/hand-back`,
    body: () => ({ reason: '不属于本部门职责。' }),
    scope: ['deptAssigned'],
  },
  'POST /api/v1/problems/:id/resolve': {
    url: (ids) => `/api/v1/problems/${ids.problemA}/resolve`,
    body: () => problemBody,
    scope: ['staff', 'deptAssigned', 'admin'],
  },
  'POST /api/v1/problems/:id/reply': {
    url: (ids) => `/api/v1/problems/${ids.problemA}/reply`,
    body: () => problemBody,
    scope: ['staff', 'deptAssigned', 'admin'],
  },
  'POST /api/v1/problems/:id/close': {
    url: (ids) => `/api/v1/problems/${ids.problemA2}/close`,
    body: () => ({}),
    scope: ['staff', 'admin'],
  },
  'POST /api/v1/problems/:id/reopen': {
    url: (ids) => `/api/v1/problems/${ids.problemA2}/reopen`,
    body: () => ({ reason: '群众仍不满意。' }),
    scope: ['staff', 'supervisor', 'admin'],
  },
  'POST /api/v1/problems/:id/send-back': {
    url: (ids) => `/api/v1/problems/${ids.problemA2}/send-back`,
    body: () => ({ reason: '答复不充分。' }),
    scope: ['staff', 'supervisor', 'admin'],
  },
  'POST /api/v1/problems/:id/notes': {
    url: (ids) => `/api/v1/problems/${ids.problemA}/notes`,
    body: () => ({ text: '矩阵测试备注' }),
    scope: PROBLEM_A,
  },
  'POST /api/v1/problems/:id/merge': {
    url: (ids) => `/api/v1/problems/${ids.problemA2}/merge`,
    body: (ids) => ({ targetId: ids.problemA }),
    scope: ['staff', 'admin'],
  },
  'POST /api/v1/problems/:id/split': {
    url: (ids) => `/api/v1/problems/${ids.problemA2}/split`,
    body: (ids) => ({ troubleIds: [ids.troubleA3], title: '拆分出的类问题' }),
    scope: ['staff', 'admin'],
  },
  'POST /api/v1/problems/:id/extensions': {
    url: (ids) => `/api/v1/problems/${ids.problemA}/extensions`,
    body: () => ({ requestedDueAt: due(), reason: '需要协调。' }),
    scope: ['deptAssigned'],
  },
  'GET /api/v1/extensions': { url: () => '/api/v1/extensions' },
  'POST /api/v1/extensions/:id/decision': {
    url: (ids) => `/api/v1/extensions/${ids.extensionA}/decision`,
    body: () => ({ approve: true }),
    scope: ['supervisor', 'admin'],
  },
  'GET /api/v1/supervision-orders': { url: () => '/api/v1/supervision-orders' },
  'POST /api/v1/problems/:id/supervision-orders': {
    url: (ids) => `/api/v1/problems/${ids.problemA}/supervision-orders`,
    body: () => ({ reason: '矩阵测试', demand: '尽快答复', dueAt: due() }),
    scope: ['supervisor', 'admin'],
  },
  'POST /api/v1/supervision-orders/:id/respond': {
    url: (ids) => `/api/v1/supervision-orders/${ids.supervisionA}/respond`,
    body: () => ({ response: '已安排处理。' }),
    scope: ['staff', 'deptAssigned'],
  },
  'POST /api/v1/supervision-orders/:id/close': {
    url: (ids) => `/api/v1/supervision-orders/${ids.supervisionA}/close`,
    body: () => ({}),
    scope: ['supervisor', 'admin'],
  },
  'POST /api/v1/track/:code/rating': {
    url: (ids) => `/api/v1/track/${ids.troubleACode}/rating`,
    body: () => ({ rating: 'satisfied' }),
  },
  'POST /api/v1/troubles/:id/callbacks': {
    url: (ids) => `/api/v1/troubles/${ids.troubleA}/callbacks`,
    body: () => ({ rating: 'satisfied' }),
    scope: ['staff', 'admin'],
  },
  'GET /api/v1/notifications': { url: () => '/api/v1/notifications' },
  'POST /api/v1/notifications/:id/read': {
    url: (ids) => `/api/v1/notifications/${ids.notificationOfDeptAssigned}/read`,
    scope: ['deptAssigned'],
  },
  'POST /api/v1/notifications/read-all': { url: () => '/api/v1/notifications/read-all' },
  'GET /api/v1/indices/trouble-index': { url: () => '/api/v1/indices/trouble-index' },
  'GET /api/v1/indices/trend': { url: () => '/api/v1/indices/trend' },
  'GET /api/v1/indices/intensity': { url: () => '/api/v1/indices/intensity' },
  'GET /api/v1/indices/three-rates': { url: () => '/api/v1/indices/three-rates' },
  'GET /api/v1/indices/happiness': { url: () => '/api/v1/indices/happiness' },
  'GET /api/v1/indices/warnings': { url: () => '/api/v1/indices/warnings' },
  'GET /api/v1/screen/:slug': {
    url: (ids) => `/api/v1/screen/${ids.communityA1Slug}?token=${ids.displayTokenA1Secret}`,
  },
  'GET /api/v1/communities/:id/display-tokens': {
    url: (ids) => `/api/v1/communities/${ids.communityA1}/display-tokens`,
    scope: COUNTY_A_ADMIN,
  },
  'POST /api/v1/communities/:id/display-tokens': {
    url: (ids) => `/api/v1/communities/${ids.communityA1}/display-tokens`,
    body: () => ({ label: '矩阵大屏' }),
    scope: COUNTY_A_ADMIN,
  },
  'DELETE /api/v1/communities/:id/display-tokens/:tokenId': {
    url: (ids) => `/api/v1/communities/${ids.communityA1}/display-tokens/${ids.displayTokenA1}`,
    scope: COUNTY_A_ADMIN,
  },
  'GET /api/v1/reports': { url: () => '/api/v1/reports' },
  'POST /api/v1/reports': {
    url: () => '/api/v1/reports',
    body: (ids) => ({ communityId: ids.communityA1, month: MONTH }),
    scope: ['staff', 'supervisor', 'admin'],
  },
  'GET /api/v1/reports/:id/file.pdf': {
    url: (ids) => `/api/v1/reports/${ids.reportA1}/file.pdf`,
    scope: COMMUNITY_A1,
  },
  'GET /api/v1/reports/:id/file.xlsx': {
    url: (ids) => `/api/v1/reports/${ids.reportA1}/file.xlsx`,
    scope: COMMUNITY_A1,
  },
  'GET /api/v1/openapi.json': { url: () => '/api/v1/openapi.json' },
};

/** The expected outcome of one role on one route: declared access, then the record's scope. */
export function expectedOutcome(access: string, rule: Rule, role: RoleKey): Expect {
  const explicit = rule.expect?.[role];
  if (explicit !== undefined) {
    return explicit;
  }
  if (access === 'public') {
    return 'allow';
  }
  if (role === 'anonymous') {
    return 401;
  }
  if (access !== 'session') {
    const allowed = PERMISSIONS[access as keyof typeof PERMISSIONS] as readonly string[];
    if (!allowed.includes(ROLE_OF[role])) {
      return 403;
    }
  }
  if (rule.scope && !rule.scope.includes(role)) {
    return 404;
  }
  return 'allow';
}
