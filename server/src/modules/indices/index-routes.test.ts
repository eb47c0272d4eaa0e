import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type {
  ScreenData,
  ThreeRates,
  TroubleIndex,
  TroubleTrend,
} from '../../../../common/indices-types';
import { anonymousClient, buildTestApp, type Client, login } from '../../../test/build-test-app';
import { createTestDatabase, type TestDatabase } from '../../../test/test-db';
import type { BuiltApp } from '../../app';
import { systemClock } from '../../shared/clock';
import { DEMO_SCREEN_TOKEN, DEMO_USERS, loadDemo } from '../demo';

let database: TestDatabase;
let built: BuiltApp;
let staff: Client;
let supervisor: Client;

const user = (name: string) => DEMO_USERS.find((u) => u.username === name)!;

beforeAll(async () => {
  database = await createTestDatabase();
  built = await buildTestApp(database);
  await loadDemo(database, systemClock, { fieldKey: built.deps.config.fieldKey });
  staff = await login(built.app, 'baohua1', user('baohua1').password);
  supervisor = await login(built.app, 'tiexinban', user('tiexinban').password);
}, 120_000);
afterAll(async () => {
  await built.app.close();
  await database.destroy();
});

const RANGE = 'from=2023-05-01&to=2023-10-01';

describe('GET /api/v1/indices/trouble-index (golden figures of the article)', () => {
  it('shows 招工用工 13.94 % and 子女入学 7.82 % of 409 troubles, 43 problems of which 38 resolved', async () => {
    const res = await staff.get(`/api/v1/indices/trouble-index?community=baohua&${RANGE}`);
    expect(res.statusCode).toBe(200);
    const index = res.json<TroubleIndex>();
    expect(index.total).toBe(409);
    expect(index.categories.find((c) => c.code === 'recruitment')).toMatchObject({
      name: '招工用工',
      count: 57,
      share: 13.94,
      rank: 1,
    });
    expect(index.categories.find((c) => c.code === 'schooling')).toMatchObject({
      name: '子女入学',
      count: 32,
      share: 7.82,
    });
    expect(index.problems).toMatchObject({ total: 43, resolved: 38, overdue: 5 });
    const sum = index.categories.reduce((s, c) => s + c.count, 0) + index.unclassified.count;
    expect(sum).toBe(409);
    expect(index.period).toEqual({
      from: '2023-05-01',
      to: '2023-10-01',
      previousFrom: '2022-12-01',
      previousTo: '2023-05-01',
    });
  });

  it('compares a month with the previous one in percentage points', async () => {
    const sep = (
      await staff.get('/api/v1/indices/trouble-index?community=baohua&month=2023-09')
    ).json<TroubleIndex>();
    const aug = (
      await staff.get('/api/v1/indices/trouble-index?community=baohua&month=2023-08')
    ).json<TroubleIndex>();
    expect(sep.total).toBe(93);
    expect(sep.previousTotal).toBe(aug.total);
    for (const c of sep.categories) {
      const before = aug.categories.find((x) => x.code === c.code)!;
      expect(c.previousShare).toBe(before.share);
      expect(c.change).toBe(Math.round((c.share - before.share) * 100) / 100);
    }
  });

  it('counts a custom day range (partial months) exactly like the raw records', async () => {
    const index = (
      await staff.get(
        '/api/v1/indices/trouble-index?community=baohua&from=2023-05-10&to=2023-07-05',
      )
    ).json<TroubleIndex>();
    const baohua = await database.db
      .selectFrom('communities')
      .select('id')
      .where('slug', '=', 'baohua')
      .executeTakeFirstOrThrow();
    const raw = await database.db
      .selectFrom('troubles')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('community_id', '=', baohua.id)
      .where('received_at', '>=', Date.parse('2023-05-10T00:00:00+08:00'))
      .where('received_at', '<', Date.parse('2023-07-05T00:00:00+08:00'))
      .executeTakeFirstOrThrow();
    expect(index.total).toBe(Number(raw.n));
    expect(index.period.previousFrom).toBe('2023-03-15');
  });

  it('filters by channel, enterprise and industry over whole months', async () => {
    const all = (
      await staff.get(`/api/v1/indices/trouble-index?community=baohua&${RANGE}`)
    ).json<TroubleIndex>();
    let sum = 0;
    for (const channel of [
      'online',
      'qr',
      'visit',
      'forum',
      'survey',
      'hotline',
      'council',
      'grid',
    ]) {
      sum += (
        await staff.get(
          `/api/v1/indices/trouble-index?community=baohua&${RANGE}&channel=${channel}`,
        )
      ).json<TroubleIndex>().total;
    }
    expect(sum).toBe(all.total);
    const industry = await staff.get(
      `/api/v1/indices/trouble-index?community=baohua&${RANGE}&industry=${encodeURIComponent('线路板')}`,
    );
    expect(industry.statusCode).toBe(200);
    expect(industry.json<TroubleIndex>().total).toBeLessThan(all.total);
    const days = await staff.get(
      '/api/v1/indices/trouble-index?community=baohua&from=2023-05-03&to=2023-06-01&channel=visit',
    );
    expect(days.statusCode).toBe(400);
  });

  it('scopes: staff see their own community, supervisors the county, other communities are 404', async () => {
    const own = (await staff.get(`/api/v1/indices/trouble-index?${RANGE}`)).json<TroubleIndex>();
    expect(own.scope.communityName).toBe('宝华工业社区');
    const county = (
      await supervisor.get(`/api/v1/indices/trouble-index?county=true&${RANGE}`)
    ).json<TroubleIndex>();
    expect(county.scope.communityId).toBeNull();
    expect(county.total).toBeGreaterThanOrEqual(409);
    const tongmu = user('tongmu1');
    const other = await login(built.app, tongmu.username, tongmu.password);
    expect(
      (await other.get(`/api/v1/indices/trouble-index?community=baohua&${RANGE}`)).statusCode,
    ).toBe(404);
    expect(
      (
        await anonymousClient(built.app).get(
          `/api/v1/indices/trouble-index?community=baohua&${RANGE}`,
        )
      ).statusCode,
    ).toBe(401);
    const worker = await login(built.app, 'worker1', user('worker1').password);
    expect((await worker.get(`/api/v1/indices/trouble-index?${RANGE}`)).statusCode).toBe(403);
  });

  it('refuses bad periods with a 400 problem', async () => {
    for (const q of [
      'from=2023-02-30&to=2023-03-01',
      'from=2023-05-01',
      'month=2023-13',
      'from=2023-06-01&to=2023-05-01',
      'quarter=2023-Q5',
    ]) {
      const res = await staff.get(`/api/v1/indices/trouble-index?community=baohua&${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });
});

describe('trend, intensity, 三率, 幸福指数', () => {
  it('gives monthly totals that add up to the range', async () => {
    const trend = (
      await staff.get(`/api/v1/indices/trend?community=baohua&${RANGE}`)
    ).json<TroubleTrend>();
    expect(trend.months).toEqual(['2023-05', '2023-06', '2023-07', '2023-08', '2023-09']);
    expect(trend.totals).toEqual([62, 78, 85, 91, 93]);
    expect(
      trend.series.find((s) => s.code === 'recruitment')!.counts.reduce((a, b) => a + b, 0),
    ).toBe(57);
  });

  it('scores intensity between 0 and 100 and ranks departments and communities', async () => {
    const intensity = (
      await staff.get(`/api/v1/indices/intensity?community=baohua&${RANGE}`)
    ).json<{ categories: { intensity: number }[] }>();
    expect(intensity.categories.every((c) => c.intensity >= 0 && c.intensity <= 100)).toBe(true);
    expect(intensity.categories[0]!.intensity).toBeGreaterThan(0);
    const rates = (
      await supervisor.get(`/api/v1/indices/three-rates?county=true&${RANGE}`)
    ).json<ThreeRates>();
    expect(rates.departments.length).toBeGreaterThan(5);
    expect(rates.departments[0]!.rank).toBe(1);
    expect(rates.communities.find((c) => c.name === '宝华工业社区')).toMatchObject({
      problems: 43,
      resolutionRate: 88.37,
    });
    const happiness = (
      await staff.get(`/api/v1/indices/happiness?community=baohua&${RANGE}`)
    ).json<{ value: number; ratings: Record<string, number> }>();
    expect(happiness.value).toBeGreaterThan(50);
    expect(happiness.value).toBeLessThanOrEqual(100);
  });
});

describe('big screen', () => {
  it('serves the latest month with data to a valid display token only', async () => {
    const anon = anonymousClient(built.app);
    const res = await anon.get(`/api/v1/screen/baohua?token=${DEMO_SCREEN_TOKEN}`);
    expect(res.statusCode).toBe(200);
    const data = res.json<ScreenData>();
    expect(data.communityName).toBe('宝华工业社区');
    expect(data.month.period.from).toBe('2023-09-01');
    expect(data.range.categories.find((c) => c.code === 'recruitment')!.share).toBe(13.94);
    expect(data.recentlyResolved.length).toBeGreaterThan(0);
    expect((await anon.get('/api/v1/screen/baohua?token=wrong-token-123')).statusCode).toBe(404);
    expect((await anon.get(`/api/v1/screen/tongmu?token=${DEMO_SCREEN_TOKEN}`)).statusCode).toBe(
      404,
    );
  });
});
