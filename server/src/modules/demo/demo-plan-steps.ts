import type { ProblemStatus } from '../../../../common/enums';
import { daytime, DEMO_END, HOUR_MS, MINUTE_MS, officeTime } from './demo-calendar';
import {
  actorOf,
  addEvent,
  addNotification,
  type PlanActor,
  type PlanContext,
  REPORTER_ACTOR,
} from './demo-context';
import { check, staffOf } from './demo-plan-escalation';
import { problemEvent, type ProblemRun } from './demo-problem-run';

const DAY = 24 * HOUR_MS;

/** The single steps of a problem's handling, each writing its event (and rows) like the product. */
export function createSteps(ctx: PlanContext, run: ProblemRun) {
  const { spec, rng } = run;
  const lead = ctx.departments.get(spec.lead)!;
  const leadActor = actorOf(ctx, lead.user);
  const coops = (spec.cooperating ?? []).map((k) => ctx.departments.get(k)!);
  const minutes = (a: number, b: number) => rng.int(a, b) * MINUTE_MS;

  function event(
    action: string,
    actor: PlanActor,
    at: number,
    change: { before?: unknown; after?: unknown; note?: string | null } = {},
  ): void {
    problemEvent(ctx, run, { action, actor, at, ...change });
  }

  function status(s: ProblemStatus, at: number): void {
    run.history.push([at, s]);
  }

  function assign(
    departmentId: string,
    role: 'lead' | 'cooperating',
    state: 'assigned' | 'accepted' | 'handed_back',
    times: { assignedAt: number; acceptedAt?: number | null; updatedAt?: number },
    reason: string | null = null,
  ): void {
    ctx.assignments.push({
      id: ctx.id(times.assignedAt),
      problem_id: run.id,
      department_id: departmentId,
      role,
      status: state,
      reason,
      assigned_at: times.assignedAt,
      accepted_at: times.acceptedAt ?? null,
      updated_at: times.updatedAt ?? times.acceptedAt ?? times.assignedAt,
    });
  }

  /** 办结 (resolve) or 答复 (reply) by the lead department; reporters and staff are told. */
  function answer(isReply: boolean, at: number, text: string, summary: string, round: number) {
    const to = isReply ? 'replied' : 'resolved';
    event(isReply ? 'reply' : 'resolve', leadActor, at, {
      before: { status: 'in_progress' },
      after: { status: to },
      note: text,
    });
    status(to, at);
    const verb = isReply ? '已答复' : '已解决';
    const reporters = run.troubles
      .filter((t) => t.reporterUserId && run.linkAt.get(t)! <= at)
      .map((t) => [...ctx.users.values()].find((u) => u.id === t.reporterUserId)!.username);
    addNotification(ctx, [...new Set(reporters)], {
      kind: 'problem.outcome',
      title: `您反映的问题${verb}`,
      body: summary,
      problemId: run.id,
      key: `outcome:${run.id}:${round}`,
      at,
    });
    if (spec.outcome === 'resolved' || spec.outcome === 'replied') {
      addNotification(ctx, staffOf(ctx, run), {
        kind: `problem.${isReply ? 'reply' : 'resolve'}`,
        title: `${verb}：${run.code}`,
        body: `「${spec.title}」${verb}，请核实后办结并回访。`,
        problemId: run.id,
        key: `${isReply ? 'reply' : 'resolve'}:${run.id}:${at}`,
        at,
      });
    }
    return at;
  }

  /** 办结 by the owner after checking the answer with the reporters. */
  function close(isReply: boolean, answeredAt: number): number {
    const at = daytime(rng, answeredAt + minutes(180, 2 * 24 * 60));
    check(at < DEMO_END, `${spec.key} closed after September`);
    event('close', run.owner, at, {
      before: { status: isReply ? 'replied' : 'resolved' },
      after: { status: 'closed' },
      note: isReply ? '已向报告人解释答复内容，予以办结。' : '已回访核实办理结果，予以办结。',
    });
    status('closed', at);
    return at;
  }

  /** 申请延期 by the lead department, approved by the supervisor; returns the new deadline. */
  function extend(received: number, due: number, days: number, reason: string): number {
    const requestAt = officeTime(rng, received + minutes(108 * 60, 132 * 60));
    const approveAt = officeTime(rng, requestAt + minutes(120, 480));
    const newDue = due + days * DAY;
    const extensionId = ctx.id(requestAt);
    const supervisor = actorOf(ctx, ctx.supervisor);
    const decision = '同意延期，请按新期限办结。';
    ctx.extensions.push({
      id: extensionId,
      problem_id: run.id,
      department_id: lead.id,
      requested_by: leadActor.userId!,
      reason,
      current_due_at: due,
      requested_due_at: newDue,
      status: 'approved',
      decided_by: supervisor.userId,
      decided_at: approveAt,
      decision_note: decision,
      created_at: requestAt,
    });
    event('requestExtension', leadActor, requestAt, {
      after: { extensionId, requestedDueAt: newDue },
      note: reason,
    });
    event('extensionApproved', supervisor, approveAt, {
      before: { resolutionDueAt: due },
      after: { resolutionDueAt: newDue, extensionId },
      note: decision,
    });
    return newDue;
  }

  /**
   * A reporter rates the closed problem 不满意; the product reopens it at once (重新办理, with a
   * fresh 7-day deadline). Returns the reopening time and the new deadline.
   */
  function reopenAfterRating(closedAt: number, comment: string) {
    const trigger = run.troubles.find(
      (t) => t.reporterType !== 'anonymous' && run.linkAt.get(t)! < closedAt,
    );
    check(trigger !== undefined, `${spec.key} has no reporter to rate it`);
    const at = daytime(rng, closedAt + minutes(20 * 60, 44 * 60));
    ctx.ratings.push({
      id: ctx.id(at),
      trouble_id: trigger!.id,
      problem_id: run.id,
      round: 0,
      rating: 'dissatisfied',
      comment,
      source: 'self',
      recorded_by: null,
      created_at: at,
    });
    addEvent(ctx, {
      entityType: 'trouble',
      entityId: trigger!.id,
      communityId: run.communityId,
      actor: REPORTER_ACTOR,
      action: 'rate',
      after: { rating: 'dissatisfied', round: 0 },
      note: comment,
      at,
    });
    const due = at + 7 * DAY;
    event('reopen', { userId: null, label: '不满意评价' }, at, {
      before: { status: 'closed', reopenCount: 0 },
      after: { status: 'dispatched', reopenCount: 1, resolutionDueAt: due },
      note: `报告人评价不满意（${trigger!.code}）：${comment}`,
    });
    status('dispatched', at);
    return { at, due };
  }

  return {
    lead,
    leadActor,
    coops,
    minutes,
    event,
    status,
    assign,
    answer,
    close,
    extend,
    reopenAfterRating,
  };
}
