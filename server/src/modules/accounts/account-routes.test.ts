import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { anonymousClient, buildTestApp, login } from '../../../test/build-test-app';
import {
  buildCommunity,
  buildCounty,
  buildStaffSet,
  buildWorld,
  TEST_PASSWORD,
} from '../../../test/factories';
import { createTestDatabase, type TestDatabase } from '../../../test/test-db';
import type { BuiltApp } from '../../app';
import { verifyAuditChain } from '../../shared/audit';

let database: TestDatabase;
let built: BuiltApp;
let users: Awaited<ReturnType<typeof buildStaffSet>>;

beforeAll(async () => {
  database = await createTestDatabase();
  built = await buildTestApp(database);
  users = await buildStaffSet(database.db, await buildWorld(database.db));
});
afterAll(async () => {
  await built.app.close();
  await database.destroy();
});

describe('sessions', () => {
  it('logs in with an HttpOnly SameSite cookie, shows the session, logs out', async () => {
    const res = await built.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: users.staff.username, password: TEST_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const client = await login(built.app, users.staff.username);
    const session = await client.get('/api/v1/auth/session');
    expect(session.json<{ user: { role: string } }>().user.role).toBe('staff');
    expect((await client.post('/api/v1/auth/logout')).statusCode).toBe(204);
    expect((await client.get('/api/v1/auth/session')).statusCode).toBe(401);
  });

  it('stores only a hash of the session token and an argon2id password hash', async () => {
    const res = await built.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: users.admin.username, password: TEST_PASSWORD },
    });
    const token = String(res.headers['set-cookie']).split(';')[0]!.split('=')[1]!;
    const rows = await database.db.selectFrom('sessions').select('id').execute();
    expect(rows.some((r) => r.id === token)).toBe(false);
    const user = await database.db
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', users.admin.id)
      .executeTakeFirstOrThrow();
    expect(user.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('answers a wrong password and an unknown user the same way, and locks after five failures', async () => {
    const anon = anonymousClient(built.app);
    const wrong = await anon.post('/api/v1/auth/login', {
      username: users.worker.username,
      password: 'nope-nope-nope',
    });
    const unknown = await anon.post('/api/v1/auth/login', {
      username: 'nobody-here',
      password: 'nope-nope-nope',
    });
    expect([wrong.statusCode, unknown.statusCode]).toEqual([401, 401]);
    expect(wrong.json<{ code: string }>().code).toBe(unknown.json<{ code: string }>().code);
    for (let i = 0; i < 4; i++) {
      await anon.post('/api/v1/auth/login', {
        username: users.worker.username,
        password: 'still-wrong',
      });
    }
    const locked = await anon.post('/api/v1/auth/login', {
      username: users.worker.username,
      password: TEST_PASSWORD,
    });
    expect(locked.statusCode).toBe(423);
    expect(locked.json<{ code: string }>().code).toBe('ACCOUNT_LOCKED');
  });

  it('changes the password only with the current one and ends other sessions', async () => {
    const a = await login(built.app, users.enterprise.username);
    const b = await login(built.app, users.enterprise.username);
    const bad = await a.post('/api/v1/auth/password', {
      currentPassword: 'wrong-one-here',
      newPassword: 'Another-Good-Pass-9',
    });
    expect(bad.statusCode).toBe(422);
    const common = await a.post('/api/v1/auth/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'woaini1314',
    });
    expect(common.statusCode).toBe(422);
    const ok = await a.post('/api/v1/auth/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'Another-Good-Pass-9',
    });
    expect(ok.statusCode).toBe(204);
    expect((await a.get('/api/v1/auth/session')).statusCode).toBe(200);
    expect((await b.get('/api/v1/auth/session')).statusCode).toBe(401);
    await login(built.app, users.enterprise.username, 'Another-Good-Pass-9');
  });

  it('rejects a foreign Origin on a state-changing request even with the token', async () => {
    const c = await login(built.app, users.staff.username);
    const res = await c.request({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { origin: 'https://evil.example' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json<{ code: string }>().code).toBe('CSRF_FAILED');
  });

  it('keeps a verifiable hash-chained audit log of logins', async () => {
    const rows = await database.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
    expect(rows.some((r) => r.action === 'auth.login' && r.outcome === 'failure')).toBe(true);
    expect(await verifyAuditChain(database.db)).toEqual({
      rows: rows.length,
      brokenAt: null,
      last: { seq: rows.at(-1)!.seq, hash: rows.at(-1)!.hash },
      headMismatches: [],
    });
    await database.db
      .updateTable('audit_log')
      .set({ actor_label: 'tampered' })
      .where('seq', '=', 2)
      .execute();
    expect((await verifyAuditChain(database.db)).brokenAt).toBe(2);
  });
});

describe('user administration', () => {
  it('lets only admins create users, with scope required by role', async () => {
    const admin = await login(built.app, users.admin.username);
    const staff = await login(built.app, users.staff.username);
    const body = {
      username: 'new-staff-1',
      displayName: '新同事',
      password: 'Good-Password-77',
      role: 'staff',
      communityId: users.staff.actor.communityId,
    };
    expect((await staff.post('/api/v1/users', body)).statusCode).toBe(403);
    const created = await admin.post('/api/v1/users', body);
    expect(created.statusCode).toBe(201);
    expect(created.json<{ mustChangePassword: boolean }>().mustChangePassword).toBe(true);
    const noScope = await admin.post('/api/v1/users', {
      ...body,
      username: 'new-staff-2',
      communityId: undefined,
    });
    expect(noScope.statusCode).toBe(422);
    const dup = await admin.post('/api/v1/users', body);
    expect(dup.statusCode).toBe(422);
    const unknownScope = await admin.post('/api/v1/users', {
      ...body,
      username: 'new-staff-3',
      communityId: '01HZZZZZZZZZZZZZZZZZZZZZZZ',
    });
    expect(unknownScope.statusCode).toBe(404);
    const foreignCounty = await buildCounty(database.db);
    const foreignCommunity = await buildCommunity(database.db, foreignCounty.id);
    const crossCounty = await admin.post('/api/v1/users', {
      ...body,
      username: 'new-staff-4',
      communityId: foreignCommunity.id,
    });
    expect(crossCounty.statusCode).toBe(404);
    expect(
      await database.db
        .selectFrom('users')
        .select('id')
        .where('username', 'in', ['new-staff-3', 'new-staff-4'])
        .execute(),
    ).toEqual([]);
  });

  it('ends every session of a deactivated user at once', async () => {
    const admin = await login(built.app, users.admin.username);
    const dept = await login(built.app, users.department.username);
    expect(
      (await admin.post(`/api/v1/users/${users.department.id}/active`, { active: false }))
        .statusCode,
    ).toBe(204);
    expect((await dept.get('/api/v1/auth/session')).statusCode).toBe(401);
    expect(
      (
        await anonymousClient(built.app).post('/api/v1/auth/login', {
          username: users.department.username,
          password: TEST_PASSWORD,
        })
      ).statusCode,
    ).toBe(401);
  });
});
