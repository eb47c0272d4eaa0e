import { combine } from '../problems';
import { computePriority } from '../promise';
import { daytime, DEMO_END, HOUR_MS, MINUTE_MS } from './demo-calendar';
import { topOf } from './demo-categories';
import {
  actorOf,
  addEvent,
  type CommunityProfile,
  type DraftTrouble,
  type PlanContext,
} from './demo-context';
import { runLifecycle } from './demo-plan-lifecycle';
import { SEVERITY_THRESHOLD } from './demo-plan-troubles';
import { problemEvent, type ProblemRun, statusAt } from './demo-problem-run';
import type { Rng } from './demo-random';
import type { PlannedProblem } from './demo-types';

function weigh(troubles: DraftTrouble[]) {
  const w = combine(
    troubles.map((t) => ({
      severity: t.severity,
      urgency: t.urgency,
      workers_affected: t.workers,
      received_at: t.receivedAt,
    })),
  );
  return { ...w, ...computePriority({ ...w, threshold: SEVERITY_THRESHOLD }) };
}

/** When staff link a trouble that arrives while its problem exists. */
function linkTime(rng: Rng, d: DraftTrouble, createdAt: number): number {
  if (d.receivedAt <= createdAt) {
    return createdAt;
  }
  const minutes = (a: number, b: number) => rng.int(a, b) * MINUTE_MS;
  const t =
    d.channel === 'forum'
      ? d.receivedAt + minutes(10, 80)
      : daytime(
          rng,
          d.receivedAt +
            (d.channel === 'online' || d.channel === 'qr' ? minutes(30, 480) : minutes(20, 240)),
        );
  return Math.min(t, DEMO_END);
}

/**
 * Writes the problems of a community: numbering in creation order (BH-P23-0001 …), their troubles
 * linked one by one (priority combined as they come), and each problem's handling (lifecycle).
 */
export function planProblems(ctx: PlanContext, profile: CommunityProfile, drafts: DraftTrouble[]) {
  const community = ctx.communities.get(profile.key)!;
  const runs: ProblemRun[] = profile.problems.map((spec) => {
    const rng = ctx.rng.fork(`problem:${profile.key}:${spec.key}`);
    const troubles = drafts
      .filter((d) => d.problemKey === spec.key)
      .sort((a, b) => a.receivedAt - b.receivedAt);
    const first = troubles[0];
    if (!first) {
      throw new Error(`problem ${spec.key} has no troubles`);
    }
    const [min, max] = spec.fast ? [10, 40] : first.channel === 'forum' ? [15, 70] : [20, 240];
    const delay = rng.int(min, max) * MINUTE_MS;
    const createdAt =
      first.channel === 'forum' ? first.receivedAt + delay : daytime(rng, first.receivedAt + delay);
    const linkAt = new Map(troubles.map((t) => [t, linkTime(rng, t, createdAt)] as const));
    const owner = actorOf(ctx, profile.ownerOf(topOf(spec.category)));
    return {
      spec,
      id: '',
      code: '',
      communityId: community.id,
      owner,
      troubles,
      linkAt,
      createdAt,
      rng,
      history: [[createdAt, 'open']],
      lastAt: createdAt,
    };
  });
  runs.sort((a, b) => a.createdAt - b.createdAt);
  runs.forEach((run, i) => {
    run.id = ctx.id(run.createdAt);
    run.code = `${community.prefix}-P23-${String(i + 1).padStart(4, '0')}`;
  });

  const problems: PlannedProblem[] = [];
  for (const run of runs) {
    const outcome = runLifecycle(ctx, run);
    recordLinks(ctx, run);
    const final = statusAt(run, Number.MAX_SAFE_INTEGER);
    const w = weigh(run.troubles);
    for (const t of run.troubles) {
      const linkedAt = run.linkAt.get(t)!;
      t.problemId = run.id;
      t.linkedAt = linkedAt;
      t.status = final === 'closed' ? 'closed' : 'linked';
      t.closedAt = final === 'closed' ? Math.max(outcome.closedAt!, linkedAt) : null;
    }
    problems.push({
      id: run.id,
      code: run.code,
      community_id: run.communityId,
      title: run.spec.title,
      summary: run.spec.summary,
      public_summary: outcome.publicSummary,
      category_code: run.spec.category,
      owner_user_id: run.owner.userId,
      severity: w.severity,
      urgency: w.urgency,
      workers_affected: w.workersAffected,
      priority: w.priority,
      status: final,
      received_at: w.receivedAt,
      coordination_due_at: w.receivedAt + 24 * HOUR_MS,
      resolution_due_at: outcome.resolutionDueAt,
      deadline_estimated: 0,
      coordinated_at: outcome.coordinatedAt,
      answered_at: outcome.answeredAt,
      closed_at: outcome.closedAt,
      resolution_text: outcome.resolutionText,
      reopen_count: outcome.reopenCount,
      overdue_kind: outcome.overdueKind,
      overdue_since: outcome.overdueSince,
      escalation_level: outcome.escalationLevel,
      merged_into_id: null,
      created_by: run.owner.userId,
      created_at: run.createdAt,
      updated_at: run.lastAt,
    });
  }
  // When each problem (by spec key) was first answered: on-the-spot answers may then point to it.
  const answeredAt = new Map<string, number>();
  for (const run of runs) {
    const first = ctx.events.find(
      (e) => e.entity_id === run.id && (e.action === 'resolve' || e.action === 'reply'),
    );
    if (first) {
      answeredAt.set(run.spec.key, first.created_at);
    }
  }
  return { problems, runs, answeredAt };
}

/** The create event and the link events of every trouble, on both timelines. */
function recordLinks(ctx: PlanContext, run: ProblemRun): void {
  const ordered = [...run.troubles].sort(
    (a, b) => run.linkAt.get(a)! - run.linkAt.get(b)! || a.receivedAt - b.receivedAt,
  );
  const initial = ordered.filter((t) => t.receivedAt <= run.createdAt);
  let linked = [...initial];
  problemEvent(ctx, run, {
    action: 'create',
    actor: run.owner,
    at: run.createdAt,
    after: {
      status: 'open',
      code: run.code,
      troubleIds: initial.map((t) => t.id),
      priority: weigh(initial).priority,
    },
  });
  for (const t of ordered) {
    const at = run.linkAt.get(t)!;
    if (!initial.includes(t)) {
      const before = weigh(linked).priority;
      linked = [...linked, t];
      const priority = weigh(linked).priority;
      problemEvent(ctx, run, {
        action: 'link',
        actor: run.owner,
        at,
        before: { troubles: linked.length - 1, priority: before },
        after: { troubles: linked.length, priority, troubleId: t.id },
      });
    }
    addEvent(ctx, {
      entityType: 'trouble',
      entityId: t.id,
      communityId: run.communityId,
      actor: run.owner,
      action: 'link',
      before: { status: 'received', problemId: null },
      after: {
        status: statusAt(run, at) === 'closed' ? 'closed' : 'linked',
        problemId: run.id,
        problemCode: run.code,
      },
      at,
    });
  }
}
