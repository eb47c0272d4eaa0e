import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { anonymousClient, buildTestApp, type Client, login } from '../../../test/build-test-app';
import {
  buildCommunity,
  buildEnterprise,
  buildStaffSet,
  buildUser,
  buildWorld,
} from '../../../test/factories';
import { createTestDatabase, type TestDatabase } from '../../../test/test-db';
import type { BuiltApp } from '../../app';

let database: TestDatabase;
let built: BuiltApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
let users: Awaited<ReturnType<typeof buildStaffSet>>;
let staff: Client;
let dept: Client;
let otherStaff: Client;
let otherEnterpriseId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  built = await buildTestApp(database);
  world = await buildWorld(database.db);
  users = await buildStaffSet(database.db, world);
  const otherCommunity = await buildCommunity(database.db, world.county.id, Date.now(), 'OB');
  otherEnterpriseId = (await buildEnterprise(database.db, otherCommunity.id)).id;
  const other = await buildUser(database.db, {
    role: 'staff',
    countyId: world.county.id,
    communityId: otherCommunity.id,
  });
  staff = await login(built.app, users.staff.username);
  dept = await login(built.app, users.department.username);
  otherStaff = await login(built.app, other.username);
});
afterAll(async () => {
  await built.app.close();
  await database.destroy();
});

describe('the core loop over HTTP', () => {
  it('takes a worker report through triage, dispatch, answer, closure and rating', async () => {
    const anon = anonymousClient(built.app);
    const created = await anon.post('/api/v1/troubles', {
      enterpriseId: world.enterprise.id,
      body: '职业病体检要自己去市里，很不方便。',
      channel: 'qr',
    });
    const { id: troubleId, code } = created.json<{ id: string; code: string }>();

    const queue = await staff.get('/api/v1/troubles?unlinked=true');
    expect(queue.json<{ items: { id: string }[] }>().items.map((t) => t.id)).toContain(troubleId);
    const categories = await anon.get('/api/v1/categories');
    const health = categories
      .json<{ items: { code: string; children: { id: string; code: string }[] }[] }>()
      .items.find((c) => c.code === 'health')!;
    const checkup = health.children.find((c) => c.code === 'health.checkup')!;
    const triaged = await staff.patch(`/api/v1/troubles/${troubleId}`, {
      categoryId: checkup.id,
      severity: 'major',
      workersAffected: 40,
    });
    expect(triaged.statusCode).toBe(200);
    expect(triaged.json<{ priority: string; categorySource: string }>()).toMatchObject({
      priority: 'P2',
      categorySource: 'person',
    });

    const linked = await staff.post(`/api/v1/troubles/${troubleId}/link`, {
      newProblem: { title: '职业病体检需往返市区' },
    });
    expect(linked.statusCode).toBe(200);
    const problemId = linked.json<{ problemId: string }>().problemId;

    const dispatched = await staff.post(`/api/v1/problems/${problemId}/dispatch`, {
      leadDepartmentId: world.department.id,
    });
    expect(dispatched.json<{ status: string }>().status).toBe('dispatched');
    const inbox = await dept.get('/api/v1/problems');
    expect(inbox.json<{ items: { id: string }[] }>().items.map((p) => p.id)).toEqual([problemId]);
    expect(
      (await dept.post(`/api/v1/problems/${problemId}/accept`)).json<{ status: string }>().status,
    ).toBe('in_progress');
    const resolved = await dept.post(`/api/v1/problems/${problemId}/resolve`, {
      text: '县总工会联系体检机构，每月组织职工乘车体检。',
      publicSummary: '每月组织职工乘车前往市里体检。',
    });
    expect(resolved.json<{ status: string }>().status).toBe('resolved');

    const tracked = await anon.get(`/api/v1/track/${code}`);
    expect(
      tracked.json<{ publicStatus: string; canRate: boolean; answer: string }>(),
    ).toMatchObject({
      publicStatus: 'resolved',
      canRate: true,
      answer: '县总工会联系体检机构，每月组织职工乘车体检。',
    });
    expect(
      tracked.json<{ progress: { action: string }[] }>().progress.map((p) => p.action),
    ).toEqual(['receive', 'link', 'dispatch', 'accept', 'resolve']);

    expect(
      (await staff.post(`/api/v1/problems/${problemId}/close`, {})).json<{ status: string }>()
        .status,
    ).toBe('closed');
    const rated = await anon.post(`/api/v1/track/${code}/rating`, {
      rating: 'dissatisfied',
      comment: '一个月一次太少',
    });
    expect(rated.json<{ reopened: boolean }>().reopened).toBe(true);
    const detail = await staff.get(`/api/v1/problems/${problemId}`);
    expect(detail.json<{ status: string; reopenCount: number }>()).toMatchObject({
      status: 'dispatched',
      reopenCount: 1,
    });
    const timeline = await staff.get(`/api/v1/problems/${problemId}/timeline`);
    expect(timeline.json<{ items: { action: string }[] }>().items.map((e) => e.action)).toEqual([
      'create',
      'dispatch',
      'accept',
      'resolve',
      'close',
      'reopen',
    ]);
  });

  it('answers an illegal transition with 409 problem+json and changes nothing', async () => {
    const t = await staff.post('/api/v1/troubles', {
      enterpriseId: world.enterprise.id,
      body: '停车位不够',
      channel: 'visit',
    });
    const link = await staff.post(`/api/v1/troubles/${t.json<{ id: string }>().id}/link`, {
      newProblem: { title: '停车难' },
    });
    const id = link.json<{ problemId: string }>().problemId;
    const res = await staff.post(`/api/v1/problems/${id}/close`, {});
    expect(res.statusCode).toBe(409);
    expect(res.json<{ code: string; detail: string }>()).toMatchObject({
      code: 'INVALID_TRANSITION',
      detail: '当前状态为“待处理”的类问题不能执行“关闭”。',
    });
    const timeline = await staff.get(`/api/v1/problems/${id}/timeline`);
    expect(timeline.json<{ items: unknown[] }>().items).toHaveLength(1);
    const noReason = await staff.post(`/api/v1/problems/${id}/reopen`, {});
    expect(noReason.statusCode).toBe(400);
  });

  it('shows nothing of community A to the staff of community B (404) and refuses their writes', async () => {
    const t = await staff.post('/api/v1/troubles', {
      enterpriseId: world.enterprise.id,
      body: '宿舍网络信号差',
      channel: 'visit',
    });
    const troubleId = t.json<{ id: string }>().id;
    const problemId = (
      await staff.post(`/api/v1/troubles/${troubleId}/link`, {
        newProblem: { title: '宿舍网络差' },
      })
    ).json<{ problemId: string }>().problemId;
    const probes = [
      () => otherStaff.get(`/api/v1/troubles/${troubleId}`),
      () => otherStaff.get(`/api/v1/troubles/${troubleId}/timeline`),
      () => otherStaff.patch(`/api/v1/troubles/${troubleId}`, { severity: 'major' }),
      () => otherStaff.post(`/api/v1/troubles/${troubleId}/resolve-on-spot`, { answer: 'x' }),
      () => otherStaff.get(`/api/v1/problems/${problemId}`),
      () => otherStaff.get(`/api/v1/problems/${problemId}/timeline`),
      () =>
        otherStaff.post(`/api/v1/problems/${problemId}/dispatch`, {
          leadDepartmentId: world.department.id,
        }),
      () => otherStaff.post(`/api/v1/problems/${problemId}/notes`, { text: '越权' }),
      () => otherStaff.post(`/api/v1/troubles/${troubleId}/callbacks`, { rating: 'satisfied' }),
      () => otherStaff.get(`/api/v1/enterprises/${world.enterprise.id}`),
      () =>
        otherStaff.post('/api/v1/troubles', {
          enterpriseId: world.enterprise.id,
          body: '代报他社区',
          channel: 'visit',
        }),
    ];
    for (const probe of probes) {
      const res = await probe();
      expect(res.statusCode).toBe(404);
    }
    const list = await otherStaff.get('/api/v1/troubles');
    expect(list.json<{ items: { id: string }[] }>().items.some((x) => x.id === troubleId)).toBe(
      false,
    );
    const queue = await otherStaff.get('/api/v1/problems');
    expect(queue.json<{ items: { id: string }[] }>().items.some((x) => x.id === problemId)).toBe(
      false,
    );
    // …and the other way round: A's staff cannot file for B's enterprise.
    expect(
      (
        await staff.post('/api/v1/troubles', {
          enterpriseId: otherEnterpriseId,
          body: '越界',
          channel: 'visit',
        })
      ).statusCode,
    ).toBe(404);
  });

  it('refuses roles without the permission with 403', async () => {
    const worker = await login(built.app, users.worker.username);
    expect((await worker.get('/api/v1/problems')).statusCode).toBe(403);
    expect(
      (await dept.post('/api/v1/problems', { troubleIds: ['x'], title: 'x' })).statusCode,
    ).toBe(403);
    expect((await anonymousClient(built.app).get('/api/v1/problems')).statusCode).toBe(401);
  });
});
