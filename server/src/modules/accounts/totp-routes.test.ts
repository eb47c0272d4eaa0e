import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  anonymousClient,
  buildTestApp,
  type Client,
  login,
  testConfig,
} from '../../../test/build-test-app';
import { buildStaffSet, buildUser, buildWorld, TEST_PASSWORD } from '../../../test/factories';
import { tableNames, tableRows } from '../../../test/security-world';
import { createTestDatabase, type TestDatabase } from '../../../test/test-db';
import { buildApp, type BuiltApp } from '../../app';
import { verifyAuditChain } from '../../shared/audit';
import { FakeClock } from '../../shared/clock';
import { totpCodeAt } from './totp';

/**
 * TOTP over HTTP (ASVS 6.3.2): enrolment, login with a code or a recovery code, replay and
 * lockout, disable, admin reset, and the TOTP_REQUIRED_ROLES policy. The clock is fake so that
 * codes of a given step can be computed and time moved past it.
 */

let database: TestDatabase;
let built: BuiltApp;
let users: Awaited<ReturnType<typeof buildStaffSet>>;
let world: Awaited<ReturnType<typeof buildWorld>>;
const clock = new FakeClock(Date.parse('2026-11-24T08:00:05Z'));
const anon = () => anonymousClient(built.app);
/** Everything the server ever sent that must not reach the database, audit or logs. */
const secretsSeen: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase({ clock });
  built = await buildTestApp(database, { clock });
  world = await buildWorld(database.db, clock.now());
  users = await buildStaffSet(database.db, world);
});
afterAll(async () => {
  await built.app.close();
  await database.destroy();
});

/** Moves to the next 30-second step, so that a fresh code exists. */
const nextStep = () => clock.advance(30_000);

function loginWith(username: string, extra: Record<string, string> = {}, password = TEST_PASSWORD) {
  return anon().post('/api/v1/auth/login', { username, password, ...extra });
}

async function enrol(client: Client): Promise<{ secret: string; recoveryCodes: string[] }> {
  const setup = await client.post('/api/v1/auth/totp/setup');
  expect(setup.statusCode, setup.body).toBe(200);
  const { secret } = setup.json<{ secret: string }>();
  const confirm = await client.post('/api/v1/auth/totp/confirm', {
    code: totpCodeAt(secret, clock.now()),
  });
  expect(confirm.statusCode, confirm.body).toBe(200);
  const { recoveryCodes } = confirm.json<{ recoveryCodes: string[] }>();
  secretsSeen.push(secret, ...recoveryCodes);
  nextStep();
  return { secret, recoveryCodes };
}

const codeOf = (res: { json<T>(): T }) => res.json<{ code: string }>().code;

async function userRow(id: string) {
  return database.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

describe('enrolment', () => {
  let staff: Client;
  let secret = '';
  let recoveryCodes: string[] = [];

  beforeAll(async () => {
    staff = await login(built.app, users.staff.username);
  });

  it('starts with TOTP off, then issues a secret, its otpauth URI and a QR code', async () => {
    const status = await staff.get('/api/v1/auth/totp');
    expect(status.statusCode).toBe(200);
    expect(status.headers['cache-control']).toBe('no-store');
    expect(status.json()).toEqual({
      enabled: false,
      pending: false,
      required: false,
      recoveryCodesLeft: 0,
    });
    const res = await staff.post('/api/v1/auth/totp/setup');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.json<{ secret: string; otpauthUri: string; qrDataUrl: string }>();
    secret = body.secret;
    secretsSeen.push(secret);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const uri = new URL(body.otpauthUri);
    expect(decodeURIComponent(uri.pathname)).toBe(`/烦恼指数 Fannao:${users.staff.username}`);
    expect(uri.searchParams.get('issuer')).toBe('烦恼指数 Fannao');
    expect(uri.searchParams.get('secret')).toBe(secret);
    expect(body.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    const png = Buffer.from(body.qrDataUrl.split(',')[1]!, 'base64');
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect((await staff.get('/api/v1/auth/totp')).json()).toMatchObject({ pending: true });
  });

  it('refuses a wrong code and a missing setup, and enables with a current code', async () => {
    const wrongCode = totpCodeAt(secret, clock.now() + 5 * 60_000);
    const wrong = await staff.post('/api/v1/auth/totp/confirm', { code: wrongCode });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json<{ detail: string }>().detail).toContain('验证码错误');
    const bad = await staff.post('/api/v1/auth/totp/confirm', { code: '12ab56' });
    expect(bad.statusCode).toBe(400);
    const other = await login(built.app, users.supervisor.username);
    const notStarted = await other.post('/api/v1/auth/totp/confirm', { code: '123456' });
    expect(notStarted.statusCode).toBe(409);
    expect(codeOf(notStarted)).toBe('CONFLICT');

    const ok = await staff.post('/api/v1/auth/totp/confirm', {
      code: totpCodeAt(secret, clock.now()),
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['cache-control']).toBe('no-store');
    recoveryCodes = ok.json<{ recoveryCodes: string[] }>().recoveryCodes;
    secretsSeen.push(...recoveryCodes);
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    expect((await staff.get('/api/v1/auth/totp')).json()).toEqual({
      enabled: true,
      pending: false,
      required: false,
      recoveryCodesLeft: 10,
    });
    const again = await staff.post('/api/v1/auth/totp/setup');
    expect(again.statusCode).toBe(409);
  });

  it('keeps the secret encrypted and the recovery codes as hashes only', async () => {
    const row = await userRow(users.staff.id);
    expect(row.totp_secret_enc).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(row.totp_secret_enc).not.toContain(secret);
    expect(built.deps.crypto.decrypt(row.totp_secret_enc!)).toBe(secret);
    const codes = await database.db
      .selectFrom('totp_recovery_codes')
      .selectAll()
      .where('user_id', '=', users.staff.id)
      .execute();
    expect(codes).toHaveLength(10);
    for (const c of codes) {
      expect(c.code_hash).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('logs in: password alone → TOTP_REQUIRED, wrong password → INVALID_CREDENTIALS whatever the code', async () => {
    expect((await staff.post('/api/v1/auth/logout')).statusCode).toBe(204);
    const alone = await loginWith(users.staff.username);
    expect(alone.statusCode).toBe(401);
    expect(codeOf(alone)).toBe('TOTP_REQUIRED');
    expect(alone.headers['set-cookie']).toBeUndefined();
    const wrongPassword = await loginWith(
      users.staff.username,
      { totpCode: totpCodeAt(secret, clock.now()) },
      'wrong-password-1',
    );
    expect(wrongPassword.statusCode).toBe(401);
    expect(codeOf(wrongPassword)).toBe('INVALID_CREDENTIALS');
    const noPasswordAndCode = await loginWith(users.staff.username, {
      totpCode: '123456',
      recoveryCode: recoveryCodes[0]!,
    });
    expect(noPasswordAndCode.statusCode).toBe(400);
  });

  it('counts a wrong code as a failed login and audits it; the right code logs in once', async () => {
    const before = (await userRow(users.staff.id)).failed_logins;
    const wrong = await loginWith(users.staff.username, {
      totpCode: totpCodeAt(secret, clock.now() - 10 * 60_000),
    });
    expect(wrong.statusCode).toBe(401);
    expect(codeOf(wrong)).toBe('TOTP_INVALID');
    expect((await userRow(users.staff.id)).failed_logins).toBe(before + 1);
    const audit = await database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'auth.login')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit.outcome).toBe('failure');
    expect(JSON.parse(audit.detail!)).toEqual({ username: users.staff.username, factor: 'totp' });

    // The code that confirmed the enrolment (this step) is spent.
    const spent = await loginWith(users.staff.username, {
      totpCode: totpCodeAt(secret, clock.now()),
    });
    expect(codeOf(spent)).toBe('TOTP_INVALID');
    nextStep();
    const code = totpCodeAt(secret, clock.now());
    const ok = await loginWith(users.staff.username, { totpCode: code });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json<{ user: { mustEnrollTotp: boolean } }>().user.mustEnrollTotp).toBe(false);
    expect((await userRow(users.staff.id)).failed_logins).toBe(0);
    const success = await database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'auth.login')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect([success.outcome, JSON.parse(success.detail!)]).toEqual(['success', { factor: 'totp' }]);

    const replay = await loginWith(users.staff.username, { totpCode: code });
    expect(replay.statusCode).toBe(401);
    expect(codeOf(replay)).toBe('TOTP_INVALID');
    // The previous step's code is inside the window but older than the accepted one.
    const older = await loginWith(users.staff.username, {
      totpCode: totpCodeAt(secret, clock.now() - 30_000),
    });
    expect(codeOf(older)).toBe('TOTP_INVALID');
    nextStep();
    const fresh = await loginWith(users.staff.username, {
      totpCode: totpCodeAt(secret, clock.now()),
    });
    expect(fresh.statusCode).toBe(200);
  });

  it('accepts the same code only once when two logins race with it', async () => {
    nextStep();
    const code = totpCodeAt(secret, clock.now());
    const results = await Promise.all([
      loginWith(users.staff.username, { totpCode: code }),
      loginWith(users.staff.username, { totpCode: code }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 401]);
  });

  it('accepts a recovery code once (any case, with or without the dash) and burns it', async () => {
    const [first, second] = recoveryCodes as [string, string];
    const ok = await loginWith(users.staff.username, {
      recoveryCode: first.toLowerCase().replace('-', ' '),
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const again = await loginWith(users.staff.username, { recoveryCode: first });
    expect(again.statusCode).toBe(401);
    expect(codeOf(again)).toBe('TOTP_INVALID');
    const client = await loginClient(users.staff.username, { recoveryCode: second });
    expect((await client.get('/api/v1/auth/totp')).json()).toMatchObject({
      recoveryCodesLeft: 8,
    });
    const used = await database.db
      .selectFrom('totp_recovery_codes')
      .select('used_at')
      .where('user_id', '=', users.staff.id)
      .where('used_at', 'is not', null)
      .execute();
    expect(used).toHaveLength(2);
  });

  it('locks the account after five wrong codes, even for the right one', async () => {
    nextStep();
    expect((await userRow(users.staff.id)).failed_logins).toBe(0);
    for (let i = 0; i < 5; i++) {
      const res = await loginWith(users.staff.username, { totpCode: '000000' });
      expect(codeOf(res)).toBe('TOTP_INVALID');
    }
    const locked = await loginWith(users.staff.username, {
      totpCode: totpCodeAt(secret, clock.now()),
    });
    expect(locked.statusCode).toBe(423);
    expect(codeOf(locked)).toBe('ACCOUNT_LOCKED');
    clock.advance(15 * 60_000 + 1000);
    const after = await loginWith(users.staff.username, {
      totpCode: totpCodeAt(secret, clock.now()),
    });
    expect(after.statusCode).toBe(200);
  });

  it('regenerates recovery codes with a code; the old ones stop working', async () => {
    nextStep();
    const client = await loginClient(users.staff.username, {
      totpCode: totpCodeAt(secret, clock.now()),
    });
    const wrong = await client.post('/api/v1/auth/totp/recovery-codes', { code: '000000' });
    expect(wrong.statusCode).toBe(422);
    nextStep();
    const res = await client.post('/api/v1/auth/totp/recovery-codes', {
      code: totpCodeAt(secret, clock.now()),
    });
    expect(res.statusCode).toBe(200);
    const fresh = res.json<{ recoveryCodes: string[] }>().recoveryCodes;
    secretsSeen.push(...fresh);
    expect(fresh).toHaveLength(10);
    expect(fresh).not.toContain(recoveryCodes[2]);
    const old = await loginWith(users.staff.username, { recoveryCode: recoveryCodes[2]! });
    expect(codeOf(old)).toBe('TOTP_INVALID');
    const ok = await loginWith(users.staff.username, { recoveryCode: fresh[0]! });
    expect(ok.statusCode).toBe(200);
    recoveryCodes = fresh.slice(1);
  });

  it('disables with the password and a code; then the password alone logs in', async () => {
    nextStep();
    const client = await loginClient(users.staff.username, {
      totpCode: totpCodeAt(secret, clock.now()),
    });
    nextStep();
    const code = totpCodeAt(secret, clock.now());
    const noFactor = await client.post('/api/v1/auth/totp/disable', { password: TEST_PASSWORD });
    expect(noFactor.statusCode).toBe(400);
    const wrongPassword = await client.post('/api/v1/auth/totp/disable', {
      password: 'not-the-password',
      code,
    });
    expect(wrongPassword.statusCode).toBe(422);
    expect(wrongPassword.json<{ detail: string }>().detail).toContain('当前密码不正确');
    const wrongCode = await client.post('/api/v1/auth/totp/disable', {
      password: TEST_PASSWORD,
      code: '000000',
    });
    expect(wrongCode.statusCode).toBe(422);
    expect((await userRow(users.staff.id)).totp_enabled_at).not.toBeNull();
    const ok = await client.post('/api/v1/auth/totp/disable', { password: TEST_PASSWORD, code });
    expect(ok.statusCode).toBe(204);
    const row = await userRow(users.staff.id);
    expect([row.totp_enabled_at, row.totp_secret_enc, row.totp_last_step]).toEqual([
      null,
      null,
      null,
    ]);
    expect((await loginWith(users.staff.username)).statusCode).toBe(200);
    const again = await client.post('/api/v1/auth/totp/disable', { password: TEST_PASSWORD, code });
    expect(again.statusCode).toBe(409);
  });

  it('disables with a recovery code instead of a code', async () => {
    const client = await login(built.app, users.staff.username);
    const { recoveryCodes: codes } = await enrol(client);
    const res = await client.post('/api/v1/auth/totp/disable', {
      password: TEST_PASSWORD,
      recoveryCode: codes[3]!,
    });
    expect(res.statusCode).toBe(204);
  });
});

function loginClient(username: string, extra: Record<string, string>): Promise<Client> {
  return login(built.app, username, TEST_PASSWORD, extra);
}

describe('admin reset', () => {
  it('lets users.manage reset a user’s TOTP: audited, sessions ended, shown in the user list', async () => {
    const dept = await login(built.app, users.department.username);
    const { secret } = await enrol(dept);
    const admin = await login(built.app, users.admin.username);
    const list = await admin.get('/api/v1/users');
    const items = list.json<{ items: { id: string; totpEnabled: boolean }[] }>().items;
    expect(items.find((u) => u.id === users.department.id)?.totpEnabled).toBe(true);
    expect(items.find((u) => u.id === users.worker.id)?.totpEnabled).toBe(false);
    expect(list.body).not.toContain(secret);

    const supervisor = await login(built.app, users.supervisor.username);
    const denied = await supervisor.post(`/api/v1/users/${users.department.id}/totp/reset`);
    expect(denied.statusCode).toBe(403);
    const otherCounty = await buildWorld(database.db, clock.now());
    const otherAdmin = await buildUser(database.db, {
      role: 'admin',
      countyId: otherCounty.county.id,
    });
    const foreign = await (
      await login(built.app, otherAdmin.username)
    ).post(`/api/v1/users/${users.department.id}/totp/reset`);
    expect(foreign.statusCode).toBe(404);
    expect((await userRow(users.department.id)).totp_enabled_at).not.toBeNull();

    const res = await admin.post(`/api/v1/users/${users.department.id}/totp/reset`);
    expect(res.statusCode).toBe(204);
    expect((await dept.get('/api/v1/auth/session')).statusCode).toBe(401);
    expect((await userRow(users.department.id)).totp_enabled_at).toBeNull();
    const codes = await database.db
      .selectFrom('totp_recovery_codes')
      .select('id')
      .where('user_id', '=', users.department.id)
      .execute();
    expect(codes).toEqual([]);
    expect((await loginWith(users.department.username)).statusCode).toBe(200);
    const audit = await database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'user.resetTotp')
      .executeTakeFirstOrThrow();
    expect(audit.actor_user_id).toBe(users.admin.id);
    expect(JSON.parse(audit.detail!)).toEqual({ userId: users.department.id });
    const missing = await admin.post('/api/v1/users/01JDOESNOTEXIST0000000000/totp/reset');
    expect(missing.statusCode).toBe(404);
  });
});

describe('TOTP_REQUIRED_ROLES', () => {
  let strict: BuiltApp;
  beforeAll(async () => {
    strict = await buildTestApp(database, {
      clock,
      env: { TOTP_REQUIRED_ROLES: 'staff, supervisor,admin' },
    });
  });
  afterAll(async () => {
    await strict.app.close();
  });

  it('refuses unknown role names in the setting', async () => {
    await expect(
      buildTestApp(database, { clock, env: { TOTP_REQUIRED_ROLES: 'staff,boss' } }),
    ).rejects.toThrow(/TOTP_REQUIRED_ROLES/);
  });

  it('flags the session, allows only the auth endpoints (403 TOTP_ENROLLMENT_REQUIRED), then everything after enrolment', async () => {
    const res = await strict.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: users.supervisor.username, password: TEST_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json<{ user: { mustEnrollTotp: boolean } }>().user.mustEnrollTotp).toBe(true);
    const client = await login(strict.app, users.supervisor.username);
    const session = await client.get('/api/v1/auth/session');
    expect(session.json<{ user: { mustEnrollTotp: boolean } }>().user.mustEnrollTotp).toBe(true);
    const blocked = await client.get('/api/v1/problems');
    expect(blocked.statusCode).toBe(403);
    expect(codeOf(blocked)).toBe('TOTP_ENROLLMENT_REQUIRED');
    expect(blocked.json<{ detail: string }>().detail).toContain('两步验证');
    const write = await client.post('/api/v1/communities', {
      slug: 'blocked',
      name: '被拦截',
      codePrefix: 'BK',
    });
    expect(codeOf(write)).toBe('TOTP_ENROLLMENT_REQUIRED');
    expect((await client.get('/api/v1/auth/totp')).json()).toMatchObject({ required: true });
    // Public routes stay public.
    expect((await client.get('/api/v1/categories')).statusCode).toBe(200);
    // Roles outside the list are not affected.
    const worker = await login(strict.app, users.worker.username);
    expect(
      (await worker.get('/api/v1/auth/session')).json<{ user: { mustEnrollTotp: boolean } }>().user
        .mustEnrollTotp,
    ).toBe(false);

    const { secret } = await enrol(client);
    const after = await client.get('/api/v1/auth/session');
    expect(after.json<{ user: { mustEnrollTotp: boolean } }>().user.mustEnrollTotp).toBe(false);
    expect((await client.get('/api/v1/problems')).statusCode).toBe(200);
    // The policy's roles cannot turn it off themselves (an admin reset can).
    const off = await client.post('/api/v1/auth/totp/disable', {
      password: TEST_PASSWORD,
      code: totpCodeAt(secret, clock.now()),
    });
    expect(off.statusCode).toBe(422);
    expect(off.json<{ detail: string }>().detail).toContain('不能关闭');
  });
});

describe('secrets stay secret', () => {
  it('never stores a secret or recovery code in plain text, nor in the audit log', async () => {
    expect(secretsSeen.length).toBeGreaterThan(30);
    const found: string[] = [];
    for (const table of await tableNames(database)) {
      for (const row of await tableRows(database, table)) {
        for (const s of secretsSeen) {
          if (row.includes(s) || row.includes(s.replace('-', ''))) {
            found.push(`${table}: ${s}`);
          }
        }
      }
    }
    expect(found).toEqual([]);
    expect(await verifyAuditChain(database.db)).toMatchObject({ brokenAt: null });
  });

  it('writes no secret, recovery code, code or password to the logs (trace level)', async () => {
    const lines: string[] = [];
    const traced = await buildApp({
      config: testConfig(database.dataDir, { LOG_LEVEL: 'trace' }),
      database,
      clock,
      logStream: { write: (line) => void lines.push(line) },
    });
    await traced.app.ready();
    try {
      const client = await login(traced.app, users.enterprise.username);
      const setup = await client.post('/api/v1/auth/totp/setup');
      const { secret } = setup.json<{ secret: string }>();
      const code = totpCodeAt(secret, clock.now());
      const confirm = await client.post('/api/v1/auth/totp/confirm', { code });
      const { recoveryCodes } = confirm.json<{ recoveryCodes: string[] }>();
      secretsSeen.push(secret, ...recoveryCodes);
      nextStep();
      const next = totpCodeAt(secret, clock.now());
      const res = await traced.app.inject({
        method: 'POST',
        url: `/api/v1/auth/login?totpCode=${next}`,
        payload: { username: users.enterprise.username, password: TEST_PASSWORD, totpCode: next },
      });
      expect(res.statusCode).toBe(200);
      expect(lines.length).toBeGreaterThan(5);
      const all = lines.join('\n');
      for (const s of [secret, ...recoveryCodes, TEST_PASSWORD]) {
        expect(all).not.toContain(s);
      }
      // Six digits appear in timestamps by chance: look for them as a value.
      for (const c of [code, next]) {
        expect(all).not.toContain(`"${c}"`);
        expect(all).not.toContain(`=${c}`);
      }
    } finally {
      await traced.app.close();
    }
  });
});
