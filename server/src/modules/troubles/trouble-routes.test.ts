import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { anonymousClient, buildTestApp, type Client, login } from '../../../test/build-test-app';
import { buildStaffSet, buildWorld } from '../../../test/factories';
import { createTestDatabase, type TestDatabase } from '../../../test/test-db';
import type { BuiltApp } from '../../app';

let database: TestDatabase;
let built: BuiltApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
let users: Awaited<ReturnType<typeof buildStaffSet>>;
let anon: Client;

const countTroubles = async () =>
  Number(
    (
      await database.db
        .selectFrom('troubles')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  database = await createTestDatabase();
  built = await buildTestApp(database);
  world = await buildWorld(database.db);
  users = await buildStaffSet(database.db, world);
  anon = anonymousClient(built.app);
});
afterAll(async () => {
  await built.app.close();
  await database.destroy();
});

describe('POST /api/v1/troubles', () => {
  it('accepts an anonymous report and answers with a tracking code', async () => {
    const res = await anon.post('/api/v1/troubles', {
      enterpriseId: world.enterprise.id,
      body: '晚上下班后想看病，附近没有夜诊。',
      channel: 'qr',
    });
    expect(res.statusCode).toBe(201);
    const body = res.json<{ id: string; code: string; status: string; priority: string }>();
    expect(body.code).toMatch(/^TS-[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/);
    expect(body.status).toBe('received');
    expect(body.priority).toBe('P4');
    const row = await database.db
      .selectFrom('troubles')
      .selectAll()
      .where('id', '=', body.id)
      .executeTakeFirstOrThrow();
    expect(row.community_id).toBe(world.community.id);
    expect(row.reporter_type).toBe('anonymous');
    expect(row.reporter_name).toBeNull();
    const events = await database.db
      .selectFrom('events')
      .selectAll()
      .where('entity_id', '=', body.id)
      .execute();
    expect(events.map((e) => e.action)).toEqual(['receive']);
  });

  it('never creates a second trouble for a retried Idempotency-Key', async () => {
    const before = await countTroubles();
    const payload = { enterpriseId: world.enterprise.id, body: '宿舍热水器坏了一周了。' };
    const headers = { 'idempotency-key': 'retry-key-0001' };
    const first = await anon.post('/api/v1/troubles', payload, headers);
    const second = await anon.post('/api/v1/troubles', payload, headers);
    const third = await anon.post('/api/v1/troubles', payload, headers);
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(200);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(third.json<{ id: string }>().id).toBe(first.json<{ id: string }>().id);
    expect(await countTroubles()).toBe(before + 1);
  });

  it('handles concurrent retries of one key as one trouble', async () => {
    const before = await countTroubles();
    const payload = { enterpriseId: world.enterprise.id, body: '同一请求并发重试十次。' };
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        anon.post('/api/v1/troubles', payload, { 'idempotency-key': 'concurrent-key-01' }),
      ),
    );
    expect(new Set(results.map((r) => r.json<{ id: string }>().id)).size).toBe(1);
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expect(await countTroubles()).toBe(before + 1);
  });

  it('refuses a key reused for a different report', async () => {
    await anon.post(
      '/api/v1/troubles',
      { enterpriseId: world.enterprise.id, body: '第一份内容' },
      { 'idempotency-key': 'reused-key-0001' },
    );
    const res = await anon.post(
      '/api/v1/troubles',
      { enterpriseId: world.enterprise.id, body: '另一份内容' },
      { 'idempotency-key': 'reused-key-0001' },
    );
    expect(res.statusCode).toBe(422);
    expect(res.json<{ code: string }>().code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it.each([
    ['unknown field', { enterpriseId: 'x', body: '内容内容', admin: true }],
    ['missing text', { enterpriseId: 'x' }],
    ['over-long text', { enterpriseId: 'x', body: '长'.repeat(2001) }],
    ['wrong type', { enterpriseId: 'x', body: '内容', workersAffected: 'many' }],
    ['bad date', { enterpriseId: 'x', body: '内容内容', receivedAt: '2023-02-30T10:00:00+08:00' }],
    ['bad channel', { enterpriseId: 'x', body: '内容内容', channel: 'fax' }],
  ])('rejects %s with problem+json and writes nothing', async (_label, payload) => {
    const before = await countTroubles();
    const res = await anon.post('/api/v1/troubles', payload);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const problem = res.json<{ code: string; detail: string; errors: unknown[] }>();
    expect(problem.code).toBe('VALIDATION_FAILED');
    expect(problem.detail).toContain('提交的数据不符合要求');
    expect(await countTroubles()).toBe(before);
  });

  it('answers in English when asked', async () => {
    const res = await anon.request({
      method: 'POST',
      url: '/api/v1/troubles',
      payload: { body: 'x' },
      headers: { 'accept-language': 'en-US,en;q=0.9' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ detail: string }>().detail).toMatch(/^The request is invalid/);
  });

  it('rejects an unknown enterprise with 404', async () => {
    const res = await anon.post('/api/v1/troubles', {
      enterpriseId: '01HZZZZZZZZZZZZZZZZZZZZZZZ',
      body: '内容内容',
    });
    expect(res.statusCode).toBe(404);
    expect(res.json<{ code: string }>().code).toBe('NOT_FOUND');
  });

  it('refuses on-behalf fields from anonymous reporters', async () => {
    const res = await anon.post('/api/v1/troubles', {
      enterpriseId: world.enterprise.id,
      body: '内容内容',
      channel: 'visit',
    });
    expect(res.statusCode).toBe(403);
  });

  it('lets staff record a trouble on behalf, resolved on the spot', async () => {
    const staff = await login(built.app, users.staff.username);
    const res = await staff.post('/api/v1/troubles', {
      enterpriseId: world.enterprise.id,
      body: '企业问社保补贴怎么申领。',
      channel: 'forum',
      anonymous: false,
      reporterName: '李四',
      reporterPhone: '13912345678',
      resolvedOnSpot: { answer: '已现场讲解申领流程。' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json<{ status: string }>().status).toBe('resolved_on_spot');
    const detail = await staff.get(`/api/v1/troubles/${res.json<{ id: string }>().id}`);
    expect(detail.json<{ reporterPhoneMasked: string }>().reporterPhoneMasked).toBe('139****5678');
    const raw = await database.db
      .selectFrom('troubles')
      .select('reporter_phone_enc')
      .where('id', '=', res.json<{ id: string }>().id)
      .executeTakeFirstOrThrow();
    expect(raw.reporter_phone_enc).not.toContain('13912345678');
  });

  it('records the privacy notice version a named worker agreed to, and refuses a malformed one', async () => {
    const res = await anon.post('/api/v1/troubles', {
      enterpriseId: world.enterprise.id,
      body: '宿舍热水器坏了一周。',
      channel: 'qr',
      anonymous: false,
      reporterName: '赵六',
      reporterPhone: '13700002222',
      privacyNoticeVersion: '2026-11-v1',
    });
    expect(res.statusCode).toBe(201);
    const receive = await database.db
      .selectFrom('events')
      .select('after')
      .where('entity_id', '=', res.json<{ id: string }>().id)
      .where('action', '=', 'receive')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(receive.after ?? '{}')).toMatchObject({ privacyNoticeVersion: '2026-11-v1' });
    const bad = await anon.post('/api/v1/troubles', {
      enterpriseId: world.enterprise.id,
      body: '宿舍热水器坏了一周。',
      privacyNoticeVersion: 'v1 <script>',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ code: string }>().code).toBe('VALIDATION_FAILED');
  });

  it('requires the CSRF token for a logged-in write', async () => {
    const staff = await login(built.app, users.staff.username);
    const res = await staff.request({
      method: 'POST',
      url: '/api/v1/troubles',
      payload: { enterpriseId: world.enterprise.id, body: '内容内容' },
      headers: { 'x-csrf-token': 'forged' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json<{ code: string }>().code).toBe('CSRF_FAILED');
  });
});

describe('GET /api/v1/troubles', () => {
  it('lists the triage queue by priority, then the nearest deadline (oldest first)', async () => {
    const staff = await login(built.app, users.staff.username);
    const at = (hoursAgo: number) => Date.now() - hoursAgo * 3_600_000;
    const report = async (body: string, hoursAgo: number, urgency: 'normal' | 'urgent') =>
      (
        await staff.post('/api/v1/troubles', {
          enterpriseId: world.enterprise.id,
          body,
          channel: 'hotline',
          urgency,
          receivedAt: at(hoursAgo),
        })
      ).json<{ id: string }>().id;
    const newer = await report('排序测试：较新的一般烦恼', 1, 'normal');
    const older = await report('排序测试：较早的一般烦恼', 20, 'normal');
    const urgent = await report('排序测试：紧急烦恼', 2, 'urgent');
    const ids = async (order?: string) =>
      (
        await staff.get(
          `/api/v1/troubles?unlinked=true&q=${encodeURIComponent('排序测试')}${order ? `&order=${order}` : ''}`,
        )
      )
        .json<{ items: { id: string }[] }>()
        .items.map((t) => t.id);
    expect(await ids('deadline')).toEqual([urgent, older, newer]);
    expect(await ids()).toEqual([urgent, newer, older]);
    expect((await staff.get('/api/v1/troubles?order=sideways')).statusCode).toBe(400);
  });
});

describe('GET /api/v1/track/:code', () => {
  it('shows the public progress by code, case- and dash-insensitively, without personal data', async () => {
    const created = await anon.post('/api/v1/troubles', {
      enterpriseId: world.enterprise.id,
      body: '食堂晚上没有热饭。',
      anonymous: false,
      reporterName: '王五',
      reporterPhone: '13800001111',
    });
    const code = created.json<{ code: string }>().code;
    const res = await anon.get(`/api/v1/track/${code.toLowerCase().replace(/-/g, '')}`);
    expect(res.statusCode).toBe(200);
    const view = res.json<{ code: string; publicStatus: string; canRate: boolean }>();
    expect(view.code).toBe(code);
    expect(view.publicStatus).toBe('received');
    expect(view.canRate).toBe(false);
    expect(res.body).not.toContain('王五');
    expect(res.body).not.toContain('13800001111');
  });

  it('answers 404 for an unknown code', async () => {
    const res = await anon.get('/api/v1/track/TS-22222-22222');
    expect(res.statusCode).toBe(404);
  });
});
