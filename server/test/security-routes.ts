import type { Role } from '../../common/enums';
import { PERMISSIONS } from '../src/shared/permissions';
import { TEST_PASSWORD } from './factories';
import { multipart, type RoleKey, type SecurityWorld } from './security-world';

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
  /** Request headers the body needs (a multipart upload's content type). */
  headers?: () => Record<string, string>;
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
  auditor: 'auditor',
  auditorOther: 'auditor',
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

/** The troubles import of the POST /imports rule (one good row, one bad). */
const IMPORT_CSV = Buffer.from(
  '反映时间,反映内容\n2026-01-05,宿舍楼道灯坏了\n2026-13-45,日期写错的一行\n',
);

/** Open311 routes answer Open311 errors (`[{code, description}]` / `<errors>`), not problem+json. */
export const isOpen311 = (key: string) => key.split(' ')[1]!.startsWith('/open311/');

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
  // TOTP (every logged-in user may enrol): the matrix users have no TOTP, so confirm, disable
  // and recovery codes reach the handler and answer 409/422 (not enrolled, wrong code).
  'GET /api/v1/auth/totp': { url: () => '/api/v1/auth/totp' },
  'POST /api/v1/auth/totp/confirm': {
    url: () => '/api/v1/auth/totp/confirm',
    body: () => ({ code: '000000' }),
    // Before the setup rule, and with no pending enrolment: the fixed code can never confirm
    // one by chance (the fuzz test calls the rules in this order).
    prepare: (world) => world.totp.clearPending(),
  },
  'POST /api/v1/auth/totp/setup': { url: () => '/api/v1/auth/totp/setup' },
  'POST /api/v1/auth/totp/disable': {
    url: () => '/api/v1/auth/totp/disable',
    body: () => ({ password: TEST_PASSWORD, code: '000000' }),
  },
  'POST /api/v1/auth/totp/recovery-codes': {
    url: () => '/api/v1/auth/totp/recovery-codes',
    body: () => ({ code: '000000' }),
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
  'POST /api/v1/users/:id/totp/reset': {
    url: (ids) => `/api/v1/users/${ids.targetUserA}/totp/reset`,
    scope: COUNTY_A_ADMIN,
    // Every allowed call resets a real enrolment.
    prepare: (world) => world.totp.enable(world.ids.targetUserA),
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
      auditor: 403,
      auditorOther: 403,
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
  ...laterRules(),
};

/** Rules of the modules merged after the first ones (notifications, Open311, posters, data, text). */
function laterRules(): Record<string, Rule> {
  const STAFF_A1_AND_ADMIN: RoleKey[] = ['staff', 'admin'];
  const upload = multipart('taizhang.csv', 'text/csv', IMPORT_CSV);
  const exportRules = Object.fromEntries(
    [
      'troubles',
      'problems',
      'enterprises',
      'workers',
      'departments',
      'users',
      'trouble-index',
      'three-rates',
    ].flatMap((name) =>
      (['xlsx', 'csv'] as const).map((f): [string, Rule] => [
        `GET /api/v1/exports/${name}.${f}`,
        // Lists: every caller gets its own scope's rows (personal data masked, see the
        // personal-data tests), so there is no record to be refused.
        { url: () => `/api/v1/exports/${name}.${f}` },
      ]),
    ),
  );
  const open311Submit = (ids: Ids) => ({
    api_key: ids.open311KeyA1Secret,
    service_code: ids.categoryLeafCode,
    address_id: ids.enterpriseA1,
    description: '开放接口测试：宿舍楼道灯坏了。',
  });
  return {
    'GET /api/v1/notifications/unread-count': { url: () => '/api/v1/notifications/unread-count' },
    // Channels, deliveries and Open311 keys belong to a community; admins of its county only.
    'GET /api/v1/admin/channels': { url: () => '/api/v1/admin/channels' },
    'POST /api/v1/admin/channels': {
      url: () => '/api/v1/admin/channels',
      body: (ids, n) => ({
        communityId: ids.communityA1,
        name: `矩阵渠道${n}`,
        kind: 'webhook',
        events: ['trouble.p1'],
        target: 'https://hooks.example.cn/matrix',
        secret: 'matrix-secret-2026',
      }),
      scope: COUNTY_A_ADMIN,
    },
    'GET /api/v1/admin/channels/:id': {
      url: (ids) => `/api/v1/admin/channels/${ids.channelA1}`,
      scope: COUNTY_A_ADMIN,
    },
    'PATCH /api/v1/admin/channels/:id': {
      url: (ids) => `/api/v1/admin/channels/${ids.channelA1}`,
      body: () => ({ name: '矩阵渠道（改）' }),
      scope: COUNTY_A_ADMIN,
    },
    'POST /api/v1/admin/channels/:id/test': {
      url: (ids) => `/api/v1/admin/channels/${ids.channelA1}/test`,
      scope: COUNTY_A_ADMIN,
    },
    // After the test rule: a channel with deliveries is deactivated, not deleted.
    'DELETE /api/v1/admin/channels/:id': {
      url: (ids) => `/api/v1/admin/channels/${ids.channelA1}`,
      scope: COUNTY_A_ADMIN,
    },
    'GET /api/v1/admin/deliveries': { url: () => '/api/v1/admin/deliveries' },
    'POST /api/v1/admin/deliveries/:id/retry': {
      url: (ids) => `/api/v1/admin/deliveries/${ids.deliveryA1}/retry`,
      scope: COUNTY_A_ADMIN,
    },
    'GET /api/v1/admin/open311-keys': { url: () => '/api/v1/admin/open311-keys' },
    'POST /api/v1/admin/open311-keys': {
      url: () => '/api/v1/admin/open311-keys',
      body: (ids, n) => ({ communityId: ids.communityA1, label: `矩阵密钥${n}` }),
      scope: COUNTY_A_ADMIN,
    },
    'DELETE /api/v1/admin/open311-keys/:id': {
      url: (ids) => `/api/v1/admin/open311-keys/${ids.open311KeyA1Revocable}`,
      scope: COUNTY_A_ADMIN,
    },
    // Posters: the enterprise directory's scope (staff: own community; admins: county).
    'GET /api/v1/enterprises/:id/qr-poster.pdf': {
      url: (ids) => `/api/v1/enterprises/${ids.enterpriseA1}/qr-poster.pdf`,
      scope: STAFF_A1_AND_ADMIN,
    },
    'GET /api/v1/enterprises/:id/qr-poster.png': {
      url: (ids) => `/api/v1/enterprises/${ids.enterpriseA1}/qr-poster.png`,
      scope: STAFF_A1_AND_ADMIN,
    },
    'GET /api/v1/communities/:id/qr-posters.pdf': {
      url: (ids) => `/api/v1/communities/${ids.communityA1}/qr-posters.pdf`,
      scope: STAFF_A1_AND_ADMIN,
    },
    // Imports: staff of the job's community and admins of its county.
    'POST /api/v1/imports': {
      url: (ids) => `/api/v1/imports?kind=troubles&community=${ids.communityA1}`,
      body: () => upload.payload,
      headers: () => upload.headers,
      scope: STAFF_A1_AND_ADMIN,
    },
    'GET /api/v1/imports/:id': {
      url: (ids) => `/api/v1/imports/${ids.importA1}`,
      scope: STAFF_A1_AND_ADMIN,
    },
    'POST /api/v1/imports/:id/commit': {
      url: (ids) => `/api/v1/imports/${ids.importA1}/commit`,
      scope: STAFF_A1_AND_ADMIN,
    },
    'GET /api/v1/imports/:id/errors.xlsx': {
      url: (ids) => `/api/v1/imports/${ids.importA1}/errors.xlsx`,
      scope: STAFF_A1_AND_ADMIN,
    },
    'GET /api/v1/imports/:id/errors.csv': {
      url: (ids) => `/api/v1/imports/${ids.importA1}/errors.csv`,
      scope: STAFF_A1_AND_ADMIN,
    },
    ...exportRules,
    // Clustering: runs of the communities the caller may see (staff: own; admins: county).
    'POST /api/v1/text/clusters': {
      url: () => '/api/v1/text/clusters',
      body: (ids) => ({ communityId: ids.communityA1, month: MONTH }),
      scope: STAFF_A1_AND_ADMIN,
    },
    'GET /api/v1/text/clusters': { url: () => '/api/v1/text/clusters' },
    'GET /api/v1/text/clusters/:runId': {
      url: (ids) => `/api/v1/text/clusters/${ids.clusterRunA1}`,
      scope: STAFF_A1_AND_ADMIN,
    },
    'PUT /api/v1/text/clusters/:runId/candidates/:clusterId': {
      url: (ids) =>
        `/api/v1/text/clusters/${ids.clusterRunA1}/candidates/${ids.clusterCandidateA1}`,
      body: () => ({ title: '宿舍空调维修' }),
      scope: STAFF_A1_AND_ADMIN,
    },
    'POST /api/v1/text/clusters/:runId/candidates/:clusterId/accept': {
      url: (ids) =>
        `/api/v1/text/clusters/${ids.clusterRunA1}/candidates/${ids.clusterCandidateA1}/accept`,
      body: () => ({ title: '宿舍空调维修' }),
      scope: STAFF_A1_AND_ADMIN,
    },
    'POST /api/v1/text/clusters/:runId/candidates/:clusterId/reject': {
      url: (ids) =>
        `/api/v1/text/clusters/${ids.clusterRunA1}/candidates/${ids.clusterCandidateA1}/reject`,
      scope: STAFF_A1_AND_ADMIN,
    },
    'GET /api/v1/indices/hot-problems': { url: () => '/api/v1/indices/hot-problems' },
    'GET /api/v1/problems/:id/reply-quality': {
      url: (ids) => `/api/v1/problems/${ids.problemA}/reply-quality`,
      scope: PROBLEM_A,
    },
    'GET /api/v1/text/similar': {
      url: () => `/api/v1/text/similar?q=${encodeURIComponent('宿舍热水器坏了')}`,
    },
    'GET /api/v1/troubles/:id/suggestions': {
      url: (ids) => `/api/v1/troubles/${ids.troubleA}/suggestions`,
      scope: STAFF_A1_AND_ADMIN,
    },
    'POST /api/v1/text/classify': {
      url: () => '/api/v1/text/classify',
      body: () => ({ text: '厂里招不到普工，急需用工对接。' }),
    },
    'POST /api/v1/public/classify': {
      url: () => '/api/v1/public/classify',
      body: () => ({ text: '厂里招不到普工，急需用工对接。' }),
    },
    'GET /api/v1/text/dictionary': { url: () => '/api/v1/text/dictionary' },
    'PUT /api/v1/text/dictionary': {
      url: () => '/api/v1/text/dictionary',
      body: () => ({ words: ['热水器'] }),
    },
    'POST /api/v1/text/retrain': { url: () => '/api/v1/text/retrain' },
    // Open311 (docs/open311.md): reads are public; submitting needs the api_key, which decides
    // the community whoever calls (the session plays no part, see expectedOutcome).
    'GET /open311/discovery.json': { url: () => '/open311/discovery.json' },
    'GET /open311/discovery.xml': { url: () => '/open311/discovery.xml' },
    'GET /open311/v2/services.json': { url: () => '/open311/v2/services.json' },
    'GET /open311/v2/services.xml': { url: () => '/open311/v2/services.xml' },
    'GET /open311/v2/services/:file': {
      url: (ids) => `/open311/v2/services/${ids.categoryLeafCode}.json`,
    },
    'GET /open311/v2/requests.json': { url: () => '/open311/v2/requests.json' },
    'GET /open311/v2/requests.xml': { url: () => '/open311/v2/requests.xml' },
    'GET /open311/v2/requests/:file': {
      url: (ids) => `/open311/v2/requests/${ids.troubleA}.json`,
    },
    'POST /open311/v2/requests.json': {
      url: () => '/open311/v2/requests.json',
      body: open311Submit,
    },
    'POST /open311/v2/requests.xml': {
      url: () => '/open311/v2/requests.xml',
      body: open311Submit,
    },
    // The audit trail (audit.read: auditors only — admins are refused, 三权分立). Each auditor
    // reads the rows of its own county's users and those without a user; verification covers
    // the deployment's whole chain. GET only: no route changes or deletes an audit row.
    'GET /api/v1/audit': { url: () => '/api/v1/audit?limit=20' },
    'GET /api/v1/audit/verify': { url: () => '/api/v1/audit/verify' },
    'GET /api/v1/audit/export.csv': { url: () => '/api/v1/audit/export.csv?action=auth.' },
  };
}

/** The expected outcome of one role on one route: declared access, then the record's scope. */
export function expectedOutcome(access: string, rule: Rule, role: RoleKey): Expect {
  const explicit = rule.expect?.[role];
  if (explicit !== undefined) {
    return explicit;
  }
  if (access === 'public' || access === 'apiKey') {
    // apiKey: the rule's api_key authorises, whoever the session is (tested separately).
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
