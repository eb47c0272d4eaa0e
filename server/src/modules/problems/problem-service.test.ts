import { describe, expect, it } from 'vitest';

import { buildCommunity, buildDepartment, buildUser } from '../../../test/factories';
import { useServiceWorld } from '../../../test/service-world';
import { AppError } from '../../shared/errors';

const HOUR = 3_600_000;

const ctx = useServiceWorld('2023-09-04T02:00:00Z');

async function report(text: string, extra: Record<string, unknown> = {}) {
  const { trouble } = await ctx.sut.intake({
    actor: ctx.users.staff.actor,
    body: {
      enterpriseId: ctx.world.enterprise.id,
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
    await ctx.database.db
      .selectFrom('problems')
      .select('status')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
  ).status;

describe('problem lifecycle', () => {
  it('runs open → dispatched → in_progress → resolved → closed, with a timeline entry per change', async () => {
    const t1 = await report('园区企业普工招不到人。', { workersAffected: 12 });
    const t2 = await report('试产前急招技工和文员。', { urgency: 'urgent' });
    const id = await ctx.sut.problems.createFromTroubles({
      actor: ctx.users.staff.actor,
      troubleIds: [t1.id, t2.id],
      title: '园区企业招工难',
    });
    const created = await ctx.database.db
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

    ctx.clock.advance(2 * HOUR);
    await ctx.sut.problems.dispatch({
      actor: ctx.users.staff.actor,
      problemId: id,
      leadDepartmentId: ctx.world.department.id,
      cooperatingDepartmentIds: [],
    });
    expect(await status(id)).toBe('dispatched');
    await ctx.sut.problems.accept({ actor: ctx.users.department.actor, problemId: id });
    expect(await status(id)).toBe('in_progress');
    await ctx.sut.problems.note({
      actor: ctx.users.department.actor,
      problemId: id,
      text: '已联系就业局驿站',
      isPublic: true,
    });
    await ctx.sut.problems.answer({
      actor: ctx.users.department.actor,
      problemId: id,
      kind: 'resolve',
      text: '就业驿站组织专场招聘会，次日十余人面试。',
    });
    expect(await status(id)).toBe('resolved');
    await ctx.sut.problems.close({ actor: ctx.users.staff.actor, problemId: id });
    expect(await status(id)).toBe('closed');

    const p = await ctx.database.db
      .selectFrom('problems')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(p.coordinated_at).toBe(created.received_at + 2 * HOUR);
    expect(p.closed_at).not.toBeNull();
    const troubles = await ctx.database.db
      .selectFrom('troubles')
      .select('status')
      .where('problem_id', '=', id)
      .execute();
    expect(troubles.map((t) => t.status)).toEqual(['closed', 'closed']);
    const timeline = await ctx.sut.problems.read.timeline(ctx.users.staff.actor, id);
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
      actor: ctx.users.staff.actor.displayName,
    });

    // Illegal transitions leave everything as it was.
    expect(
      await codeOf(
        ctx.sut.problems.answer({
          actor: ctx.users.staff.actor,
          problemId: id,
          kind: 'resolve',
          text: '再次办结',
        }),
      ),
    ).toBe('409 INVALID_TRANSITION');
    expect(
      await codeOf(
        ctx.sut.problems.dispatch({
          actor: ctx.users.staff.actor,
          problemId: id,
          leadDepartmentId: ctx.world.department.id,
          cooperatingDepartmentIds: [],
        }),
      ),
    ).toBe('409 INVALID_TRANSITION');
    expect(
      await codeOf(ctx.sut.problems.close({ actor: ctx.users.staff.actor, problemId: id })),
    ).toBe('409 INVALID_TRANSITION');
    expect((await ctx.sut.problems.read.timeline(ctx.users.staff.actor, id)).length).toBe(6);
  });

  it('hands back with a reason, then re-dispatches to another department', async () => {
    const other = await buildDepartment(ctx.database.db, ctx.world.county.id);
    const t = await report('孩子幼儿园插班难。');
    const id = await ctx.sut.problems.createFromTroubles({
      actor: ctx.users.staff.actor,
      troubleIds: [t.id],
      title: '幼儿园插班难',
    });
    await ctx.sut.problems.dispatch({
      actor: ctx.users.staff.actor,
      problemId: id,
      leadDepartmentId: ctx.world.department.id,
      cooperatingDepartmentIds: [],
    });
    await ctx.sut.problems.handBack({
      actor: ctx.users.department.actor,
      problemId: id,
      reason: '不属于本部门职责，应由教育局办理',
    });
    expect(await status(id)).toBe('open');
    await ctx.sut.problems.dispatch({
      actor: ctx.users.staff.actor,
      problemId: id,
      leadDepartmentId: other.id,
      cooperatingDepartmentIds: [],
    });
    const detail = await ctx.sut.problems.read.detail(ctx.users.staff.actor, id);
    expect(detail.departments.map((d) => [d.id, d.status])).toEqual([
      [ctx.world.department.id, 'handed_back'],
      [other.id, 'assigned'],
    ]);
    // The first department can no longer act on it.
    expect(
      await codeOf(ctx.sut.problems.accept({ actor: ctx.users.department.actor, problemId: id })),
    ).toBe('422 RULE_VIOLATION');
  });

  it('reopens once on dissatisfaction, then refers further dissatisfaction to supervisors', async () => {
    const t = await report('夜间看病难。');
    const id = await ctx.sut.problems.createFromTroubles({
      actor: ctx.users.staff.actor,
      troubleIds: [t.id],
      title: '职工夜间就医难',
    });
    await ctx.sut.problems.dispatch({
      actor: ctx.users.staff.actor,
      problemId: id,
      leadDepartmentId: ctx.world.department.id,
      cooperatingDepartmentIds: [],
    });
    await ctx.sut.problems.answer({
      actor: ctx.users.department.actor,
      problemId: id,
      kind: 'resolve',
      text: '医务室增设夜间值班。',
    });
    await ctx.sut.problems.close({ actor: ctx.users.staff.actor, problemId: id });

    expect(
      await ctx.sut.satisfaction.rateByCode(t.code, {
        rating: 'dissatisfied',
        comment: '值班医生经常不在',
      }),
    ).toEqual({ reopened: true });
    const reopened = await ctx.database.db
      .selectFrom('problems')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(reopened.status).toBe('dispatched');
    expect(reopened.reopen_count).toBe(1);
    expect(reopened.resolution_due_at).toBe(ctx.clock.now() + 168 * HOUR);
    expect(
      (
        await ctx.database.db
          .selectFrom('troubles')
          .select('status')
          .where('id', '=', t.id)
          .executeTakeFirstOrThrow()
      ).status,
    ).toBe('linked');

    // A second rating in the same round is refused.
    expect(
      await codeOf(ctx.sut.satisfaction.rateByCode(t.code, { rating: 'satisfied', comment: null })),
    ).toBe('422 RULE_VIOLATION');

    await ctx.sut.problems.answer({
      actor: ctx.users.department.actor,
      problemId: id,
      kind: 'resolve',
      text: '排班表公示并电话回访。',
    });
    await ctx.sut.problems.close({ actor: ctx.users.staff.actor, problemId: id });
    expect(
      await ctx.sut.satisfaction.rateByCode(t.code, { rating: 'dissatisfied', comment: null }),
    ).toEqual({ reopened: false });
    expect(await status(id)).toBe('closed');
    const note = await ctx.database.db
      .selectFrom('notifications')
      .selectAll()
      .where('user_id', '=', ctx.users.supervisor.id)
      .where('kind', '=', 'problem.dissatisfied')
      .execute();
    expect(note).toHaveLength(1);
    expect(
      await codeOf(
        ctx.sut.problems.reopen({
          actor: ctx.users.staff.actor,
          problemId: id,
          reason: '再次重办',
        }),
      ),
    ).toBe('422 RULE_VIOLATION');
  });

  it('refuses a rating before the answer', async () => {
    const t = await report('宿舍没有热水。');
    await ctx.sut.problems.createFromTroubles({
      actor: ctx.users.staff.actor,
      troubleIds: [t.id],
      title: '宿舍热水',
    });
    expect(
      await codeOf(ctx.sut.satisfaction.rateByCode(t.code, { rating: 'satisfied', comment: null })),
    ).toBe('422 RULE_VIOLATION');
  });

  it('links troubles to an existing problem, merges and splits, recording every move', async () => {
    const [a, b, c, d] = [
      await report('公交班次少'),
      await report('下班没有公交'),
      await report('班车不准时'),
      await report('路灯不亮'),
    ];
    const p1 = await ctx.sut.problems.createFromTroubles({
      actor: ctx.users.staff.actor,
      troubleIds: [a.id],
      title: '园区公交班次少',
    });
    await ctx.sut.problems.linkTrouble({
      actor: ctx.users.staff.actor,
      troubleId: b.id,
      problemId: p1,
    });
    const p2 = await ctx.sut.problems.createFromTroubles({
      actor: ctx.users.staff.actor,
      troubleIds: [c.id, d.id],
      title: '通勤班车',
    });
    await ctx.sut.problems.merge({ actor: ctx.users.staff.actor, sourceId: p2, targetId: p1 });
    expect(await status(p2)).toBe('merged');
    const inP1 = await ctx.database.db
      .selectFrom('troubles')
      .select('id')
      .where('problem_id', '=', p1)
      .execute();
    expect(inP1.map((x) => x.id).sort()).toEqual([a.id, b.id, c.id, d.id].sort());

    const p3 = await ctx.sut.problems.split({
      actor: ctx.users.staff.actor,
      problemId: p1,
      troubleIds: [d.id],
      title: '园区路灯不亮',
    });
    expect(
      (
        await ctx.database.db
          .selectFrom('troubles')
          .select('problem_id')
          .where('id', '=', d.id)
          .executeTakeFirstOrThrow()
      ).problem_id,
    ).toBe(p3);
    expect(
      await codeOf(
        ctx.sut.problems.split({
          actor: ctx.users.staff.actor,
          problemId: p1,
          troubleIds: [a.id, b.id, c.id],
          title: '全部拆走',
        }),
      ),
    ).toBe('422 RULE_VIOLATION');
    expect(
      await codeOf(
        ctx.sut.problems.merge({ actor: ctx.users.staff.actor, sourceId: p1, targetId: p1 }),
      ),
    ).toBe('422 RULE_VIOLATION');
    expect(
      await codeOf(
        ctx.sut.problems.linkTrouble({
          actor: ctx.users.staff.actor,
          troubleId: a.id,
          problemId: p3,
        }),
      ),
    ).toBe('422 RULE_VIOLATION');
    const dEvents = await ctx.database.db
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
    const id = await ctx.sut.problems.createFromTroubles({
      actor: ctx.users.staff.actor,
      troubleIds: [t.id],
      title: '职业病体检需往返市区',
    });
    await ctx.sut.problems.dispatch({
      actor: ctx.users.staff.actor,
      problemId: id,
      leadDepartmentId: ctx.world.department.id,
      cooperatingDepartmentIds: [],
    });
    const before = await ctx.database.db
      .selectFrom('problems')
      .select('resolution_due_at')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(
      await codeOf(
        ctx.sut.problems.extensions.request({
          actor: ctx.users.department.actor,
          problemId: id,
          requestedDueAt: before.resolution_due_at - 1,
          reason: '需协调市里机构',
        }),
      ),
    ).toBe('422 RULE_VIOLATION');
    const extId = await ctx.sut.problems.extensions.request({
      actor: ctx.users.department.actor,
      problemId: id,
      requestedDueAt: before.resolution_due_at + 72 * HOUR,
      reason: '需协调市里体检机构',
    });
    expect(
      await codeOf(
        ctx.sut.problems.extensions.request({
          actor: ctx.users.department.actor,
          problemId: id,
          requestedDueAt: before.resolution_due_at + 96 * HOUR,
          reason: '再申请',
        }),
      ),
    ).toBe('422 RULE_VIOLATION');
    await ctx.sut.problems.extensions.decide({
      actor: ctx.users.supervisor.actor,
      extensionId: extId,
      approve: true,
      note: '同意',
    });
    const after = await ctx.database.db
      .selectFrom('problems')
      .select('resolution_due_at')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(after.resolution_due_at).toBe(before.resolution_due_at + 72 * HOUR);
    expect(
      await codeOf(
        ctx.sut.problems.extensions.decide({
          actor: ctx.users.supervisor.actor,
          extensionId: extId,
          approve: false,
        }),
      ),
    ).toBe('422 RULE_VIOLATION');
  });

  it('runs a supervision order from issue to close', async () => {
    const t = await report('拖欠工资两个月。', { severity: 'major', urgency: 'urgent' });
    const id = await ctx.sut.problems.createFromTroubles({
      actor: ctx.users.staff.actor,
      troubleIds: [t.id],
      title: '某企业拖欠工资',
    });
    await ctx.sut.problems.dispatch({
      actor: ctx.users.staff.actor,
      problemId: id,
      leadDepartmentId: ctx.world.department.id,
      cooperatingDepartmentIds: [],
    });
    const orderId = await ctx.sut.problems.supervision.issue({
      actor: ctx.users.supervisor.actor,
      problemId: id,
      reason: '群众反映强烈',
      demand: '三日内反馈进展',
      dueAt: ctx.clock.now() + 72 * HOUR,
    });
    await ctx.sut.problems.supervision.respond({
      actor: ctx.users.department.actor,
      orderId,
      response: '已约谈企业，本周内发放。',
    });
    await ctx.sut.problems.supervision.close({ actor: ctx.users.supervisor.actor, orderId });
    expect(
      await codeOf(
        ctx.sut.problems.supervision.respond({
          actor: ctx.users.department.actor,
          orderId,
          response: '补充',
        }),
      ),
    ).toBe('422 RULE_VIOLATION');
    const orders = await ctx.sut.problems.read.supervisionOrders(ctx.users.supervisor.actor);
    expect(orders.find((o) => o.id === orderId)?.status).toBe('closed');
    const deptNotes = await ctx.database.db
      .selectFrom('notifications')
      .select('kind')
      .where('user_id', '=', ctx.users.department.id)
      .where('kind', '=', 'supervision.issued')
      .execute();
    expect(deptNotes).toHaveLength(1);
  });
});

describe('scoping', () => {
  it('hides another community’s problems and troubles from staff (404) and unassigned departments', async () => {
    const otherCommunity = await buildCommunity(
      ctx.database.db,
      ctx.world.county.id,
      ctx.clock.now(),
      'OT',
    );
    const otherStaff = await buildUser(ctx.database.db, {
      role: 'staff',
      countyId: ctx.world.county.id,
      communityId: otherCommunity.id,
    });
    const otherDept = await buildDepartment(ctx.database.db, ctx.world.county.id);
    const deptUser = await buildUser(ctx.database.db, {
      role: 'department',
      countyId: ctx.world.county.id,
      departmentId: otherDept.id,
    });
    const t = await report('食堂卫生差。');
    const id = await ctx.sut.problems.createFromTroubles({
      actor: ctx.users.staff.actor,
      troubleIds: [t.id],
      title: '食堂卫生',
    });

    for (const actor of [
      otherStaff.actor,
      deptUser.actor,
      ctx.users.worker.actor,
      ctx.users.enterprise.actor,
    ]) {
      expect(await codeOf(ctx.sut.problems.read.detail(actor, id))).toBe('404 NOT_FOUND');
      expect(
        await codeOf(
          ctx.sut.problems.dispatch({
            actor,
            problemId: id,
            leadDepartmentId: otherDept.id,
            cooperatingDepartmentIds: [],
          }),
        ),
      ).toBe('404 NOT_FOUND');
      expect(await codeOf(ctx.sut.problems.close({ actor, problemId: id }))).toBe('404 NOT_FOUND');
      expect(
        (await ctx.sut.problems.read.queue(actor, { limit: 200, offset: 0 }, ctx.clock.now())).some(
          (p) => p.id === id,
        ),
      ).toBe(false);
    }
    expect(await codeOf(ctx.sut.troubles.get(otherStaff.actor, t.id))).toBe('404 NOT_FOUND');
    expect(
      await codeOf(ctx.sut.troubles.triage(otherStaff.actor, t.id, { severity: 'major' })),
    ).toBe('404 NOT_FOUND');
    expect(
      (await ctx.sut.troubles.list(otherStaff.actor, { limit: 200, offset: 0 })).some(
        (x) => x.id === t.id,
      ),
    ).toBe(false);
    expect(
      await codeOf(
        ctx.sut.intake({
          actor: otherStaff.actor,
          body: {
            enterpriseId: ctx.world.enterprise.id,
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
    expect((await ctx.sut.problems.read.detail(ctx.users.supervisor.actor, id)).id).toBe(id);
    expect((await ctx.sut.troubles.get(ctx.users.enterprise.actor, t.id)).id).toBe(t.id);
  });
});

describe('work queue order', () => {
  it('sorts by priority, then by the nearest open deadline', async () => {
    const community = await buildCommunity(
      ctx.database.db,
      ctx.world.county.id,
      ctx.clock.now(),
      'QU',
    );
    const staff = await buildUser(ctx.database.db, {
      role: 'staff',
      countyId: ctx.world.county.id,
      communityId: community.id,
    });
    const make = async (
      title: string,
      severity: 'minor' | 'major',
      urgency: 'normal' | 'urgent',
      offsetHours: number,
    ) => {
      const { trouble } = await ctx.sut.intake({
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
          receivedAt: ctx.clock.now() - offsetHours * HOUR,
        },
      });
      return ctx.sut.problems.createFromTroubles({
        actor: staff.actor,
        troubleIds: [trouble.id],
        title,
      });
    };
    const p4 = await make('轻缓', 'minor', 'normal', 1);
    const p1late = await make('重急-新', 'major', 'urgent', 1);
    const p1early = await make('重急-旧', 'major', 'urgent', 5);
    const p3 = await make('轻急', 'minor', 'urgent', 1);
    const queue = await ctx.sut.problems.read.queue(
      staff.actor,
      { limit: 50, offset: 0 },
      ctx.clock.now(),
    );
    expect(queue.map((q) => q.id)).toEqual([p1early, p1late, p3, p4]);
  });
});
