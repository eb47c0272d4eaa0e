import { createHash, randomBytes } from 'node:crypto';

import { sql } from 'kysely';
import sharp from 'sharp';

import type { BuiltApp } from '../src/app';
import { newTotpSecret } from '../src/modules/accounts/totp';
import { anonymousClient, type Client, login } from './build-test-app';
import {
  buildCommunity,
  buildCounty,
  buildDepartment,
  buildEnterprise,
  buildUser,
  type TestUser,
} from './factories';
import type { TestDatabase } from './test-db';

/**
 * The security tests' fixture world: two counties; county A with communities A1 and A2, two
 * departments (one assigned to the problems of A1, one not) and an enterprise; county B with
 * community B1. Troubles and problems exist on both sides, so that every route can be called
 * with real ids by a user inside and outside the record's scope.
 */
export const ROLE_KEYS = [
  'anonymous',
  'worker',
  'enterprise',
  'staff',
  'staffOther',
  'deptAssigned',
  'deptOther',
  'supervisor',
  'supervisorOther',
  'admin',
  'adminOther',
  'auditor',
  'auditorOther',
] as const;
export type RoleKey = (typeof ROLE_KEYS)[number];

/** What each role key stands for (test names). */
export const ROLE_LABELS: Record<RoleKey, string> = {
  anonymous: 'anonymous',
  worker: 'worker (reporter of trouble A)',
  enterprise: 'enterprise contact of A',
  staff: 'staff of community A1',
  staffOther: 'staff of community A2 (same county)',
  deptAssigned: 'department assigned to problem A',
  deptOther: 'department of county A not assigned',
  supervisor: 'supervisor of county A',
  supervisorOther: 'supervisor of county B',
  admin: 'admin of county A',
  adminOther: 'admin of county B',
  auditor: 'auditor of county A',
  auditorOther: 'auditor of county B',
};

/** Seeded personal data: must never appear in plain text in the database or a masked view. */
export const SECRET_PHONE = '13912345678';
/** A valid identity number (GB 11643 check digit). */
export const SECRET_ID_NUMBER = '360321199003072634';

export interface SecurityWorld {
  users: Record<Exclude<RoleKey, 'anonymous'>, TestUser>;
  clients: Record<RoleKey, Client>;
  /** Logs the role in again (a fresh session, e.g. for logout). */
  relogin(role: RoleKey): Promise<Client>;
  /** Waits for background work a request started (import dry runs and commits). */
  settle(): Promise<void>;
  /** TOTP fixtures for the rules of the TOTP routes. */
  totp: {
    /** Turns TOTP on for a user with a fresh secret (returned, base32), as if enrolled. */
    enable(userId: string): Promise<string>;
    /** Drops unconfirmed enrolments (a `setup` rule leaves one per caller). */
    clearPending(): Promise<void>;
  };
  ids: {
    countyA: string;
    countyB: string;
    communityA1: string;
    communityA1Slug: string;
    communityA2: string;
    communityB1: string;
    enterpriseA1: string;
    enterpriseB1: string;
    deptA1: string;
    deptA2: string;
    troubleA: string;
    troubleACode: string;
    troubleA2: string;
    troubleA3: string;
    troubleB: string;
    attachmentA: string;
    problemA: string;
    problemA2: string;
    problemA3: string;
    problemB: string;
    extensionA: string;
    supervisionA: string;
    notificationOfDeptAssigned: string;
    displayTokenA1: string;
    displayTokenA1Secret: string;
    reportA1: string;
    categoryLeaf: string;
    categoryLeafCode: string;
    /** An import job of community A1 (troubles, validated, one good and one bad row). */
    importA1: string;
    /** A clustering run of community A1 with one proposed candidate. */
    clusterRunA1: string;
    clusterCandidateA1: string;
    /** A notification channel of community A1 and a delivery of it (the channel test). */
    channelA1: string;
    deliveryA1: string;
    /** Open311 keys of community A1: one for submitting, one for the revocation rule. */
    open311KeyA1: string;
    open311KeyA1Secret: string;
    open311KeyA1Revocable: string;
    /** A user of county A that user-management routes act on. */
    targetUserA: string;
    /** Sessions for login routes that should not disturb the matrix users. */
    loginUser: string;
  };
  /** Text only visible to roles that may read trouble A / problem A's internal notes. */
  markers: { troubleA: string; problemNoteA: string };
}

/** A multipart/form-data body with one file part named "file". */
export function multipart(filename: string, contentType: string, data: Buffer) {
  const boundary = '----fannao-security-boundary';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, data, tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** A small real PNG. */
export function smallPng(): Promise<Buffer> {
  return sharp({
    create: { width: 8, height: 8, channels: 3, background: { r: 200, g: 40, b: 40 } },
  })
    .png()
    .toBuffer();
}

async function ok<T>(res: { statusCode: number; body: string; json<U>(): U }, what: string) {
  if (res.statusCode >= 300) {
    throw new Error(`${what}: ${res.statusCode} ${res.body}`);
  }
  return Promise.resolve(res.json<T>());
}

export async function buildSecurityWorld(
  database: TestDatabase,
  built: BuiltApp,
  options: { report?: boolean } = {},
): Promise<SecurityWorld> {
  const db = database.db;
  const app = built.app;
  const now = Date.now();
  const countyA = await buildCounty(db, now);
  const countyB = await buildCounty(db, now);
  const a1 = await buildCommunity(db, countyA.id, now, 'SA');
  const a2 = await buildCommunity(db, countyA.id, now, 'SB');
  const b1 = await buildCommunity(db, countyB.id, now, 'SC');
  const entA1 = await buildEnterprise(db, a1.id, now);
  const entB1 = await buildEnterprise(db, b1.id, now);
  const deptA1 = await buildDepartment(db, countyA.id, now);
  const deptA2 = await buildDepartment(db, countyA.id, now);
  const deptB1 = await buildDepartment(db, countyB.id, now);
  const A = { countyId: countyA.id };
  const users = {
    worker: await buildUser(db, { role: 'worker', ...A, communityId: a1.id }),
    enterprise: await buildUser(db, {
      role: 'enterprise',
      ...A,
      communityId: a1.id,
      enterpriseId: entA1.id,
    }),
    staff: await buildUser(db, { role: 'staff', ...A, communityId: a1.id }),
    staffOther: await buildUser(db, { role: 'staff', ...A, communityId: a2.id }),
    deptAssigned: await buildUser(db, { role: 'department', ...A, departmentId: deptA1.id }),
    deptOther: await buildUser(db, { role: 'department', ...A, departmentId: deptA2.id }),
    supervisor: await buildUser(db, { role: 'supervisor', ...A }),
    supervisorOther: await buildUser(db, { role: 'supervisor', countyId: countyB.id }),
    admin: await buildUser(db, { role: 'admin', ...A }),
    adminOther: await buildUser(db, { role: 'admin', countyId: countyB.id }),
    auditor: await buildUser(db, { role: 'auditor', ...A }),
    auditorOther: await buildUser(db, { role: 'auditor', countyId: countyB.id }),
  };
  const staffB = await buildUser(db, { role: 'staff', countyId: countyB.id, communityId: b1.id });
  const targetUser = await buildUser(db, { role: 'worker', ...A, communityId: a1.id });
  const loginUser = await buildUser(db, { role: 'worker', ...A, communityId: a1.id });

  const clients = { anonymous: anonymousClient(app) } as Record<RoleKey, Client>;
  for (const [key, u] of Object.entries(users)) {
    clients[key as RoleKey] = await login(app, u.username);
  }
  const sB = await login(app, staffB.username);

  const markers = {
    troubleA: `TROUBLE-MARKER-${randomBytes(4).toString('hex')}`,
    problemNoteA: `NOTE-MARKER-${randomBytes(4).toString('hex')}`,
  };
  const report = async (client: Client, body: Record<string, unknown>) =>
    ok<{ id: string; code: string }>(await client.post('/api/v1/troubles', body), 'report');

  const upload = multipart('photo.png', 'image/png', await smallPng());
  const photo = await ok<{ id: string }>(
    await clients.worker.request({ method: 'POST', url: '/api/v1/uploads', ...upload }),
    'upload',
  );
  const tA = await report(clients.worker, {
    enterpriseId: entA1.id,
    attachmentIds: [photo.id],
    body: `宿舍热水器坏了两周，一直没人修，晚上洗澡很不方便。${markers.troubleA}`,
    anonymous: false,
    reporterName: '周涛',
    reporterPhone: SECRET_PHONE,
    reporterIdNumber: SECRET_ID_NUMBER,
  });
  const tA2 = await report(clients.staff, { body: '厂区门口路灯不亮，下夜班不安全。' });
  const tA3 = await report(clients.staff, { body: '食堂饭菜价格上涨，希望平价窗口。' });
  const tB = await report(sB, { body: '桐木片区公交班次太少，上班不方便。' });

  const link = async (client: Client, troubleId: string, title: string) =>
    (
      await ok<{ problemId: string }>(
        await client.post(`/api/v1/troubles/${troubleId}/link`, { newProblem: { title } }),
        'link',
      )
    ).problemId;
  const pA = await link(clients.staff, tA.id, '宿舍热水器维修');
  const pA2 = await link(clients.staff, tA2.id, '厂区路灯');
  await ok(
    await clients.staff.post(`/api/v1/troubles/${tA3.id}/link`, { problemId: pA2 }),
    'link A3',
  );
  const tA4 = await report(clients.staff, { body: '夜班食堂关门太早，没有热饭吃。' });
  const pA3 = await link(clients.staff, tA4.id, '夜班餐食');
  const pB = await link(sB, tB.id, '公交班次');
  for (const p of [pA, pA2, pA3]) {
    await ok(
      await clients.staff.post(`/api/v1/problems/${p}/dispatch`, { leadDepartmentId: deptA1.id }),
      'dispatch',
    );
    await ok(await clients.deptAssigned.post(`/api/v1/problems/${p}/accept`), 'accept');
  }
  await ok(
    await sB.post(`/api/v1/problems/${pB}/dispatch`, { leadDepartmentId: deptB1.id }),
    'dispatch B',
  );
  await ok(
    await clients.staff.post(`/api/v1/problems/${pA}/notes`, {
      text: `内部记录 ${markers.problemNoteA}`,
    }),
    'note',
  );
  const due = new Date(now + 20 * 86_400_000).toISOString().replace('Z', '+00:00');
  const ext = await ok<{ id: string }>(
    await clients.deptAssigned.post(`/api/v1/problems/${pA}/extensions`, {
      requestedDueAt: due,
      reason: '需要协调物业维修',
    }),
    'extension',
  );
  const order = await ok<{ id: string }>(
    await clients.supervisor.post(`/api/v1/problems/${pA}/supervision-orders`, {
      reason: '群众反映强烈',
      demand: '三日内答复',
      dueAt: due,
    }),
    'supervision order',
  );
  const notification = await db
    .selectFrom('notifications')
    .select('id')
    .where('user_id', '=', users.deptAssigned.id)
    .executeTakeFirstOrThrow();
  const token = await ok<{ id: string; token: string }>(
    await clients.admin.post(`/api/v1/communities/${a1.id}/display-tokens`, { label: '大厅' }),
    'display token',
  );
  // Rendering the PDF takes seconds; files that never download a report skip it.
  const rep =
    options.report === false
      ? { id: 'no-report' }
      : await built.services.reports.generate({
          communityId: a1.id,
          month: new Date(now).toISOString().slice(0, 7),
        });
  const leaf = await db
    .selectFrom('categories')
    .select(['id', 'code'])
    .where('parent_id', 'is not', null)
    .orderBy('code')
    .executeTakeFirstOrThrow();

  // Records of the modules merged after the first rules: an import job, a clustering run (two
  // unlinked look-alike troubles), a channel with a delivery, and Open311 keys.
  const csv = Buffer.from(
    '反映时间,反映内容\n2026-01-05,宿舍楼道灯坏了\n2026-13-45,日期写错的一行\n',
  );
  const imp = await ok<{ id: string }>(
    await clients.staff.request({
      method: 'POST',
      url: '/api/v1/imports?kind=troubles',
      ...multipart('taizhang.csv', 'text/csv', csv),
    }),
    'import',
  );
  await built.services.imports.drain();
  await report(clients.staff, { body: '宿舍空调坏了，晚上太热睡不着觉。' });
  await report(clients.staff, { body: '宿舍空调坏了好几天，晚上热得睡不着。' });
  const run = await ok<{ id: string; clusters: { id: string }[] }>(
    await clients.staff.post('/api/v1/text/clusters', {
      communityId: a1.id,
      month: new Date(now).toISOString().slice(0, 7),
      threshold: 0.05,
    }),
    'cluster run',
  );
  if (!run.clusters[0]) {
    throw new Error('cluster run: no candidate');
  }
  const channel = await ok<{ id: string }>(
    await clients.admin.post('/api/v1/admin/channels', {
      communityId: a1.id,
      name: '安全测试',
      kind: 'webhook',
      events: ['trouble.p1'],
      target: 'https://hooks.example.cn/fannao',
      secret: 'security-world-secret',
    }),
    'channel',
  );
  const delivery = await ok<{ deliveryId: string }>(
    await clients.admin.post(`/api/v1/admin/channels/${channel.id}/test`),
    'channel test',
  );
  const key = async (label: string) =>
    ok<{ id: string; key: string }>(
      await clients.admin.post('/api/v1/admin/open311-keys', { communityId: a1.id, label }),
      'open311 key',
    );
  const keyA1 = await key('安全测试');
  const keyRevocable = await key('安全测试（吊销）');

  return {
    users,
    clients,
    async relogin(role) {
      return role === 'anonymous' ? anonymousClient(app) : login(app, users[role].username);
    },
    settle: () => built.services.imports.drain(),
    totp: {
      async enable(userId) {
        const secret = newTotpSecret();
        await db
          .updateTable('users')
          .set({
            totp_secret_enc: built.deps.crypto.encrypt(secret),
            totp_enabled_at: Date.now(),
            totp_last_step: null,
          })
          .where('id', '=', userId)
          .execute();
        return secret;
      },
      async clearPending() {
        await db
          .updateTable('users')
          .set({ totp_secret_enc: null })
          .where('totp_enabled_at', 'is', null)
          .execute();
      },
    },
    ids: {
      countyA: countyA.id,
      countyB: countyB.id,
      communityA1: a1.id,
      communityA1Slug: a1.slug,
      communityA2: a2.id,
      communityB1: b1.id,
      enterpriseA1: entA1.id,
      enterpriseB1: entB1.id,
      deptA1: deptA1.id,
      deptA2: deptA2.id,
      troubleA: tA.id,
      troubleACode: tA.code,
      troubleA2: tA2.id,
      troubleA3: tA3.id,
      troubleB: tB.id,
      attachmentA: photo.id,
      problemA: pA,
      problemA2: pA2,
      problemA3: pA3,
      problemB: pB,
      extensionA: ext.id,
      supervisionA: order.id,
      notificationOfDeptAssigned: notification.id,
      displayTokenA1: token.id,
      displayTokenA1Secret: token.token,
      reportA1: rep.id,
      categoryLeaf: leaf.id,
      categoryLeafCode: leaf.code,
      importA1: imp.id,
      clusterRunA1: run.id,
      clusterCandidateA1: run.clusters[0].id,
      channelA1: channel.id,
      deliveryA1: delivery.deliveryId,
      open311KeyA1: keyA1.id,
      open311KeyA1Secret: keyA1.key,
      open311KeyA1Revocable: keyRevocable.id,
      targetUserA: targetUser.id,
      loginUser: loginUser.username,
    },
    markers,
  };
}

/** Every user table of the schema (portable: SQLite's catalogue or PostgreSQL's). */
export async function tableNames(database: TestDatabase): Promise<string[]> {
  if (database.dialect === 'postgres') {
    const r = await sql<{
      name: string;
    }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by 1`.execute(
      database.db,
    );
    return r.rows.map((x) => x.name);
  }
  const r = await sql<{
    name: string;
  }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by 1`.execute(
    database.db,
  );
  return r.rows.map((x) => x.name);
}

/** All rows of one table as JSON strings (sorted), for raw-database scans and checksums. */
export async function tableRows(database: TestDatabase, table: string): Promise<string[]> {
  const r = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(
    database.db,
  );
  return r.rows
    .map((row) => JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)))
    .sort();
}

/**
 * A checksum per table of the whole database, except tables that change on every request by
 * design (sessions slide their idle expiry) or through the migration bookkeeping.
 */
export async function databaseChecksum(
  database: TestDatabase,
  ignore: readonly string[] = ['sessions'],
): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of await tableNames(database)) {
    if (ignore.includes(t)) {
      continue;
    }
    out[t] = createHash('sha256')
      .update((await tableRows(database, t)).join('\n'))
      .digest('hex');
  }
  return out;
}
