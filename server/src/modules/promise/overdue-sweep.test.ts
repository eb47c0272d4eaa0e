import { describe, expect, it } from 'vitest';

import { useServiceWorld } from '../../../test/service-world';
import { createJobs, PERIODIC_JOBS } from '../../jobs';
import { sweepOverdue } from './overdue-sweep';

const HOUR = 3_600_000;

const ctx = useServiceWorld('2023-09-04T02:00:00Z');

async function newProblem(title: string) {
  const { trouble } = await ctx.sut.intake({
    actor: ctx.users.staff.actor,
    body: {
      enterpriseId: ctx.world.enterprise.id,
      body: title,
      channel: 'visit',
      severity: 'minor',
      urgency: 'normal',
      workersAffected: 1,
      anonymous: true,
      attachmentIds: [],
    },
  });
  return ctx.sut.problems.createFromTroubles({
    actor: ctx.users.staff.actor,
    troubleIds: [trouble.id],
    title,
  });
}

const escalations = (problemId: string) =>
  ctx.database.db
    .selectFrom('escalations')
    .selectAll()
    .where('problem_id', '=', problemId)
    .orderBy('level')
    .execute();
const overdueNotes = (userId: string, problemId: string) =>
  ctx.database.db
    .selectFrom('notifications')
    .selectAll()
    .where('user_id', '=', userId)
    .where('kind', '=', 'problem.overdue')
    .where('entity_id', '=', problemId)
    .execute();

describe('overdue escalation', () => {
  it('flags a missed coordination deadline once, even with two workers sweeping at the same moment', async () => {
    const id = await newProblem('园区路灯不亮');
    ctx.clock.advance(25 * HOUR);
    const jobsA = createJobs(ctx.sut.deps);
    const jobsB = createJobs(ctx.sut.deps);
    await Promise.all([
      sweepOverdue(ctx.database.db, ctx.clock.now()),
      sweepOverdue(ctx.database.db, ctx.clock.now()),
      jobsA.handlers['promise.overdue-sweep']!({}, { jobId: 'a', now: ctx.clock.now() }),
      jobsB.handlers['promise.overdue-sweep']!({}, { jobId: 'b', now: ctx.clock.now() }),
    ]);
    const rows = await escalations(id);
    expect(rows.map((r) => [r.kind, r.level])).toEqual([['coordination', 1]]);
    const p = await ctx.database.db
      .selectFrom('problems')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(p.overdue_kind).toBe('coordination');
    expect(await overdueNotes(ctx.users.supervisor.id, id)).toHaveLength(1);
    expect(await overdueNotes(ctx.users.staff.id, id)).toHaveLength(1);
    const events = await ctx.database.db
      .selectFrom('events')
      .select('action')
      .where('entity_id', '=', id)
      .where('action', '=', 'escalate')
      .execute();
    expect(events).toHaveLength(1);
  });

  it('repeats at the configured interval and catches up after an outage without duplicates', async () => {
    const id = await newProblem('宿舍漏雨');
    await ctx.sut.problems.dispatch({
      actor: ctx.users.staff.actor,
      problemId: id,
      leadDepartmentId: ctx.world.department.id,
      cooperatingDepartmentIds: [],
    });
    const p = await ctx.database.db
      .selectFrom('problems')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    ctx.clock.set(p.resolution_due_at + HOUR);
    await sweepOverdue(ctx.database.db, ctx.clock.now());
    expect((await escalations(id)).map((r) => r.level)).toEqual([1]);
    ctx.clock.advance(12 * HOUR);
    await sweepOverdue(ctx.database.db, ctx.clock.now());
    expect((await escalations(id)).map((r) => r.level)).toEqual([1]); // interval is 24 h
    ctx.clock.advance(12 * HOUR);
    await sweepOverdue(ctx.database.db, ctx.clock.now());
    expect((await escalations(id)).map((r) => r.level)).toEqual([1, 2]);

    // The scheduler is down for three days, then comes back: level 5 is reached now.
    ctx.clock.advance(3 * 24 * HOUR);
    await Promise.all([
      sweepOverdue(ctx.database.db, ctx.clock.now()),
      sweepOverdue(ctx.database.db, ctx.clock.now()),
    ]);
    await sweepOverdue(ctx.database.db, ctx.clock.now());
    const rows = await escalations(id);
    expect(rows.map((r) => [r.level, r.caught_up])).toEqual([
      [1, 0],
      [2, 0],
      [5, 1],
    ]);
    expect(await overdueNotes(ctx.users.supervisor.id, id)).toHaveLength(3);
    expect(
      (
        await ctx.database.db
          .selectFrom('problems')
          .select('escalation_level')
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).escalation_level,
    ).toBe(5);

    // Answering clears the flag; nothing escalates any more.
    await ctx.sut.problems.answer({
      actor: ctx.users.department.actor,
      problemId: id,
      kind: 'reply',
      text: '已答复：雨季后统一维修。',
    });
    ctx.clock.advance(48 * HOUR);
    await sweepOverdue(ctx.database.db, ctx.clock.now());
    expect(await escalations(id)).toHaveLength(3);
    expect(
      (
        await ctx.database.db
          .selectFrom('problems')
          .select('overdue_kind')
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).overdue_kind,
    ).toBeNull();
  });

  it('enqueues one sweep per missed slot only once across instances, then runs it once', async () => {
    const jobsA = createJobs(ctx.sut.deps);
    const jobsB = createJobs(ctx.sut.deps);
    await jobsA.scheduler.tick();
    ctx.clock.advance(3 * 24 * HOUR); // outage
    const [a, b] = await Promise.all([jobsA.scheduler.tick(), jobsB.scheduler.tick()]);
    const sweeps = await ctx.database.db
      .selectFrom('jobs')
      .selectAll()
      .where('kind', '=', 'promise.overdue-sweep')
      .execute();
    // Catch-up is `latest` for sweeps: one job for the first tick and one for now, never more.
    expect(sweeps).toHaveLength(2);
    // Across both instances every periodic job with a slot in the outage gets one job, not two.
    const kinds = new Set(PERIODIC_JOBS.map((j) => j.kind));
    const queued = await ctx.database.db
      .selectFrom('jobs')
      .select(['kind', 'dedupe_key'])
      .where('kind', 'in', [...kinds])
      .execute();
    expect(new Set(queued.map((j) => j.dedupe_key)).size).toBe(queued.length);
    expect(a + b).toBeLessThanOrEqual(kinds.size);
    expect(await jobsA.scheduler.tick()).toBe(0);
    const [ranA, ranB] = await Promise.all([jobsA.runner.runDue(), jobsB.runner.runDue()]);
    const done = await ctx.database.db
      .selectFrom('jobs')
      .selectAll()
      .where('state', '=', 'done')
      .execute();
    expect(ranA + ranB).toBe(done.length);
    expect(new Set(done.map((j) => j.id)).size).toBe(done.length);
    const again = await Promise.all([jobsA.runner.runDue(), jobsB.runner.runDue()]);
    expect(again).toEqual([0, 0]);
  });
});
