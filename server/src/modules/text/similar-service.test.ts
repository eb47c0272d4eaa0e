import { beforeAll, describe, expect, it } from 'vitest';

import { buildCommunity, buildEnterprise, buildUser, type TestUser } from '../../../test/factories';
import { useServiceWorld } from '../../../test/service-world';
import { AppError } from '../../shared/errors';
import { createProblemService } from '../problems';
import { createSimilarService, type SimilarService } from './similar-service';

const ctx = useServiceWorld('2023-09-04T02:00:00Z');
let similar: SimilarService;
let problems: ReturnType<typeof createProblemService>;
let otherStaff: TestUser;
let otherEnterpriseId: string;

async function report(text: string, actor = ctx.users.staff.actor, enterpriseId?: string) {
  const { trouble } = await ctx.sut.intake({
    actor,
    body: {
      enterpriseId: enterpriseId ?? ctx.world.enterprise.id,
      body: text,
      channel: 'visit',
      severity: 'minor',
      urgency: 'normal',
      workersAffected: 1,
      anonymous: false,
      attachmentIds: [],
    },
  });
  return trouble;
}

async function problemOf(text: string, title: string, actor = ctx.users.staff.actor, ent?: string) {
  const t = await report(text, actor, ent);
  return problems.createFromTroubles({ actor, troubleIds: [t.id], title });
}

beforeAll(async () => {
  // Sync by updated_at on every query here: the tests also write behind the service's back.
  similar = createSimilarService({ db: ctx.database.db, syncIntervalMs: 0 });
  problems = createProblemService({
    ...ctx.sut.deps,
    onProblemsChanged: (ids) => similar.problemsChanged(ids),
  });
  const other = await buildCommunity(ctx.database.db, ctx.world.county.id, ctx.clock.now(), 'OT');
  otherEnterpriseId = (await buildEnterprise(ctx.database.db, other.id)).id;
  otherStaff = await buildUser(ctx.database.db, {
    role: 'staff',
    countyId: ctx.world.county.id,
    communityId: other.id,
  });
  await problemOf('园区食堂饭菜价格太贵，品种少，希望改善伙食。', '食堂饭菜贵品种少');
  await problemOf('子女入学难，外地职工孩子在园区附近学校报不上名。', '外地职工子女入学难');
});

describe('similar problems', () => {
  it('suggests a just-created problem for a new trouble about the same thing', async () => {
    const id = await problemOf(
      '公司拖欠工资三个月了，工人多次讨要无果，希望帮助追讨欠薪。',
      '丰达兴拖欠工资三个月',
    );
    const t = await report('我们厂已经三个月没发工资了，老板一直拖欠，请帮忙讨要工资。');
    const list = await similar.suggestForTrouble(ctx.users.staff.actor, t.id, 5);
    expect(list[0]).toMatchObject({ problemId: id, title: '丰达兴拖欠工资三个月', status: 'open' });
    expect(list[0]!.score).toBeGreaterThan(0.2);
    // Unrelated problems, if listed at all, rank lower.
    expect(list.slice(1).every((s) => s.score < list[0]!.score)).toBe(true);
  });

  it('drops a problem once it is closed', async () => {
    const id = await problemOf('宿舍热水器坏了一个星期，洗不了热水澡。', '宿舍热水器坏了');
    const t = await report('宿舍的热水器又坏了，没有热水洗澡。');
    expect((await similar.suggestForTrouble(ctx.users.staff.actor, t.id, 3))[0]?.problemId).toBe(
      id,
    );
    await problems.answer({
      actor: ctx.users.staff.actor,
      problemId: id,
      kind: 'resolve',
      text: '已联系物业更换热水器。',
    });
    await problems.close({ actor: ctx.users.staff.actor, problemId: id });
    const after = await similar.suggestForTrouble(ctx.users.staff.actor, t.id, 3);
    expect(after.map((s) => s.problemId)).not.toContain(id);
  });

  it('moves a merged problem’s weight to the target and never suggests the merged one', async () => {
    const a = await problemOf('园区公交车班次太少，下班等车要一个小时。', '公交班次少');
    const b = await problemOf('下班后公交车很久才来一班，等车时间太长。', '等公交时间长');
    await problems.merge({ actor: ctx.users.staff.actor, sourceId: b, targetId: a });
    const t = await report('公交车班次少，下班等车太久了。');
    const ids = (await similar.suggestForTrouble(ctx.users.staff.actor, t.id, 5)).map(
      (s) => s.problemId,
    );
    expect(ids[0]).toBe(a);
    expect(ids).not.toContain(b);
  });

  it("never suggests another community's problem, and hides troubles out of scope", async () => {
    const foreign = await problemOf(
      '厂区门口路灯坏了，晚上下班路上一片漆黑。',
      '厂区门口路灯坏了',
      otherStaff.actor,
      otherEnterpriseId,
    );
    const mine = await report('厂区门口的路灯坏了，晚上下班路很黑。');
    const list = await similar.suggestForTrouble(ctx.users.staff.actor, mine.id, 10);
    expect(list.map((s) => s.problemId)).not.toContain(foreign);
    const theirs = await report(
      '门口路灯不亮了，夜班工人回家看不清路。',
      otherStaff.actor,
      otherEnterpriseId,
    );
    expect((await similar.suggestForTrouble(otherStaff.actor, theirs.id, 3))[0]?.problemId).toBe(
      foreign,
    );
    await expect(similar.suggestForTrouble(ctx.users.staff.actor, theirs.id, 3)).rejects.toSatisfy(
      (e) => e instanceof AppError && e.status === 404,
    );
    // Free-text search: staff see their community only; the county's admin sees both.
    const staffHits = await similar.searchText(ctx.users.staff.actor, '路灯坏了 晚上很黑', 10);
    expect(staffHits.map((s) => s.problemId)).not.toContain(foreign);
    const adminHits = await similar.searchText(ctx.users.admin.actor, '路灯坏了 晚上很黑', 10);
    expect(adminHits.map((s) => s.problemId)).toContain(foreign);
  });

  it('catches up with problems written by another instance (updated_at watermark)', async () => {
    const elsewhere = createProblemService(ctx.sut.deps); // no hook: like another server
    const t = await report('车间噪音太大，耳朵嗡嗡响，没有发耳塞。');
    const id = await elsewhere.createFromTroubles({
      actor: ctx.users.staff.actor,
      troubleIds: [t.id],
      title: '车间噪音大无防护',
    });
    const probe = await report('车间里噪音非常大，公司也不发耳塞。');
    expect(
      (await similar.suggestForTrouble(ctx.users.staff.actor, probe.id, 3))[0]?.problemId,
    ).toBe(id);
  });

  it('builds a large community in the background: indexing first, then suggestions', async () => {
    // Every community counts as large here, so no query waits for a build.
    const background = createSimilarService({
      db: ctx.database.db,
      syncIntervalMs: 0,
      waitForBuildMax: 0,
      buildPageSize: 2,
    });
    const writer = createProblemService({
      ...ctx.sut.deps,
      onProblemsChanged: (ids) => background.problemsChanged(ids),
    });
    const t = await report('仓库叉车没有年检，司机也没有上岗证。');
    const first = await background.suggest(ctx.users.staff.actor, t.id, 3);
    expect(first).toEqual({ items: [], indexing: true });
    // A problem written while the build runs is indexed once the build is done.
    const id = await writer.createFromTroubles({
      actor: ctx.users.staff.actor,
      troubleIds: [(await report('叉车没有年检，开叉车的人没有证。')).id],
      title: '叉车未年检无证驾驶',
    });
    await background.ready(ctx.world.community.id);
    const after = await background.suggest(ctx.users.staff.actor, t.id, 3);
    expect(after.indexing).toBe(false);
    expect(after.items[0]?.problemId).toBe(id);
    expect(background.stats()[ctx.world.community.id]).toMatchObject({ ready: true });
    await background.warm();
  });
});
