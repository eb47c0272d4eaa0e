import fs from 'node:fs';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildTestApp } from '../../test/build-test-app';
import {
  buildSecurityWorld,
  SECRET_ID_NUMBER,
  SECRET_PHONE,
  type SecurityWorld,
  tableNames,
  tableRows,
} from '../../test/security-world';
import { createTestDatabase, TEST_DIALECT, type TestDatabase } from '../../test/test-db';
import type { BuiltApp } from '../app';
import { totpCodeAt } from '../modules/accounts/totp';
import { verifyAuditChain } from '../shared/audit';
import { isValidIdNumber } from '../shared/identity-number';

/**
 * Personal data (issue 8; SPEC §10, PIPL Art. 51, GB/T 35273 §6.3 and §7): phone and identity
 * numbers are encrypted at rest (the raw database holds no plaintext), masked in every API view,
 * and shown in plain text only through the explicit unmask view for `personal.unmask` — every
 * such view writes exactly one audit record.
 */

const CONTACT_PHONE = '13787654321';
const SECOND_ID = '11010519491231002X';

let database: TestDatabase;
let built: BuiltApp;
let world: SecurityWorld;

beforeAll(async () => {
  database = await createTestDatabase();
  built = await buildTestApp(database);
  world = await buildSecurityWorld(database, built, { report: false });
  // More personal data through other routes: an enterprise contact, staff intake on behalf.
  const e = await world.clients.staff.post('/api/v1/enterprises', {
    communityId: world.ids.communityA1,
    name: '隐私测试电子有限公司',
    industry: '电子',
    size: 'small',
    employeeCount: 50,
    contactName: '李经理',
    contactPhone: CONTACT_PHONE,
  });
  expect(e.statusCode).toBe(201);
  const patched = await world.clients.staff.patch(
    `/api/v1/enterprises/${e.json<{ id: string }>().id}`,
    { contactPhone: CONTACT_PHONE },
  );
  expect(patched.statusCode).toBe(200);
  const onBehalf = await world.clients.staff.post('/api/v1/troubles', {
    body: '代职工反映：工资拖欠两个月。',
    channel: 'visit',
    anonymous: false,
    reporterType: 'worker',
    reporterName: '王强',
    reporterPhone: CONTACT_PHONE,
    reporterIdNumber: SECOND_ID.toLowerCase(),
  });
  expect(onBehalf.statusCode).toBe(201);
  // A TOTP enrolment: its secret and recovery codes must not be stored in plain text either.
  const setup = await world.clients.supervisor.post('/api/v1/auth/totp/setup');
  const { secret } = setup.json<{ secret: string }>();
  const confirm = await world.clients.supervisor.post('/api/v1/auth/totp/confirm', {
    code: totpCodeAt(secret, Date.now()),
  });
  expect(confirm.statusCode).toBe(200);
  const { recoveryCodes } = confirm.json<{ recoveryCodes: string[] }>();
  TOTP_SECRETS.push(secret, ...recoveryCodes, ...recoveryCodes.map((c) => c.replace('-', '')));
}, 120_000);
afterAll(async () => {
  await built.app.close();
  await database.destroy();
});

const SECRETS = [SECRET_PHONE, SECRET_ID_NUMBER, CONTACT_PHONE, SECOND_ID];
/** A TOTP secret and its recovery codes (filled in beforeAll). */
const TOTP_SECRETS: string[] = [];

async function unmaskAudits() {
  return database.db
    .selectFrom('audit_log')
    .selectAll()
    .where('action', '=', 'personal.unmask')
    .orderBy('seq')
    .execute();
}

describe('at rest', () => {
  it('uses valid identity numbers as test data', () => {
    expect(isValidIdNumber(SECRET_ID_NUMBER)).toBe(true);
    expect(isValidIdNumber(SECOND_ID)).toBe(true);
  });

  it('holds no plaintext phone, identity number, TOTP secret or recovery code in any column of any table', async () => {
    const tables = await tableNames(database);
    expect(tables).toEqual(expect.arrayContaining(['troubles', 'identity_numbers', 'audit_log']));
    const found: string[] = [];
    let rows = 0;
    for (const table of tables) {
      for (const row of await tableRows(database, table)) {
        rows++;
        for (const secret of SECRETS) {
          // Also the digits without the check letter, and the lower-case form.
          for (const form of [secret, secret.slice(0, 17), secret.toLowerCase()]) {
            if (row.includes(form)) {
              found.push(`${table}: ${form}`);
            }
          }
        }
        for (const secret of TOTP_SECRETS) {
          if (row.includes(secret)) {
            found.push(`${table}: TOTP ${secret}`);
          }
        }
      }
    }
    expect(rows).toBeGreaterThan(50);
    expect(TOTP_SECRETS.length).toBe(21);
    expect(found).toEqual([]);
    const enc = await database.db.selectFrom('identity_numbers').selectAll().execute();
    expect(enc).toHaveLength(2);
    for (const r of enc) {
      expect(r.number_enc).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    }
  });

  it.runIf(TEST_DIALECT === 'sqlite')(
    'holds no plaintext in the SQLite file or its WAL',
    async () => {
      await database.db.selectFrom('troubles').select('id').execute();
      const dir = database.dataDir;
      const files = fs.readdirSync(dir).filter((f) => f.startsWith('test.sqlite'));
      expect(files).toContain('test.sqlite');
      for (const f of files) {
        const bytes = fs.readFileSync(path.join(dir, f));
        for (const secret of [...SECRETS, ...TOTP_SECRETS]) {
          expect(bytes.includes(Buffer.from(secret)), `${f} contains ${secret}`).toBe(false);
        }
      }
    },
  );

  it('keeps no phone or identity number of an anonymous report', async () => {
    const res = await world.clients.anonymous.post('/api/v1/troubles', {
      communityId: world.ids.communityA1,
      body: '匿名反映：加班太多。',
      reporterPhone: '13600001111',
      reporterIdNumber: SECOND_ID,
    });
    expect(res.statusCode).toBe(201);
    const id = res.json<{ id: string }>().id;
    const t = await database.db
      .selectFrom('troubles')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(t.reporter_phone_enc).toBeNull();
    expect(t.reporter_name).toBeNull();
    const idRow = await database.db
      .selectFrom('identity_numbers')
      .selectAll()
      .where('subject_id', '=', id)
      .execute();
    expect(idRow).toEqual([]);
  });

  it('refuses an identity number with a wrong check digit, writing nothing', async () => {
    const before = await database.db
      .selectFrom('troubles')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const res = await world.clients.staff.post('/api/v1/troubles', {
      body: '代职工反映：宿舍漏水。',
      channel: 'visit',
      anonymous: false,
      reporterIdNumber: '360321199003072635',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ code: string }>().code).toBe('VALIDATION_FAILED');
    const after = await database.db
      .selectFrom('troubles')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});

describe('in API responses', () => {
  it('masks phone and identity number in the trouble view for every role that reads it', async () => {
    for (const role of [
      'worker',
      'enterprise',
      'staff',
      'deptAssigned',
      'supervisor',
      'admin',
    ] as const) {
      const res = await world.clients[role].get(`/api/v1/troubles/${world.ids.troubleA}`);
      expect(res.statusCode, role).toBe(200);
      const body = res.json<{ reporterPhoneMasked: string; reporterIdNumberMasked: string }>();
      expect(body.reporterPhoneMasked).toBe('139****5678');
      expect(body.reporterIdNumberMasked).toBe('360***********2634');
      for (const secret of SECRETS) {
        expect(res.body).not.toContain(secret);
      }
    }
  });

  it('masks the enterprise contact phone in the directory', async () => {
    const res = await world.clients.staff.get('/api/v1/enterprises?q=隐私测试');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('137****4321');
    expect(res.body).not.toContain(CONTACT_PHONE);
  });

  it('shows nothing personal in the public tracking view', async () => {
    const res = await world.clients.anonymous.get(`/api/v1/track/${world.ids.troubleACode}`);
    expect(res.statusCode).toBe(200);
    for (const s of [...SECRETS, '139****5678', '周涛', '2634']) {
      expect(res.body).not.toContain(s);
    }
  });
});

describe('the unmask view', () => {
  it('gives admins the plaintext, not cached, and writes one audit record per view', async () => {
    const before = await unmaskAudits();
    const res = await world.clients.admin.get(`/api/v1/troubles/${world.ids.troubleA}/personal`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.json()).toEqual({
      id: world.ids.troubleA,
      code: world.ids.troubleACode,
      reporterName: '周涛',
      reporterPhone: SECRET_PHONE,
      reporterIdNumber: SECRET_ID_NUMBER,
    });
    const again = await world.clients.admin.get(`/api/v1/troubles/${world.ids.troubleA}/personal`);
    expect(again.statusCode).toBe(200);
    const after = await unmaskAudits();
    expect(after).toHaveLength(before.length + 2);
    const last = after.at(-1)!;
    expect(last).toMatchObject({
      actor_user_id: world.users.admin.id,
      target_type: 'trouble',
      target_id: world.ids.troubleA,
      outcome: 'success',
    });
    expect(Math.abs(Number(last.at) - Date.now())).toBeLessThan(60_000);
    expect(JSON.parse(last.detail!)).toEqual({
      fields: ['reporterName', 'reporterPhone', 'reporterIdNumber'],
    });
    expect(await verifyAuditChain(database.db)).toMatchObject({ brokenAt: null });
  });

  it('refuses roles without personal.unmask (403) and admins of another county (404), auditing no view', async () => {
    const before = await unmaskAudits();
    for (const role of ['worker', 'enterprise', 'staff', 'deptAssigned', 'supervisor'] as const) {
      const res = await world.clients[role].get(`/api/v1/troubles/${world.ids.troubleA}/personal`);
      expect(res.statusCode, role).toBe(403);
      expect(res.body).not.toContain(SECRET_PHONE);
    }
    const other = await world.clients.adminOther.get(
      `/api/v1/troubles/${world.ids.troubleA}/personal`,
    );
    expect(other.statusCode).toBe(404);
    const anon = await world.clients.anonymous.get(
      `/api/v1/troubles/${world.ids.troubleA}/personal`,
    );
    expect(anon.statusCode).toBe(401);
    expect(await unmaskAudits()).toHaveLength(before.length);
  });
});
