import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  buildCommunity,
  buildDepartment,
  buildStaffSet,
  buildUser,
  buildWorld,
} from '../../../test/factories';
import { createTestDatabase, type TestDatabase } from '../../../test/test-db';
import { createTestServices } from '../../../test/test-services';
import { FakeClock } from '../../shared/clock';
import { AppError } from '../../shared/errors';

const HOUR = 3_600_000;
let database: TestDatabase;
let clock: FakeClock;
let sut: ReturnType<typeof createTestServices>;
let world: Awaited<ReturnType<typeof buildWorld>>;
let users: Awaited<ReturnType<typeof buildStaffSet>>;

beforeAll(async () => {
  clock = new FakeClock(Date.parse('2023-09-04T02:00:00Z')); // Monday 10:00 in Shangli
  database = await createTestDatabase({ clock });
  sut = createTestServices(database, clock);
  world = await buildWorld(database.db, clock.now());
  users = await buildStaffSet(database.db, world);
});
afterAll(async () => {
  await sut.deps.committer.close();
  await database.destroy();
});

async function report(text: string, extra: Record<string, unknown> = {}) {
  const { trouble } = await sut.intake({
    actor: users.staff.actor,
    body: {
      enterpriseId: world.enterprise.id,
      body: text,
      channel: 'visit',
      severity: 'minor',
      urgency: 'normal',
      workersAffected: 1,
      anonymous: false,
      attachmentIds: [],
      ...extra,
    },
  });
  return trouble;
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) {
      return `${e.status} ${e.code}`;
    }
    throw e;
  }
  return 'ok';
}

const status = async (id: string) =>
  (
    await database.db
      .selectFrom('problems')
      .select('status')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
  ).status;

describe('problem lifecycle', () => {
  it('runs open → dispatched → in_progress → resolved → closed, with a timeline entry per change', async () => {
    const t1 = await report('园区企业普工招不到人。', { workersAffected: 12 });
    const t2 = await report('试产前急招技工和文员。', { urgency: 'urgent' });
    const id = await sut.problems.createFromTroubles({
      actor: users.staff.actor,
      troubleIds: [t1.id, t2.id],
      title: '园区企业招工难',
    });
    const created = await database.db
      .selectFrom('problems')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(created.status).toBe('open');
    expect(created.priority).toBe('P1'); // 12 workers ⇒ major, one urgent ⇒ 重急
    expect(created.workers_affected).toBe(13);
    expect(created.coordination_due_at).toBe(created.received_at + 24 * HOUR);
    expect(created.resolution_due_at).toBe(created.received_at + 168 * HOUR);
    expect(created.code).toMatch(/^TS-P23-\d{4}$/);

    clock.advance(2 * HOUR);
    await sut.problems.dispatch({
      actor: users.staff.actor,
      problemId: id,
      leadDepartmentId: world.department.id,
      cooperatingDepartmentIds: [],
    });
    expect(await status(id)).toBe('dispatched');
    await sut.problems.accept({ actor: users.department.actor, problemId: id });
    expect(await status(id)).toBe('in_progress');
    await sut.problems.note({
      actor: users.department.actor,
      problemId: id,
      text: '已联系就业局驿站',
      isPublic: true,
    });
    await sut.problems.answer({
      actor: users.department.actor,
      problemId: id,
      kind: 'resolve',
      text: '就业驿站组织专场招聘会，次日十余人面试。',
    });
    expect(await status(id)).toBe('resolved');
    await sut.problems.close({ actor: users.staff.actor, problemId: id });
    expect(await status(id)).toBe('closed');

    const p = await database.db
      .selectFrom('problems')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(p.coordinated_at).toBe(created.received_at + 2 * HOUR);
    expect(p.closed_at).not.toBeNull();
    const troubles = await database.db
      .selectFrom('troubles')
      .select('status')
      .where('problem_id', '=', id)
      .execute();
    expect(troubles.map((t) => t.status)).toEqual(['closed', 'closed']);
    const timeline = await sut.problems.read.timeline(users.staff.actor, id);
    expect(timeline.map((e) => e.action)).toEqual([
      'create',
      'dispatch',
      'accept',
      'publicNote',
      'resolve',
      'close',
    ]);
    expect(timeline[1]).toMatchObject({
      before: { status: 'open' },
      after: { status: 'dispatched' },
      actor: users.staff.actor.displayName,
    });

    // Illegal transitions leave everything as it was.
    expect(
      await codeOf(
        sut.problems.answer({
          actor: users.staff.actor,
          problemId: id,
          kind: 'resolve',
          text: '再次办结',
        }),
      ),
    ).toBe('409 INVALID_TRANSITION');
    expect(
      await codeOf(
        sut.problems.dispatch({
          actor: users.staff.actor,
          problemId: id,
          leadDepartmentId: world.department.id,
          cooperatingDepartmentIds: [],
        }),
      ),
    ).toBe('409 INVALID_TRANSITION');
    expect(await codeOf(sut.problems.close({ actor: users.staff.actor, problemId: id }))).toBe(
      '409 INVALID_TRANSITION',
    );
    expect((await sut.problems.read.timeline(users.staff.actor, id)).length).toBe(6);
  });

  it('hands back with a reason, then re-dispatches to another department', async () => {
    const other = await buildDepartment(database.db, world.county.id);
    const t = await report('孩子幼儿园插班难。');
    const id = await sut.problems.createFromTroubles({
      actor: users.staff.actor,
      troubleIds: [t.id],
      title: '幼儿园插班难',
    });
    await sut.problems.dispatch({
      actor: users.staff.actor,
      problemId: id,
      leadDepartmentId: world.department.id,
      cooperatingDepartmentIds: [],
    });
    await sut.problems.handBack({
      actor: users.department.actor,
      problemId: id,
      reason: '不属于本部门职责，应由教育局办理',
    });
    expect(await status(id)).toBe('open');
    await sut.problems.dispatch({
      actor: users.staff.actor,
      problemId: id,
      leadDepartmentId: other.id,
      cooperatingDepartmentIds: [],
    });
    const detail = await sut.problems.read.detail(users.staff.actor, id);
    expect(detail.departments.map((d) => [d.id, d.status])).toEqual([
      [world.department.id, 'handed_back'],
      [other.id, 'assigned'],
    ]);
    // The first department can no longer act on it.
    expect(
      await codeOf(sut.problems.accept({ actor: users.department.actor, problemId: id })),
    ).toBe('422 RULE_VIOLATION');
  });

  it('reopens once on dissatisfaction, then refers further dissatisfaction to supervisors', async () => {
    const t = await report('夜间看病难。');
    const id = await sut.problems.createFromTroubles({
      actor: users.staff.actor,
      troubleIds: [t.id],
      title: '职工夜间就医难',
    });
    await sut.problems.dispatch({
      actor: users.staff.actor,
      problemId: id,
      leadDepartmentId: world.department.id,
      cooperatingDepartmentIds: [],
    });
    await sut.problems.answer({
      actor: users.department.actor,
      problemId: id,
      kind: 'resolve',
      text: '医务室增设夜间值班。',
    });
    await sut.problems.close({ actor: users.staff.actor, problemId: id });

    expect(
      await sut.satisfaction.rateByCode(t.code, {
        rating: 'dissatisfied',
        comment: '值班医生经常不在',
      }),
    ).toEqual({ reopened: true });
    const reopened = await database.db
      .selectFrom('problems')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(reopened.status).toBe('dispatched');
    expect(reopened.reopen_count).toBe(1);
    expect(reopened.resolution_due_at).toBe(clock.now() + 168 * HOUR);
    expect(
      (
        await database.db
          .selectFrom('troubles')
          .select('status')
          .where('id', '=', t.id)
          .executeTakeFirstOrThrow()
      ).status,
    ).toBe('linked');

    // A second rating in the same round is refused.
    expect(
      await codeOf(sut.satisfaction.rateByCode(t.code, { rating: 'satisfied', comment: null })),
    ).toBe('422 RULE_VIOLATION');

    await sut.problems.answer({
      actor: users.department.actor,
      problemId: id,
      kind: 'resolve',
      text: '排班表公示并电话回访。',
    });
    await sut.problems.close({ actor: users.staff.actor, problemId: id });
    expect(
      await sut.satisfaction.rateByCode(t.code, { rating: 'dissatisfied', comment: null }),
    ).toEqual({ reopened: false });
    expect(await status(id)).toBe('closed');
    const note = await database.db
      .selectFrom('notifications')
      .selectAll()
      .where('user_id', '=', users.supervisor.id)
      .where('kind', '=', 'problem.dissatisfied')
      .execute();
    expect(note).toHaveLength(1);
    expect(
      await codeOf(
        sut.problems.reopen({ actor: users.staff.actor, problemId: id, reason: '再次重办' }),
      ),
    ).toBe('422 RULE_VIOLATION');
  });

  it('refuses a rating before the answer', async () => {
    const t = await report('宿舍没有热水。');
    await sut.problems.createFromTroubles({
      actor: users.staff.actor,
      troubleIds: [t.id],
      title: '宿舍热水',
    });
    expect(
      await codeOf(sut.satisfaction.rateByCode(t.code, { rating: 'satisfied', comment: null })),
    ).toBe('422 RULE_VIOLATION');
  });

  it('links troubles to an existing problem, merges and splits, recording every move', async () => {
    const [a, b, c, d] = [
      await report('公交班次少'),
      await report('下班没有公交'),
      await report('班车不准时'),
      await report('路灯不亮'),
    ];
    const p1 = await sut.problems.createFromTroubles({
      actor: users.staff.actor,
      troubleIds: [a.id],
      title: '园区公交班次少',
    });
    await sut.problems.linkTrouble({ actor: users.staff.actor, troubleId: b.id, problemId: p1 });
    const p2 = await sut.problems.createFromTroubles({
      actor: users.staff.actor,
      troubleIds: [c.id, d.id],
      title: '通勤班车',
    });
    await sut.problems.merge({ actor: users.staff.actor, sourceId: p2, targetId: p1 });
    expect(await status(p2)).toBe('merged');
    const inP1 = await database.db
      .selectFrom('troubles')
      .select('id')
      .where('problem_id', '=', p1)
      .execute();
    expect(inP1.map((x) => x.id).sort()).toEqual([a.id, b.id, c.id, d.id].sort());

    const p3 = await sut.problems.split({
      actor: users.staff.actor,
      problemId: p1,
      troubleIds: [d.id],
      title: '园区路灯不亮',
    });
    expect(
      (
        await database.db
          .selectFrom('troubles')
          .select('problem_id')
          .where('id', '=', d.id)
          .executeTakeFirstOrThrow()
      ).problem_id,
    ).toBe(p3);
    expect(
      await codeOf(
        sut.problems.split({
          actor: users.staff.actor,
          problemId: p1,
          troubleIds: [a.id, b.id, c.id],
          title: '全部拆走',
        }),
      ),
    ).toBe('422 RULE_VIOLATION');
    expect(
      await codeOf(sut.problems.merge({ actor: users.staff.actor, sourceId: p1, targetId: p1 })),
    ).toBe('422 RULE_VIOLATION');
    expect(
      await codeOf(
        sut.problems.linkTrouble({ actor: users.staff.actor, troubleId: a.id, problemId: p3 }),
      ),
    ).toBe('422 RULE_VIOLATION');
    const dEvents = await database.db
      .selectFrom('events')
      .select('action')
      .where('entity_id', '=', d.id)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    expect(dEvents.map((e) => e.action)).toEqual(['receive', 'link', 'moveByMerge', 'moveBySplit']);
  });

  it('moves the deadline only when a supervisor approves an extension', async () => {
    const t = await report('职业病体检要去市里。');
    const id = await sut.problems.createFromTroubles({
      actor: users.staff.actor,
      troubleIds: [t.id],
      title: '职业病体检需往返市区',
    });
    await sut.problems.dispatch({
      actor: users.staff.actor,
      problemId: id,
      leadDepartmentId: world.department.id,
      cooperatingDepartmentIds: [],
    });
    const before = await database.db
      .selectFrom('problems')
      .select('resolution_due_at')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(
      await codeOf(
        sut.problems.extensions.request({
          actor: users.department.actor,
          problemId: id,
          requestedDueAt: before.resolution_due_at - 1,
          reason: '需协调市里机构',
        }),
      ),
    ).toBe('422 RULE_VIOLATION');
    const extId = await sut.problems.extensions.request({
      actor: users.department.actor,
      problemId: id,
      requestedDueAt: before.resolution_due_at + 72 * HOUR,
      reason: '需协调市里体检机构',
    });
    expect(
      await codeOf(
        sut.problems.extensions.request({
          actor: users.department.actor,
          problemId: id,
          requestedDueAt: before.resolution_due_at + 96 * HOUR,
          reason: '再申请',
        }),
      ),
    ).toBe('422 RULE_VIOLATION');
    await sut.problems.extensions.decide({
      actor: users.supervisor.actor,
      extensionId: extId,
      approve: true,
      note: '同意',
    });
    const after = await database.db
      .selectFrom('problems')
      .select('resolution_due_at')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(after.resolution_due_at).toBe(before.resolution_due_at + 72 * HOUR);
    expect(
      await codeOf(
        sut.problems.extensions.decide({
          actor: users.supervisor.actor,
          extensionId: extId,
          approve: false,
        }),
      ),
    ).toBe('422 RULE_VIOLATION');
  });

  it('runs a supervision order from issue to close', async () => {
    const t = await report('拖欠工资两个月。', { severity: 'major', urgency: 'urgent' });
    const id = await sut.problems.createFromTroubles({
      actor: users.staff.actor,
      troubleIds: [t.id],
      title: '某企业拖欠工资',
    });
    await sut.problems.dispatch({
      actor: users.staff.actor,
      problemId: id,
      leadDepartmentId: world.department.id,
      cooperatingDepartmentIds: [],
    });
    const orderId = await sut.problems.supervision.issue({
      actor: users.supervisor.actor,
      problemId: id,
      reason: '群众反映强烈',
      demand: '三日内反馈进展',
      dueAt: clock.now() + 72 * HOUR,
    });
    await sut.problems.supervision.respond({
      actor: users.department.actor,
      orderId,
      response: '已约谈企业，本周内发放。',
    });
    await sut.problems.supervision.close({ actor: users.supervisor.actor, orderId });
    expect(
      await codeOf(
        sut.problems.supervision.respond({
          actor: users.department.actor,
          orderId,
          response: '补充',
        }),
      ),
    ).toBe('422 RULE_VIOLATION');
    const orders = await sut.problems.read.supervisionOrders(users.supervisor.actor);
    expect(orders.find((o) => o.id === orderId)?.status).toBe('closed');
    const deptNotes = await database.db
      .selectFrom('notifications')
      .select('kind')
      .where('user_id', '=', users.department.id)
      .where('kind', '=', 'supervision.issued')
      .execute();
    expect(deptNotes).toHaveLength(1);
  });
});

describe('scoping', () => {
  it('hides another community’s problems and troubles from staff (404) and unassigned departments', async () => {
    const otherCommunity = await buildCommunity(database.db, world.county.id, clock.now(), 'OT');
    const otherStaff = await buildUser(database.db, {
      role: 'staff',
      countyId: world.county.id,
      communityId: otherCommunity.id,
    });
    const otherDept = await buildDepartment(database.db, world.county.id);
    const deptUser = await buildUser(database.db, {
      role: 'department',
      countyId: world.county.id,
      departmentId: otherDept.id,
    });
    const t = await report('食堂卫生差。');
    const id = await sut.problems.createFromTroubles({
      actor: users.staff.actor,
      troubleIds: [t.id],
      title: '食堂卫生',
    });

    for (const actor of [
      otherStaff.actor,
      deptUser.actor,
      users.worker.actor,
      users.enterprise.actor,
    ]) {
      expect(await codeOf(sut.problems.read.detail(actor, id))).toBe('404 NOT_FOUND');
      expect(
        await codeOf(
          sut.problems.dispatch({
            actor,
            problemId: id,
            leadDepartmentId: otherDept.id,
            cooperatingDepartmentIds: [],
          }),
        ),
      ).toBe('404 NOT_FOUND');
      expect(await codeOf(sut.problems.close({ actor, problemId: id }))).toBe('404 NOT_FOUND');
      expect(
        (await sut.problems.read.queue(actor, { limit: 200, offset: 0 }, clock.now())).some(
          (p) => p.id === id,
        ),
      ).toBe(false);
    }
    expect(await codeOf(sut.troubles.get(otherStaff.actor, t.id))).toBe('404 NOT_FOUND');
    expect(await codeOf(sut.troubles.triage(otherStaff.actor, t.id, { severity: 'major' }))).toBe(
      '404 NOT_FOUND',
    );
    expect(
      (await sut.troubles.list(otherStaff.actor, { limit: 200, offset: 0 })).some(
        (x) => x.id === t.id,
      ),
    ).toBe(false);
    expect(
      await codeOf(
        sut.intake({
          actor: otherStaff.actor,
          body: {
            enterpriseId: world.enterprise.id,
            body: '越权代报',
            channel: 'visit',
            severity: 'minor',
            urgency: 'normal',
            workersAffected: 1,
            anonymous: true,
            attachmentIds: [],
          },
        }),
      ),
    ).toBe('404 NOT_FOUND');
    // The supervisor of the county and the enterprise contact (for its own trouble) do see it.
    expect((await sut.problems.read.detail(users.supervisor.actor, id)).id).toBe(id);
    expect((await sut.troubles.get(users.enterprise.actor, t.id)).id).toBe(t.id);
  });
});

describe('work queue order', () => {
  it('sorts by priority, then by the nearest open deadline', async () => {
    const community = await buildCommunity(database.db, world.county.id, clock.now(), 'QU');
    const staff = await buildUser(database.db, {
      role: 'staff',
      countyId: world.county.id,
      communityId: community.id,
    });
    const make = async (
      title: string,
      severity: 'minor' | 'major',
      urgency: 'normal' | 'urgent',
      offsetHours: number,
    ) => {
      const { trouble } = await sut.intake({
        actor: staff.actor,
        body: {
          communityId: community.id,
          body: title,
          channel: 'visit',
          severity,
          urgency,
          workersAffected: 1,
          anonymous: true,
          attachmentIds: [],
          receivedAt: clock.now() - offsetHours * HOUR,
        },
      });
      return sut.problems.createFromTroubles({
        actor: staff.actor,
        troubleIds: [trouble.id],
        title,
      });
    };
    const p4 = await make('轻缓', 'minor', 'normal', 1);
    const p1late = await make('重急-新', 'major', 'urgent', 1);
    const p1early = await make('重急-旧', 'major', 'urgent', 5);
    const p3 = await make('轻急', 'minor', 'urgent', 1);
    const queue = await sut.problems.read.queue(staff.actor, { limit: 50, offset: 0 }, clock.now());
    expect(queue.map((q) => q.id)).toEqual([p1early, p1late, p3, p4]);
  });
});
