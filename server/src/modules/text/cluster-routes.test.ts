import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { anonymousClient, buildTestApp, type Client, login } from '../../../test/build-test-app';
import { buildCommunity, buildStaffSet, buildUser, buildWorld } from '../../../test/factories';
import { createTestDatabase, type TestDatabase } from '../../../test/test-db';
import type { BuiltApp } from '../../app';
import { localDay } from '../../shared/business-time';

let database: TestDatabase;
let built: BuiltApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
let staff: Client;
let otherStaff: Client;
let dept: Client;
const ids: Record<string, string> = {};

interface Run {
  id: string;
  items: number;
  clusters: {
    id: string;
    title: string;
    status: string;
    keywords: string[];
    members: { troubleId: string }[];
  }[];
}

const TEXTS: Record<string, string> = {
  w1: '我们厂已经三个月没发工资了，老板一直拖欠工资。',
  w2: '公司拖欠工人工资三个月，多次讨要工资无果。',
  w3: '厂里拖欠我们三个月工资，希望社区帮忙讨要工资。',
  b1: '园区公交车班次太少，下班等公交车要一个小时。',
  b2: '下班后公交车班次少，等公交车时间太长了。',
  x1: '孩子在园区附近学校报不上名，入学太难。',
};

beforeAll(async () => {
  database = await createTestDatabase();
  built = await buildTestApp(database);
  world = await buildWorld(database.db);
  const users = await buildStaffSet(database.db, world);
  const other = await buildCommunity(database.db, world.county.id, Date.now(), 'OC');
  const o = await buildUser(database.db, {
    role: 'staff',
    countyId: world.county.id,
    communityId: other.id,
  });
  staff = await login(built.app, users.staff.username);
  otherStaff = await login(built.app, o.username);
  dept = await login(built.app, users.department.username);
  const anon = anonymousClient(built.app);
  for (const [key, body] of Object.entries(TEXTS)) {
    const res = await anon.post('/api/v1/troubles', {
      enterpriseId: world.enterprise.id,
      body,
      channel: 'qr',
    });
    ids[key] = res.json<{ id: string }>().id;
  }
});
afterAll(async () => {
  await built.app.close();
  await database.destroy();
});

const month = () => localDay(Date.now()).slice(0, 7);
const clusterOf = (run: Run, troubleId: string) =>
  run.clusters.find((c) => c.members.some((m) => m.troubleId === troubleId))!;

describe('clustering runs over HTTP', () => {
  let run: Run;

  it('clusters the month’s unlinked troubles into candidates', async () => {
    const res = await staff.post('/api/v1/text/clusters', {
      communityId: world.community.id,
      month: month(),
    });
    expect(res.statusCode).toBe(201);
    run = res.json<Run>();
    expect(run.items).toBe(6);
    const wages = clusterOf(run, ids.w1!);
    expect(wages.members.map((m) => m.troubleId).sort()).toEqual([ids.w1, ids.w2, ids.w3].sort());
    expect(clusterOf(run, ids.b1!).id).toBe(clusterOf(run, ids.b2!).id);
    expect(clusterOf(run, ids.x1!).members).toHaveLength(1);
    expect(wages.status).toBe('proposed');
    expect(wages.keywords).toEqual(expect.arrayContaining(['拖欠']));

    const list = await staff.get('/api/v1/text/clusters');
    expect(list.json<{ items: { id: string }[] }>().items.map((r) => r.id)).toContain(run.id);
    expect((await staff.get(`/api/v1/text/clusters/${run.id}`)).json<Run>().clusters).toHaveLength(
      run.clusters.length,
    );
  });

  it('accepts a candidate as a problem with its troubles linked, once', async () => {
    const wages = clusterOf(run, ids.w1!);
    const url = `/api/v1/text/clusters/${run.id}/candidates/${wages.id}/accept`;
    const res = await staff.post(url, { title: '企业拖欠工资三个月' });
    expect(res.statusCode).toBe(201);
    const { problemId, linked } = res.json<{ problemId: string; linked: string[] }>();
    expect(linked).toHaveLength(3);
    const problem = await staff.get(`/api/v1/problems/${problemId}`);
    expect(problem.json<{ title: string; status: string }>()).toMatchObject({
      title: '企业拖欠工资三个月',
      status: 'open',
    });
    const timeline = await staff.get(`/api/v1/troubles/${ids.w2}/timeline`);
    expect(JSON.stringify(timeline.json())).toContain(problemId);
    const again = await staff.post(url, {});
    expect(again.statusCode).toBe(422);
    expect(again.headers['content-type']).toContain('application/problem+json');
    expect(again.json<{ code: string }>().code).toBe('RULE_VIOLATION');
    const detail = (await staff.get(`/api/v1/text/clusters/${run.id}`)).json<Run>();
    expect(clusterOf(detail, ids.w1!).status).toBe('accepted');
    // The new problem is searchable at once, within scope only.
    const q = `/api/v1/text/similar?q=${encodeURIComponent('老板拖欠工资三个月')}`;
    const found = (await staff.get(q)).json<{ items: { problemId: string; score: number }[] }>();
    expect(found.items[0]!.problemId).toBe(problemId);
    expect((await otherStaff.get(q)).json<{ items: [] }>().items).toEqual([]);
    expect((await staff.get('/api/v1/text/similar')).statusCode).toBe(400);
  });

  it('edits a candidate (title, move out) and rejects one', async () => {
    const bus = clusterOf(run, ids.b1!);
    const base = `/api/v1/text/clusters/${run.id}/candidates/${bus.id}`;
    const edited = await staff.put(base, { title: '公交班次少等车久', moveOut: [ids.b2] });
    expect(edited.statusCode).toBe(200);
    const after = edited.json<Run>();
    expect(clusterOf(after, ids.b1!).title).toBe('公交班次少等车久');
    expect(clusterOf(after, ids.b2!).id).not.toBe(bus.id);
    const moveBack = await staff.put(base, { moveIn: [ids.b2] });
    expect(clusterOf(moveBack.json<Run>(), ids.b2!).id).toBe(bus.id);
    expect((await staff.put(base, { moveIn: [ids.w1] })).statusCode).toBe(422); // accepted one
    expect((await staff.post(`${base}/reject`)).statusCode).toBe(204);
    expect((await staff.post(`${base}/reject`)).statusCode).toBe(422);
  });

  it('answers 404 out of scope, 403 for roles without the right, 400 for bad input', async () => {
    const hidden = await otherStaff.get(`/api/v1/text/clusters/${run.id}`);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.headers['content-type']).toContain('application/problem+json');
    expect(hidden.json<{ code: string }>().code).toBe('NOT_FOUND');
    expect(
      (
        await otherStaff.post('/api/v1/text/clusters', {
          communityId: world.community.id,
          month: month(),
        })
      ).statusCode,
    ).toBe(404);
    expect((await otherStaff.get('/api/v1/text/clusters')).json<{ items: [] }>().items).toEqual([]);
    expect((await dept.get('/api/v1/text/clusters')).statusCode).toBe(403);
    const bad = await staff.post('/api/v1/text/clusters', {
      communityId: world.community.id,
      month: '2023-13',
    });
    expect(bad.statusCode).toBe(400);
    const empty = await staff.post('/api/v1/text/clusters', {
      communityId: world.community.id,
      month: '2020-01',
    });
    expect(empty.statusCode).toBe(422);
    expect(
      (
        await staff.request({
          method: 'POST',
          url: '/api/v1/text/clusters',
          payload: { communityId: world.community.id, month: '2020-01' },
          headers: { 'accept-language': 'en' },
        })
      ).json<{ detail: string }>().detail,
    ).toContain('no unlinked troubles');
  });
});
