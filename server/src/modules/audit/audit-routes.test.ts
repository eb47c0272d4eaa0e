import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { anonymousClient, buildTestApp, type Client, login } from '../../../test/build-test-app';
import { buildStaffSet, buildWorld, TEST_PASSWORD } from '../../../test/factories';
import { createTestDatabase, type TestDatabase } from '../../../test/test-db';
import type { BuiltApp } from '../../app';

/**
 * The audit trail over HTTP: only the auditor reads it (admins, staff and everybody else are
 * refused — and an admin's attempt is itself in the trail), filters and keyset paging, chain
 * verification that finds a tampered row, the CSV export (BOM, recorded), and the auditor can
 * do nothing else but its own password and TOTP.
 */

interface Entry {
  seq: number;
  at: number;
  actorUserId: string | null;
  actorLabel: string;
  actorRole: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  outcome: 'success' | 'failure';
  detail: Record<string, unknown> | null;
}
interface Page {
  items: Entry[];
  nextBefore: number | null;
}

let database: TestDatabase;
let built: BuiltApp;
let users: Awaited<ReturnType<typeof buildStaffSet>>;
let auditor: Client;
let admin: Client;

beforeAll(async () => {
  database = await createTestDatabase();
  built = await buildTestApp(database);
  users = await buildStaffSet(database.db, await buildWorld(database.db));
  auditor = await login(built.app, users.auditor.username);
  admin = await login(built.app, users.admin.username);
  // Failed logins: rows without a user, visible to the auditor.
  for (let i = 0; i < 3; i++) {
    await built.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: `nobody-${i}`, password: 'wrong-password' },
    });
  }
});
afterAll(async () => {
  await built.app.close();
  await database.destroy();
});

const page = async (client: Client, query: string) => {
  const res = await client.get(`/api/v1/audit${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Page>();
};

describe('who reads the audit trail', () => {
  it('the auditor: 200, no-store; admins and staff 403 (problem+json); anonymous 401', async () => {
    const ok = await auditor.get('/api/v1/audit');
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['cache-control']).toBe('no-store');
    for (const url of ['/api/v1/audit', '/api/v1/audit/verify', '/api/v1/audit/export.csv']) {
      for (const client of [admin, await login(built.app, users.staff.username)]) {
        const res = await client.get(url);
        expect(res.statusCode, url).toBe(403);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.json<{ code: string }>().code).toBe('FORBIDDEN');
      }
      const anon = await anonymousClient(built.app).get(url);
      expect(anon.statusCode).toBe(401);
      expect(anon.json<{ code: string }>().code).toBe('UNAUTHENTICATED');
    }
  });

  it('records an admin’s refused attempt for the auditor to see', async () => {
    expect((await admin.get('/api/v1/audit?action=user.')).statusCode).toBe(403);
    const refused = await page(
      auditor,
      `?action=audit.read&outcome=failure&actor=${users.admin.id}`,
    );
    expect(refused.items[0]).toMatchObject({
      actorUserId: users.admin.id,
      actorRole: 'admin',
      outcome: 'failure',
      targetType: 'audit_log',
      detail: { route: '/api/v1/audit', reason: 'forbidden' },
    });
  });

  it('the auditor has no other permission: business, settings and user routes refuse it', async () => {
    for (const url of [
      '/api/v1/troubles',
      '/api/v1/problems',
      '/api/v1/users',
      '/api/v1/communities',
      '/api/v1/alerts',
      '/api/v1/indices/trouble-index',
      '/api/v1/notifications',
      '/api/v1/reports',
      '/api/v1/exports/troubles.csv',
    ]) {
      expect((await auditor.get(url)).statusCode, url).toBe(403);
    }
    const communityId = (await buildWorld(database.db)).community.id;
    expect((await auditor.get(`/api/v1/communities/${communityId}/sla`)).statusCode).toBe(403);
    expect(
      (await auditor.post('/api/v1/troubles', { communityId, body: '审计员不能代报烦恼。' }))
        .statusCode,
    ).toBe(403);
  });

  it('the auditor changes its own password and sets up TOTP', async () => {
    const other = await login(built.app, users.auditor.username);
    expect((await other.get('/api/v1/auth/totp')).statusCode).toBe(200);
    expect((await other.post('/api/v1/auth/totp/setup')).statusCode).toBe(200);
    const changed = await other.post('/api/v1/auth/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'Auditor-Pass-2026',
    });
    expect(changed.statusCode).toBe(204);
    const back = await login(built.app, users.auditor.username, 'Auditor-Pass-2026');
    expect(
      (
        await back.post('/api/v1/auth/password', {
          currentPassword: 'Auditor-Pass-2026',
          newPassword: TEST_PASSWORD,
        })
      ).statusCode,
    ).toBe(204);
    auditor = await login(built.app, users.auditor.username);
  });

  it('offers no route that changes or deletes audit rows', () => {
    const routes = built.routeTable.filter((r) => r.url.startsWith('/api/v1/audit'));
    expect(routes.map((r) => `${r.method} ${r.url}`).sort()).toEqual([
      'GET /api/v1/audit',
      'GET /api/v1/audit/export.csv',
      'GET /api/v1/audit/verify',
    ]);
    expect(routes.every((r) => r.access === 'audit.read')).toBe(true);
    // Nor does any module: the trail is appended to (shared/audit.ts) and never purged.
    const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
    const offending = fs
      .readdirSync(src, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .filter((f) =>
        /updateTable\(\s*'audit_log'|deleteFrom\(\s*'audit_log'|(update|delete\s+from|truncate)\s+"?audit_log/i.test(
          fs.readFileSync(path.join(src, f), 'utf8'),
        ),
      );
    expect(offending).toEqual([]);
  });
});

describe('the audit list over HTTP', () => {
  it('shows who created an auditor account: user.create with role, target and address', async () => {
    const res = await admin.post('/api/v1/users', {
      username: 'shenji-2',
      displayName: '第二审计员',
      password: 'Shenji-Pass-2026',
      role: 'auditor',
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json<{ id: string; role: string }>().id;
    const created = await page(auditor, `?action=user.create&targetType=user&targetId=${id}`);
    expect(created.items).toHaveLength(1);
    expect(created.items[0]).toMatchObject({
      actorUserId: users.admin.id,
      actorRole: 'admin',
      targetType: 'user',
      targetId: id,
      ip: '127.0.0.*',
      outcome: 'success',
      detail: { userId: id, username: 'shenji-2', role: 'auditor' },
    });
    // The new auditor logs in (must change the initial password) and lands on the trail.
    const second = await login(built.app, 'shenji-2', 'Shenji-Pass-2026');
    expect((await second.get('/api/v1/audit?limit=1')).statusCode).toBe(200);
  });

  it('filters by time, actor, action and outcome, and pages by keyset', async () => {
    const failures = await page(auditor, '?action=auth.login&outcome=failure');
    expect(failures.items.length).toBeGreaterThanOrEqual(3);
    expect(failures.items.every((i) => i.outcome === 'failure' && i.actorUserId === null)).toBe(
      true,
    );
    expect(failures.items.map((i) => i.detail?.username)).toEqual(
      expect.arrayContaining(['nobody-0', 'nobody-1', 'nobody-2']),
    );
    const byActor = await page(auditor, `?actor=${encodeURIComponent(users.admin.username)}`);
    expect(byActor.items.length).toBeGreaterThan(0);
    expect(byActor.items.every((i) => i.actorUserId === users.admin.id)).toBe(true);
    const newest = failures.items[0]!.at;
    const from = new Date(newest).toISOString().replace('Z', '+00:00');
    const since = await page(auditor, `?from=${encodeURIComponent(from)}&action=auth.`);
    expect(since.items.every((i) => i.at >= newest)).toBe(true);
    const until = await page(auditor, `?to=${newest}&action=auth.login&outcome=failure`);
    expect(until.items.every((i) => i.at < newest)).toBe(true);

    const all = await page(auditor, '?action=auth.&limit=200');
    const seen: number[] = [];
    let query = '?action=auth.&limit=2';
    for (;;) {
      const p = await page(auditor, query);
      seen.push(...p.items.map((i) => i.seq));
      if (p.nextBefore === null) {
        break;
      }
      query = `?action=auth.&limit=2&before=${p.nextBefore}`;
    }
    // Every row once, newest first: the pages joined are the whole list (rows the paging
    // itself added are newer than the first page and not `auth.` actions).
    expect(seen).toEqual(all.items.map((i) => i.seq));
  });

  it('refuses malformed filters with problem+json', async () => {
    for (const q of [
      '?limit=1000',
      '?before=0',
      '?action=auth%20login',
      '?outcome=maybe',
      '?from=yesterday',
      '?fullIp=yes',
      '?unknown=1',
    ]) {
      const res = await auditor.get(`/api/v1/audit${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.json<{ code: string }>().code).toBe('VALIDATION_FAILED');
    }
  });
});

describe('chain verification and export over HTTP', () => {
  it('verifies the chain and finds a tampered row', async () => {
    const intact = await auditor.get('/api/v1/audit/verify');
    expect(intact.statusCode).toBe(200);
    expect(intact.json()).toMatchObject({
      ok: true,
      lastSeq: expect.any(Number),
      lastHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const victim = await database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'auth.login')
      .where('outcome', '=', 'failure')
      .orderBy('seq')
      .executeTakeFirstOrThrow();
    await database.db
      .updateTable('audit_log')
      .set({ actor_label: '改过的' })
      .where('id', '=', victim.id)
      .execute();
    const broken = await auditor.get('/api/v1/audit/verify');
    expect(broken.json()).toMatchObject({ ok: false, brokenAt: victim.seq });
    await database.db
      .updateTable('audit_log')
      .set({ actor_label: victim.actor_label })
      .where('id', '=', victim.id)
      .execute();
    expect((await auditor.get('/api/v1/audit/verify')).json()).toMatchObject({ ok: true });
  });

  it('exports CSV with a BOM and a Chinese file name, masked addresses, and records the export', async () => {
    const res = await auditor.get('/api/v1/audit/export.csv?action=auth.login&outcome=failure');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('审计日志-')}`,
    );
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toBe('序号,时间,操作人,用户名,角色,操作,对象类型,对象ID,IP,结果,详情,哈希');
    expect(lines.length).toBeGreaterThanOrEqual(4);
    expect(lines.slice(1).every((l) => l.includes('auth.login') && l.includes('失败'))).toBe(true);
    expect(res.body).toContain('127.0.0.*');
    expect(res.body).not.toMatch(/127\.0\.0\.1\b/);
    const recorded = await page(auditor, '?action=audit.export');
    expect(recorded.items[0]).toMatchObject({
      actorUserId: users.auditor.id,
      detail: {
        format: 'csv',
        filters: { action: 'auth.login', outcome: 'failure' },
        upToSeq: expect.any(Number),
      },
    });
  });
});
