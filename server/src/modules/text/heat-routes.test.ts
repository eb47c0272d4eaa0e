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
let worker: Client;
let repeated: string;
let shared: string;

interface Hot {
  items: {
    rank: number;
    problemId: string;
    reporters: number;
    messages: number;
    heat: number;
    communityName: string;
    enterprises: { id: string; troubles: number }[];
  }[];
}

async function linkAll(troubleIds: string[], title: string): Promise<string> {
  const first = await staff.post(`/api/v1/troubles/${troubleIds[0]}/link`, {
    newProblem: { title },
  });
  const { problemId } = first.json<{ problemId: string }>();
  for (const id of troubleIds.slice(1)) {
    expect((await staff.post(`/api/v1/troubles/${id}/link`, { problemId })).statusCode).toBe(200);
  }
  return problemId;
}

beforeAll(async () => {
  database = await createTestDatabase();
  built = await buildTestApp(database);
  world = await buildWorld(database.db);
  const users = await buildStaffSet(database.db, world);
  const other = await buildCommunity(database.db, world.county.id, Date.now(), 'OH');
  const o = await buildUser(database.db, {
    role: 'staff',
    countyId: world.county.id,
    communityId: other.id,
  });
  staff = await login(built.app, users.staff.username);
  otherStaff = await login(built.app, o.username);
  dept = await login(built.app, users.department.username);
  worker = await login(built.app, users.worker.username);
  // One person (same phone) reports the same thing three times …
  const mine: string[] = [];
  for (const body of ['宿舍热水器坏了。', '宿舍热水器还是坏的。', '热水器坏了一周了。']) {
    const res = await staff.post('/api/v1/troubles', {
      enterpriseId: world.enterprise.id,
      body,
      channel: 'visit',
      anonymous: false,
      reporterName: '李四',
      reporterPhone: '13800138000',
    });
    expect(res.statusCode).toBe(201);
    mine.push(res.json<{ id: string }>().id);
  }
  repeated = await linkAll(mine, '宿舍热水器坏了');
  // … while two different people report another.
  const anon = anonymousClient(built.app);
  const theirs: string[] = [];
  for (const body of ['食堂饭菜太贵了。', '食堂的菜价格又涨了。']) {
    const res = await anon.post('/api/v1/troubles', {
      enterpriseId: world.enterprise.id,
      body,
      channel: 'qr',
    });
    theirs.push(res.json<{ id: string }>().id);
  }
  shared = await linkAll(theirs, '食堂饭菜贵');
});
afterAll(async () => {
  await built.app.close();
  await database.destroy();
});

const month = () => localDay(Date.now()).slice(0, 7);

describe('GET /indices/hot-problems', () => {
  it('ranks by distinct reporters: one person’s repeated reports count once', async () => {
    const res = await staff.get(`/api/v1/indices/hot-problems?month=${month()}`);
    expect(res.statusCode).toBe(200);
    const { items } = res.json<Hot>();
    expect(items.map((i) => i.problemId)).toEqual([shared, repeated]);
    expect(items[0]).toMatchObject({ rank: 1, reporters: 2, messages: 2 });
    expect(items[1]).toMatchObject({ rank: 2, reporters: 1, messages: 3 });
    expect(items[1]!.enterprises[0]).toMatchObject({ id: world.enterprise.id, troubles: 3 });
    expect(items[0]!.communityName).toBe(world.community.name);
    const top = await staff.get(`/api/v1/indices/hot-problems?month=${month()}&limit=1`);
    expect(top.json<Hot>().items).toHaveLength(1);
  });

  it('keeps to the caller’s scope', async () => {
    const foreign = await otherStaff.get(
      `/api/v1/indices/hot-problems?community=${world.community.id}&month=${month()}`,
    );
    expect(foreign.statusCode).toBe(404);
    expect(foreign.headers['content-type']).toContain('application/problem+json');
    const own = await otherStaff.get(`/api/v1/indices/hot-problems?month=${month()}`);
    expect(own.json<Hot>().items).toEqual([]);
    // A department sees only problems assigned to it.
    expect(
      (await dept.get(`/api/v1/indices/hot-problems?month=${month()}`)).json<Hot>().items,
    ).toEqual([]);
    expect((await worker.get('/api/v1/indices/hot-problems')).statusCode).toBe(403);
    expect((await staff.get('/api/v1/indices/hot-problems?limit=0')).statusCode).toBe(400);
  });
});
