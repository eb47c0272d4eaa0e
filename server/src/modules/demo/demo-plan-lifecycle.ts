import {
  daytime,
  daytimeBefore,
  DEMO_END,
  HOUR_MS,
  MINUTE_MS,
  officeBefore,
  officeTime,
} from './demo-calendar';
import { actorOf, addNotification, type PlanContext } from './demo-context';
import {
  check,
  type Escalation,
  type LifecycleOutcome,
  missed,
  overdue,
  recordEscalations,
  staffOf,
} from './demo-plan-escalation';
import { createSteps } from './demo-plan-steps';
import { type ProblemRun, statusAt } from './demo-problem-run';

const DAY = 24 * HOUR_MS;

/**
 * The handling of one problem after the promise (SPEC §3): dispatch within 24 h (a few late),
 * acceptance by the departments, an answer within 7 days (a few late, one extended), closing by
 * the owner, one reopening after a 不满意 rating, and escalations for every missed deadline.
 */
export function runLifecycle(ctx: PlanContext, run: ProblemRun): LifecycleOutcome {
  const { spec, rng, owner } = run;
  const s = createSteps(ctx, run);
  const { lead, leadActor, coops, minutes } = s;
  const received = run.troubles[0]!.receivedAt;
  const coordinationDue = received + DAY;
  let resolutionDue = received + 7 * DAY;
  let acceptAt = 0;
  // An answer planned past the deadline moves to the last office hours before it.
  const inTime = (t: number) => {
    if (t <= resolutionDue - 30 * MINUTE_MS) {
      return t;
    }
    const before = officeBefore(rng, resolutionDue - minutes(60, 240));
    return before > acceptAt + HOUR_MS ? before : resolutionDue - minutes(60, 240);
  };

  // 交办 (coordination): within 24 hours, except the problems that were coordinated late.
  let dispatchAt: number;
  if (spec.fast) {
    dispatchAt = run.createdAt + minutes(20, 90);
  } else if (spec.lateCoordination) {
    dispatchAt = daytime(rng, received + minutes(26 * 60, 40 * 60));
  } else {
    dispatchAt = daytime(rng, run.createdAt + minutes(60, 14 * 60));
    if (dispatchAt > coordinationDue - 30 * MINUTE_MS) {
      const before = daytimeBefore(rng, coordinationDue - minutes(60, 180));
      dispatchAt = Math.max(run.createdAt + 30 * MINUTE_MS, before);
    }
  }
  let leadAssignedAt = dispatchAt;
  if (spec.handBack) {
    // 退回: dispatched first to a department that hands it back with a reason.
    const wrong = ctx.departments.get(spec.handBack.by)!;
    const reason = spec.handBack.reason;
    s.event('dispatch', owner, dispatchAt, {
      before: { status: 'open' },
      after: { status: 'dispatched', lead: wrong.id, cooperating: [] },
      note: `交由${wrong.shortName}牵头办理。`,
    });
    s.status('dispatched', dispatchAt);
    const handBackAt = officeTime(rng, dispatchAt + minutes(120, 360));
    s.event('handBack', actorOf(ctx, wrong.user), handBackAt, {
      before: { status: 'dispatched' },
      after: { status: 'open', department: wrong.name },
      note: reason,
    });
    s.status('open', handBackAt);
    addNotification(ctx, staffOf(ctx, run), {
      kind: 'problem.handedBack',
      title: `部门退回：${run.code}`,
      body: `${wrong.name}退回「${spec.title}」：${reason}`,
      problemId: run.id,
      key: `handBack:${run.id}:${handBackAt}`,
      at: handBackAt,
    });
    if (spec.outcome === 'open') {
      s.assign(
        wrong.id,
        'lead',
        'handed_back',
        { assignedAt: dispatchAt, updatedAt: handBackAt },
        reason,
      );
      return overdue(ctx, run, { coordinatedAt: dispatchAt, resolutionDue });
    }
    leadAssignedAt = daytime(rng, handBackAt + minutes(60, 240));
    s.assign(
      wrong.id,
      'cooperating',
      'handed_back',
      { assignedAt: dispatchAt, updatedAt: leadAssignedAt },
      reason,
    );
  }
  const partners = coops.length ? `，${coops.map((c) => c.shortName).join('、')}配合` : '';
  s.event('dispatch', owner, leadAssignedAt, {
    before: { status: 'open' },
    after: { status: 'dispatched', lead: lead.id, cooperating: coops.map((c) => c.id) },
    note: `交由${lead.shortName}牵头办理${partners}。`,
  });
  s.status('dispatched', leadAssignedAt);
  const escalations: Escalation[] = [];
  if (dispatchAt > coordinationDue) {
    escalations.push(...missed('coordination', coordinationDue, dispatchAt));
  }

  if (spec.outcome === 'dispatched') {
    // Not yet accepted (签收) at the end of September.
    for (const d of [lead, ...coops]) {
      s.assign(d.id, d === lead ? 'lead' : 'cooperating', 'assigned', {
        assignedAt: leadAssignedAt,
      });
      addNotification(ctx, [d.user], {
        kind: 'problem.dispatched',
        title: `新交办：${run.code}`,
        body: `「${spec.title}」已交办贵部门${d === lead ? '牵头' : '配合'}办理。`,
        problemId: run.id,
        key: `dispatch:${run.id}:${leadAssignedAt}:${d.id}`,
        at: leadAssignedAt,
      });
    }
    return overdue(ctx, run, { coordinatedAt: dispatchAt, resolutionDue });
  }

  // 签收 by the lead (协调落实) and the cooperating departments.
  acceptAt = officeTime(rng, leadAssignedAt + minutes(30, 300));
  const acceptLead = (at: number) => {
    s.event('accept', leadActor, at, {
      before: { status: 'dispatched' },
      after: { status: 'in_progress', department: lead.name, role: 'lead' },
    });
    s.status('in_progress', at);
  };
  acceptLead(acceptAt);
  for (const c of coops) {
    const at = officeTime(rng, leadAssignedAt + minutes(60, 480));
    const now = statusAt(run, at);
    s.event('accept', actorOf(ctx, c.user), at, {
      before: { status: now },
      after: { status: now, department: c.name, role: 'cooperating' },
    });
    s.assign(c.id, 'cooperating', 'accepted', { assignedAt: leadAssignedAt, acceptedAt: at });
  }

  if (spec.outcome === 'inProgress') {
    const noteAt = officeTime(rng, acceptAt + minutes(20 * 60, 40 * 60));
    check(noteAt < resolutionDue, `${spec.key} progress note after the deadline`);
    s.event('publicNote', leadActor, noteAt, { note: spec.progress ?? null });
    s.assign(lead.id, 'lead', 'accepted', { assignedAt: leadAssignedAt, acceptedAt: acceptAt });
    return overdue(ctx, run, { coordinatedAt: dispatchAt, resolutionDue });
  }

  // 解决 / 答复 within 7 days, late for a few, after an approved extension for one.
  let answerAt: number;
  if (spec.fast) {
    answerAt = officeTime(rng, acceptAt + minutes(18 * 60, 34 * 60));
  } else if (spec.lateAnswer) {
    answerAt = officeTime(rng, received + minutes(7 * 24 * 60 + 8 * 60, 10 * 24 * 60));
  } else if (spec.extension) {
    resolutionDue = s.extend(received, resolutionDue, spec.extension.days, spec.extension.reason);
    answerAt = inTime(officeTime(rng, received + minutes(9 * 24 * 60, 12 * 24 * 60)));
  } else {
    const planned = officeTime(rng, received + minutes(2 * 24 * 60, 156 * 60));
    answerAt = inTime(Math.max(planned, acceptAt + 4 * HOUR_MS));
  }
  check(answerAt > acceptAt && answerAt < DEMO_END, `${spec.key} answered out of range`);
  if (answerAt > resolutionDue) {
    escalations.push(...missed('resolution', resolutionDue, answerAt));
  }
  if (spec.progress) {
    const share = acceptAt + Math.round((answerAt - acceptAt) * rng.range(0.3, 0.6));
    const planned = officeTime(rng, share);
    const noteAt = planned < answerAt ? planned : acceptAt + Math.round((answerAt - acceptAt) / 2);
    s.event('publicNote', leadActor, noteAt, { note: spec.progress });
  } else if (answerAt - acceptAt > 2 * DAY && rng.chance(0.5)) {
    // The owner tells the reporters where things stand (进度公开).
    const noteAt = daytime(rng, acceptAt + minutes(20 * 60, 30 * 60));
    s.event('publicNote', owner, Math.min(noteAt, answerAt - HOUR_MS), {
      note: `已与${lead.shortName}对接，正在协调落实，办理结果将及时反馈。`,
    });
  }
  const reply = spec.outcome === 'repliedClosed' || spec.outcome === 'replied';
  let text = spec.answer!;
  let summary = spec.publicSummary ?? text;
  let answered = s.answer(reply, answerAt, text, summary, 0);
  let closedAt: number | null = null;
  let reopenCount = 0;
  if (spec.outcome === 'closed' || spec.outcome === 'repliedClosed') {
    closedAt = s.close(reply, answered);
    if (spec.reopen) {
      // 不满意 → 重新办理 (once), then solved and closed again.
      const reopened = s.reopenAfterRating(closedAt, spec.reopen.comment);
      resolutionDue = reopened.due;
      reopenCount = 1;
      acceptAt = officeTime(rng, reopened.at + minutes(120, 360));
      acceptLead(acceptAt);
      text = spec.reopen.answer;
      summary = spec.reopen.publicSummary;
      const again = inTime(officeTime(rng, reopened.at + minutes(3 * 24 * 60, 5 * 24 * 60)));
      answered = s.answer(false, again, text, summary, reopenCount);
      closedAt = s.close(false, answered);
    }
  }
  s.assign(lead.id, 'lead', 'accepted', { assignedAt: leadAssignedAt, acceptedAt: acceptAt });
  const last = recordEscalations(ctx, run, escalations);
  return {
    coordinatedAt: dispatchAt,
    answeredAt: answered,
    closedAt,
    resolutionText: text,
    publicSummary: summary,
    resolutionDueAt: resolutionDue,
    reopenCount,
    overdueKind: null,
    overdueSince: last?.due ?? null,
    escalationLevel: last?.level ?? 0,
  };
}
