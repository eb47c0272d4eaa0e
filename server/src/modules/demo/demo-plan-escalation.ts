import type { OverdueKind } from '../../../../common/enums';
import { DEMO_END, HOUR_MS, MINUTE_MS } from './demo-calendar';
import { addNotification, type PlanContext, SYSTEM_ACTOR } from './demo-context';
import { problemEvent, type ProblemRun } from './demo-problem-run';

const DAY = 24 * HOUR_MS;
const ACTIVE = ['open', 'dispatched', 'inProgress'];

/** How a problem stands once its history is written. */
export interface LifecycleOutcome {
  coordinatedAt: number | null;
  answeredAt: number | null;
  closedAt: number | null;
  resolutionText: string | null;
  publicSummary: string | null;
  resolutionDueAt: number;
  reopenCount: number;
  overdueKind: OverdueKind | null;
  overdueSince: number | null;
  escalationLevel: number;
}

export interface Escalation {
  kind: OverdueKind;
  due: number;
  level: number;
}

/** Throws when the generated history breaks one of the demo's promises. */
export function check(condition: boolean, message: string): void {
  if (!condition) {
    throw new Error(`demo plan: ${message}`);
  }
}

/** The escalation levels a deadline reached before it was met (one more per 24 h late). */
export function missed(kind: OverdueKind, due: number, metAt: number): Escalation[] {
  const out: Escalation[] = [];
  for (let level = 1; due + (level - 1) * DAY < metAt; level++) {
    out.push({ kind, due, level });
  }
  return out;
}

/** Escalations as the overdue sweep records them: a row and a system event, 5 minutes late. */
export function recordEscalations(ctx: PlanContext, run: ProblemRun, list: Escalation[]) {
  for (const e of list) {
    const at = e.due + (e.level - 1) * DAY + 5 * MINUTE_MS;
    ctx.escalations.push({
      id: ctx.id(at),
      problem_id: run.id,
      kind: e.kind,
      level: e.level,
      due_at: e.due,
      escalated_at: at,
      caught_up: 0,
    });
    problemEvent(ctx, run, {
      action: 'escalate',
      actor: SYSTEM_ACTOR,
      at,
      before: { overdueKind: e.level === 1 ? null : e.kind, escalationLevel: e.level - 1 },
      after: { overdueKind: e.kind, escalationLevel: e.level, skippedLevels: 0 },
    });
  }
  return list.at(-1);
}

/** The staff of the problem's community (they hear of hand-backs, answers and overdue problems). */
export function staffOf(ctx: PlanContext, run: ProblemRun): string[] {
  return [...ctx.users.values()]
    .filter((u) => u.role === 'staff' && u.communityId === run.communityId)
    .map((u) => u.username);
}

/** A problem still being handled at the end of September: overdue and escalated once. */
export function overdue(
  ctx: PlanContext,
  run: ProblemRun,
  input: { coordinatedAt: number; resolutionDue: number },
): LifecycleOutcome {
  check(ACTIVE.includes(run.spec.outcome), `${run.spec.key} is not active`);
  check(
    input.resolutionDue + 5 * MINUTE_MS < DEMO_END,
    `${run.spec.key} is not overdue by the end of September`,
  );
  const last = recordEscalations(ctx, run, [
    { kind: 'resolution', due: input.resolutionDue, level: 1 },
  ])!;
  addNotification(ctx, [ctx.supervisor, ...staffOf(ctx, run)], {
    kind: 'problem.overdue',
    title: `逾期督办提醒：${run.code}`,
    body: `「${run.spec.title}」办结/答复期限已过，已逾期，请督促办理。`,
    problemId: run.id,
    key: `escalation:${run.id}:resolution:${last.due}:1`,
    at: last.due + 5 * MINUTE_MS,
  });
  return {
    coordinatedAt: input.coordinatedAt,
    answeredAt: null,
    closedAt: null,
    resolutionText: null,
    publicSummary: null,
    resolutionDueAt: input.resolutionDue,
    reopenCount: 0,
    overdueKind: 'resolution',
    overdueSince: input.resolutionDue,
    escalationLevel: 1,
  };
}
