import type { Rating } from '../../../../common/enums';
import { RATING_COMMENTS } from './demo-answers';
import { daytime, DEMO_END, MINUTE_MS } from './demo-calendar';
import {
  actorOf,
  addEvent,
  type CommunityProfile,
  type DraftTrouble,
  type PlanContext,
  REPORTER_ACTOR,
} from './demo-context';
import type { PlannedProblem } from './demo-types';

/**
 * 回访/评价: about 70 % of the reachable reporters (not anonymous) of troubles answered on the
 * spot or closed with their problem rate the answer — themselves by tracking code, or through a
 * staff call-back. Mostly 满意, some 基本满意, a few 不满意 (never on a problem that could still be
 * reopened, which would have reopened it). A reopened problem is rated in round 1.
 */
export function planRatings(
  ctx: PlanContext,
  profile: CommunityProfile,
  drafts: DraftTrouble[],
  problems: PlannedProblem[],
): void {
  const rng = ctx.rng.fork(`ratings:${profile.key}`);
  const byId = new Map(problems.map((p) => [p.id, p]));
  const answeredBy = new Map(
    ctx.events
      .filter((e) => e.action === 'reply' || e.action === 'resolve')
      .map((e) => [e.entity_id, e.action]),
  );
  for (const d of drafts) {
    const problem = d.problemId ? byId.get(d.problemId) : undefined;
    const rateable = d.status === 'resolved_on_spot' || problem?.status === 'closed';
    if (!rateable || d.reporterType === 'anonymous' || !rng.chance(0.7)) {
      continue;
    }
    const at = daytime(rng, d.closedAt! + rng.int(180, 4 * 24 * 60) * MINUTE_MS);
    if (at > DEMO_END) {
      continue;
    }
    const round = problem?.reopen_count ?? 0;
    const mayReopen = problem !== undefined && round < 1;
    const replied = problem !== undefined && answeredBy.get(problem.id) === 'reply';
    const rating = rng.weighted<Rating>([
      ['satisfied', replied ? 50 : 78],
      ['basically_satisfied', replied ? 50 : 18],
      ['dissatisfied', mayReopen ? 0 : 4],
    ]);
    const comment = rng.pick(RATING_COMMENTS[rating]);
    const callback = rng.chance(0.4);
    const staff = actorOf(ctx, profile.ownerOf(d.category.split('.')[0]!));
    ctx.ratings.push({
      id: ctx.id(at),
      trouble_id: d.id,
      problem_id: d.problemId,
      round,
      rating,
      comment,
      source: callback ? 'callback' : 'self',
      recorded_by: callback ? staff.userId : null,
      created_at: at,
    });
    addEvent(ctx, {
      entityType: 'trouble',
      entityId: d.id,
      communityId: d.communityId,
      actor: callback ? staff : REPORTER_ACTOR,
      action: callback ? 'callback' : 'rate',
      after: { rating, round },
      note: comment,
      at,
    });
  }
}
