import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { anonymousClient, buildTestApp, type Client, login } from '../../../test/build-test-app';
import { buildCommunity, buildStaffSet, buildWorld } from '../../../test/factories';
import { createTestDatabase, type TestDatabase } from '../../../test/test-db';
import type { BuiltApp } from '../../app';

let database: TestDatabase;
let built: BuiltApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
let users: Awaited<ReturnType<typeof buildStaffSet>>;
let admin: Client;
let staff: Client;

beforeAll(async () => {
  database = await createTestDatabase();
  built = await buildTestApp(database);
  world = await buildWorld(database.db);
  users = await buildStaffSet(database.db, world);
  admin = await login(built.app, users.admin.username);
  staff = await login(built.app, users.staff.username);
});
afterAll(async () => {
  await built.app.close();
  await database.destroy();
});

describe('directory', () => {
  it('lets admins create communities with SLA defaults, and validates the slug', async () => {
    const res = await admin.post('/api/v1/communities', {
      slug: 'jinshan',
      name: '金山工业社区',
      codePrefix: 'JS',
    });
    expect(res.statusCode).toBe(201);
    const id = res.json<{ id: string }>().id;
    const sla = await admin.get(`/api/v1/communities/${id}/sla`);
    expect(sla.json()).toMatchObject({
      timeMode: 'natural',
      coordinationHours: 24,
      resolutionHours: 168,
      maxReopens: 1,
    });
    expect(
      (await admin.post('/api/v1/communities', { slug: 'jinshan', name: '重复', codePrefix: 'JX' }))
        .statusCode,
    ).toBe(422);
    expect(
      (await admin.post('/api/v1/communities', { slug: 'Bad Slug', name: 'x', codePrefix: 'BS' }))
        .statusCode,
    ).toBe(400);
    expect(
      (await staff.post('/api/v1/communities', { slug: 'x-1', name: 'x', codePrefix: 'XA' }))
        .statusCode,
    ).toBe(403);
  });

  it('lets staff manage enterprises of their own community only; phone numbers are masked', async () => {
    const other = await buildCommunity(database.db, world.county.id);
    const body = {
      communityId: world.community.id,
      name: '萍乡市测试电线电缆有限公司',
      industry: '电线电缆',
      size: 'small',
      employeeCount: 80,
      contactName: '刘主任',
      contactPhone: '13766668888',
    };
    const created = await staff.post('/api/v1/enterprises', body);
    expect(created.statusCode).toBe(201);
    expect(created.json<{ contactPhoneMasked: string }>().contactPhoneMasked).toBe('137****8888');
    expect(created.body).not.toContain('13766668888');
    expect(
      (
        await staff.post('/api/v1/enterprises', {
          ...body,
          communityId: other.id,
          name: '别的社区企业',
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await staff.post('/api/v1/enterprises', { ...body, contactPhone: '12345' })).statusCode,
    ).toBe(400);
    const duplicate = await staff.post('/api/v1/enterprises', body);
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json<{ code: string; detail: string }>()).toMatchObject({
      code: 'CONFLICT',
      detail: '操作冲突：已存在相同的记录（名称或编号重复）。',
    });
    const id = created.json<{ id: string }>().id;
    const patched = await staff.patch(`/api/v1/enterprises/${id}`, { employeeCount: 95 });
    expect(patched.json<{ employeeCount: number }>().employeeCount).toBe(95);
    // Both writes are in the audit trail with the fields changed — never the phone number; the
    // refused duplicate left no record.
    const trail = await database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_user_id', 'detail'])
      .where('target_type', '=', 'enterprise')
      .where('target_id', '=', id)
      .orderBy('seq')
      .execute();
    expect(trail.map((r) => r.action)).toEqual(['enterprise.create', 'enterprise.update']);
    expect(trail.every((r) => r.actor_user_id === users.staff.id)).toBe(true);
    expect(JSON.parse(trail[1]!.detail!)).toEqual({ fields: ['employeeCount'] });
    expect(trail.some((r) => (r.detail ?? '').includes('13766668888'))).toBe(false);
    const creations = await database.db
      .selectFrom('audit_log')
      .select('target_id')
      .where('action', '=', 'enterprise.create')
      .where('detail', 'like', '%萍乡市测试电线电缆%')
      .execute();
    expect(creations).toHaveLength(1);
    const list = await staff.get('/api/v1/enterprises?q=电线');
    expect(list.json<{ items: { id: string }[] }>().items.map((e) => e.id)).toEqual([id]);
  });

  it('offers enterprise names publicly for the QR report form, without contacts', async () => {
    const anon = anonymousClient(built.app);
    const res = await anon.get(`/api/v1/public/enterprises/${world.enterprise.id}`);
    expect(res.json()).toEqual({
      id: world.enterprise.id,
      name: world.enterprise.name,
      communityId: world.community.id,
      communityName: world.community.name,
    });
    const community = await anon.get(`/api/v1/public/communities/${world.community.slug}`);
    expect(community.json<{ enterprises: unknown[] }>().enterprises.length).toBeGreaterThan(0);
  });
});

describe('taxonomy', () => {
  it('ships the default two-level tree and lets admins extend it', async () => {
    const tree = await anonymousClient(built.app).get('/api/v1/categories');
    const items = tree.json<{
      items: { id: string; code: string; name: string; children: { id: string }[] }[];
    }>().items;
    expect(items.map((c) => c.name)).toEqual(
      expect.arrayContaining([
        '招工用工',
        '子女入学',
        '职业健康',
        '就医',
        '交通出行',
        '餐饮住宿',
        '劳动权益/工资社保',
        '安全生产',
        '生活配套',
        '企业经营/政策',
        '文体与关爱',
        '其他',
      ]),
    );
    expect(items.every((c) => c.children.length > 0)).toBe(true);
    const parent = items.find((c) => c.code === 'schooling')!;
    const child = await admin.post('/api/v1/categories', {
      parentId: parent.id,
      code: 'schooling.highschool',
      name: '高中入学',
      nameEn: 'High school',
      keywords: ['高中', '中考'],
    });
    expect(child.statusCode).toBe(201);
    const third = await admin.post('/api/v1/categories', {
      parentId: child.json<{ id: string }>().id,
      code: 'schooling.highschool.x',
      name: '三级',
      nameEn: 'third',
    });
    expect(third.statusCode).toBe(422);
    expect(
      (
        await staff.post('/api/v1/categories', {
          parentId: null,
          code: 'x',
          name: 'x',
          nameEn: 'x',
        })
      ).statusCode,
    ).toBe(403);
    const off = await admin.patch(`/api/v1/categories/${child.json<{ id: string }>().id}`, {
      active: false,
    });
    expect(off.json<{ active: boolean }>().active).toBe(false);
  });
});

describe('promise settings and the holiday calendar', () => {
  it('shows the 2023 official calendar with its 调休 days', async () => {
    const res = await staff.get('/api/v1/calendar/2023');
    const body = res.json<{ covered: boolean; days: { day: string; isOffDay: boolean }[] }>();
    expect(body.covered).toBe(true);
    expect(body.days.find((d) => d.day === '2023-10-07')).toMatchObject({ isOffDay: false });
    expect(body.days.find((d) => d.day === '2023-10-02')).toMatchObject({ isOffDay: true });
  });

  it('raises an alert for a missing next-year calendar until an admin loads it', async () => {
    const { checkCalendarCoverage } = await import('../promise');
    const missing = await checkCalendarCoverage(database.db, Date.parse('2026-11-22T00:00:00Z'));
    expect(missing).toEqual([2027]);
    const alerts = await staff.get('/api/v1/alerts');
    expect(alerts.json<{ items: { key: string }[] }>().items.map((a) => a.key)).toContain(
      'calendar-missing:2027',
    );
    const load = await admin.put('/api/v1/calendar/2027', {
      source: '国务院办公厅关于2027年部分节假日安排的通知',
      days: [{ day: '2027-01-01', isOffDay: true, name: '元旦' }],
    });
    expect(load.statusCode).toBe(204);
    expect(await checkCalendarCoverage(database.db, Date.parse('2026-11-22T00:00:00Z'))).toEqual(
      [],
    );
    expect(
      (await staff.get('/api/v1/alerts'))
        .json<{ items: { key: string }[] }>()
        .items.map((a) => a.key),
    ).not.toContain('calendar-missing:2027');
    expect(
      (await admin.put('/api/v1/calendar/days/2027-02-30', { isOffDay: true, name: 'x' }))
        .statusCode,
    ).toBe(400);
    expect(
      (await staff.put('/api/v1/calendar/days/2027-02-03', { isOffDay: true, name: 'x' }))
        .statusCode,
    ).toBe(403);
  });

  it('lets admins switch a community to working days, and refuses other scopes', async () => {
    const body = {
      timeMode: 'workdays',
      coordinationHours: 24,
      resolutionHours: 168,
      escalationIntervalHours: 12,
      severityWorkersThreshold: 30,
      maxReopens: 2,
    };
    const res = await admin.put(`/api/v1/communities/${world.community.id}/sla`, body);
    expect(res.json()).toMatchObject(body);
    expect(
      (await staff.put(`/api/v1/communities/${world.community.id}/sla`, body)).statusCode,
    ).toBe(403);
  });
});
