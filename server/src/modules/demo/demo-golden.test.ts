import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { anonymousClient, buildTestApp, login } from '../../../test/build-test-app';
import { createTestDatabase, type TestDatabase } from '../../../test/test-db';
import type { BuiltApp } from '../../app';
import { systemClock } from '../../shared/clock';
import { DEMO_USERS, isDatabaseEmpty, loadDemo } from './index';

let database: TestDatabase;
let built: BuiltApp;

beforeAll(async () => {
  database = await createTestDatabase();
  built = await buildTestApp(database);
  expect(await isDatabaseEmpty(database.db)).toBe(true);
  await loadDemo(database, systemClock, { fieldKey: built.deps.config.fieldKey });
}, 120_000);
afterAll(async () => {
  await built.app.close();
  await database.destroy();
});

async function baohuaId() {
  return (
    await database.db
      .selectFrom('communities')
      .select('id')
      .where('slug', '=', 'baohua')
      .executeTakeFirstOrThrow()
  ).id;
}

/** Troubles of 宝华 per first-level category code, read back from the stored records. */
async function countsByTopCategory(communityId: string) {
  const rows = await database.db
    .selectFrom('troubles')
    .innerJoin('categories as leaf', 'leaf.id', 'troubles.category_id')
    .innerJoin('categories as top', 'top.id', 'leaf.parent_id')
    .select(['top.code as code'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('troubles.community_id', '=', communityId)
    .groupBy('top.code')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.code, Number(r.n)]));
}

describe('demo community 宝华工业社区 (golden figures of the article)', () => {
  it('stores 409 troubles from May to September 2023: 57 招工用工 (13.94 %) and 32 子女入学 (7.82 %)', async () => {
    const id = await baohuaId();
    const troubles = await database.db
      .selectFrom('troubles')
      .select(['received_at', 'category_id'])
      .where('community_id', '=', id)
      .execute();
    expect(troubles).toHaveLength(409);
    expect(troubles.every((t) => t.category_id !== null)).toBe(true);
    const min = Math.min(...troubles.map((t) => t.received_at));
    const max = Math.max(...troubles.map((t) => t.received_at));
    expect(min).toBeGreaterThanOrEqual(Date.parse('2023-05-01T00:00:00+08:00'));
    expect(max).toBeLessThan(Date.parse('2023-10-01T00:00:00+08:00'));
    const counts = await countsByTopCategory(id);
    expect(counts.recruitment).toBe(57);
    expect(counts.schooling).toBe(32);
    expect(((counts.recruitment! / 409) * 100).toFixed(2)).toBe('13.94');
    expect(((counts.schooling! / 409) * 100).toFixed(2)).toBe('7.82');
  });

  it('groups them into 43 problems of which 38 are resolved (办结)', async () => {
    const id = await baohuaId();
    const problems = await database.db
      .selectFrom('problems')
      .select(['id', 'status', 'category_id'])
      .where('community_id', '=', id)
      .execute();
    expect(problems).toHaveLength(43);
    expect(
      problems.filter((p) => ['resolved', 'replied', 'closed'].includes(p.status)),
    ).toHaveLength(38);
    // Every trouble not solved on the spot belongs to a problem of the same first-level category.
    const orphans = await database.db
      .selectFrom('troubles')
      .select('id')
      .where('community_id', '=', id)
      .where('status', '!=', 'resolved_on_spot')
      .where('problem_id', 'is', null)
      .execute();
    expect(orphans).toEqual([]);
    const mismatched = await database.db
      .selectFrom('troubles')
      .innerJoin('problems', 'problems.id', 'troubles.problem_id')
      .innerJoin('categories as tc', 'tc.id', 'troubles.category_id')
      .innerJoin('categories as pc', 'pc.id', 'problems.category_id')
      .select('troubles.id')
      .whereRef('tc.parent_id', '!=', 'pc.parent_id')
      .execute();
    expect(mismatched).toEqual([]);
  });

  it('keeps a consistent timeline: one receive event per trouble, a create event per problem', async () => {
    const receives = await database.db
      .selectFrom('events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('action', '=', 'receive')
      .executeTakeFirstOrThrow();
    const troubles = await database.db
      .selectFrom('troubles')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(receives.n)).toBe(Number(troubles.n));
    const creates = await database.db
      .selectFrom('events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('entity_type', '=', 'problem')
      .where('action', '=', 'create')
      .executeTakeFirstOrThrow();
    const problems = await database.db
      .selectFrom('problems')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(creates.n)).toBe(Number(problems.n));
  });

  it('has 140 enterprises and working demo logins for every role', async () => {
    const id = await baohuaId();
    const enterprises = await database.db
      .selectFrom('enterprises')
      .select('id')
      .where('community_id', '=', id)
      .execute();
    expect(enterprises).toHaveLength(140);
    const roles = new Set(DEMO_USERS.map((u) => u.role));
    expect([...roles].sort()).toEqual([
      'admin',
      'auditor',
      'department',
      'enterprise',
      'staff',
      'supervisor',
      'worker',
    ]);
    for (const role of roles) {
      const user = DEMO_USERS.find((u) => u.role === role)!;
      const client = await login(built.app, user.username, user.password);
      expect(
        (await client.get('/api/v1/auth/session')).json<{ user: { role: string } }>().user.role,
      ).toBe(role);
    }
  });

  it('serves the demo through the API: the staff queue, a problem with its timeline, tracking by code', async () => {
    const staffUser =
      DEMO_USERS.find((u) => u.role === 'staff' && u.username === 'baohua1') ??
      DEMO_USERS.find((u) => u.role === 'staff')!;
    const staff = await login(built.app, staffUser.username, staffUser.password);
    const queue = await staff.get('/api/v1/problems?status=open,dispatched,in_progress');
    const active = queue.json<{ items: { id: string; overdueKind: string | null }[] }>().items;
    expect(active).toHaveLength(5);
    const detail = await staff.get(`/api/v1/problems/${active[0]!.id}`);
    expect(detail.statusCode).toBe(200);
    const troubles = await staff.get('/api/v1/troubles?limit=5');
    expect(troubles.statusCode).toBe(200);
    const first = await staff.get(
      `/api/v1/troubles/${troubles.json<{ items: { id: string }[] }>().items[0]!.id}`,
    );
    expect(first.statusCode).toBe(200);
    const code = first.json<{ code: string }>().code;
    expect((await anonymousClient(built.app).get(`/api/v1/track/${code}`)).statusCode).toBe(200);
    const tongmuStaff = DEMO_USERS.find((u) => u.role === 'staff' && u.scope.includes('桐木'));
    if (tongmuStaff) {
      const other = await login(built.app, tongmuStaff.username, tongmuStaff.password);
      expect((await other.get(`/api/v1/problems/${active[0]!.id}`)).statusCode).toBe(404);
    }
  });
});
