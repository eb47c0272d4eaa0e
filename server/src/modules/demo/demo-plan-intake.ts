import { daytime, DEMO_END, MINUTE_MS } from './demo-calendar';
import {
  addEvent,
  ANONYMOUS_ACTOR,
  type DraftTrouble,
  type PlanActor,
  type PlanContext,
} from './demo-context';
import { onSpotAnswer } from './demo-texts';

/** Categories in which the demo worker (worker1, 周涛 of 胜大科技) reported troubles himself. */
const WORKER_CATEGORIES = ['schooling', 'medical', 'transport', 'living'];

/**
 * Gives the demo worker login a few troubles of his own (self-reported online or by QR code), so
 * that the worker's pages show something.
 */
export function assignWorkerAccount(
  ctx: PlanContext,
  drafts: DraftTrouble[],
  username: string,
  count: number,
) {
  const user = ctx.users.get(username)!;
  const mine = drafts
    .filter(
      (d) =>
        d.reporterType === 'worker' &&
        d.anchorProblem === null &&
        (d.channel === 'online' || d.channel === 'qr') &&
        WORKER_CATEGORIES.includes(d.category.split('.')[0]!),
    )
    .slice(0, count);
  for (const d of mine) {
    d.reporterUserId = user.id;
    d.reporterName = user.displayName;
    d.enterpriseId = user.enterpriseId;
  }
}

/** Who recorded the trouble: the staff member, the reporter's account, or an anonymous form. */
function intakeActor(ctx: PlanContext, d: DraftTrouble): PlanActor {
  const id = d.createdBy ?? d.reporterUserId;
  if (!id) {
    return ANONYMOUS_ACTOR;
  }
  const u = [...ctx.users.values()].find((x) => x.id === id)!;
  return { userId: u.id, label: u.displayName };
}

/**
 * The receive event of every trouble and, for those answered on the spot, the answer: at once
 * when staff met the reporter (visit, forum, hotline …), within hours for forms filled online.
 */
export function recordIntake(
  ctx: PlanContext,
  drafts: DraftTrouble[],
  answeredAt: Map<string, number>,
): void {
  for (const d of drafts) {
    addEvent(ctx, {
      entityType: 'trouble',
      entityId: d.id,
      communityId: d.communityId,
      actor: intakeActor(ctx, d),
      action: 'receive',
      after: { status: 'received', channel: d.channel, priority: d.priority },
      at: d.receivedAt,
    });
    if (!d.onSpot) {
      continue;
    }
    const rng = ctx.rng.fork(`intake:${d.id}`);
    const remote = d.channel === 'online' || d.channel === 'qr' || d.channel === 'survey';
    const closedAt = Math.min(
      remote
        ? daytime(rng, d.receivedAt + rng.int(30, 360) * MINUTE_MS)
        : d.receivedAt + rng.int(3, 30) * MINUTE_MS,
      DEMO_END,
    );
    const staff = [...ctx.users.values()].find((u) => u.id === d.categorySetBy)!;
    const e = [...ctx.enterprises.values()].find((x) => x.id === d.enterpriseId);
    d.onSpotAnswer ??= d.ownAnswer;
    d.onSpotAnswer ??= onSpotAnswer(rng, {
      category: d.category,
      at: closedAt,
      answeredAt,
      ctx: {
        enterpriseShort: e?.shortName ?? null,
        enterpriseName: e?.name ?? null,
        industry: e?.industry ?? null,
      },
    });
    d.status = 'resolved_on_spot';
    d.closedAt = closedAt;
    addEvent(ctx, {
      entityType: 'trouble',
      entityId: d.id,
      communityId: d.communityId,
      actor: { userId: staff.id, label: staff.displayName },
      action: 'resolveOnSpot',
      before: { status: 'received' },
      after: { status: 'resolved_on_spot' },
      note: d.onSpotAnswer,
      at: closedAt,
    });
  }
}
