import type { Rating, RatingSource } from '../../../../common/enums';
import { isUniqueViolation } from '../../db/dialect';
import type { Trouble } from '../../db/schema';
import type { Deps } from '../../deps';
import { type Actor, systemActor } from '../../shared/actor';
import { notFound, ruleViolation } from '../../shared/errors';
import { newId } from '../../shared/ids';
import { appendEvent } from '../../shared/timeline';
import { changeProblem, notifySupervisors, reopenWithin } from '../problems';
import { createTroubleRepository } from '../troubles';

/**
 * 回访/评价 (SPEC §3): once a trouble has its answer, each reporter rates it once per round
 * (满意 / 基本满意 / 不满意), by tracking code or through a staff phone call-back. 不满意 reopens
 * the problem while the community's reopen limit allows (once by default); beyond it the
 * supervisors are told instead.
 */
export function createSatisfactionService(deps: Pick<Deps, 'db' | 'dialect' | 'clock'>) {
  const { db, clock } = deps;

  async function rate(
    t: Trouble,
    input: { rating: Rating; comment: string | null; source: RatingSource; actor: Actor },
  ) {
    const problem = t.problem_id
      ? await db
          .selectFrom('problems')
          .selectAll()
          .where('id', '=', t.problem_id)
          .executeTakeFirst()
      : undefined;
    const answered =
      t.status === 'resolved_on_spot' ||
      (problem !== undefined && ['resolved', 'replied', 'closed'].includes(problem.status));
    if (!answered) {
      throw ruleViolation('notRateable');
    }
    const round = problem?.reopen_count ?? 0;
    const now = clock.now();
    try {
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('ratings')
          .values({
            id: newId(),
            trouble_id: t.id,
            problem_id: problem?.id ?? null,
            round,
            rating: input.rating,
            comment: input.comment,
            source: input.source,
            recorded_by: input.source === 'callback' ? input.actor.userId : null,
            created_at: now,
          })
          .execute();
        await appendEvent(trx, {
          entityType: 'trouble',
          entityId: t.id,
          communityId: t.community_id,
          actor: input.actor,
          action: input.source === 'callback' ? 'callback' : 'rate',
          after: { rating: input.rating, round },
          note: input.comment,
          at: now,
        });
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw ruleViolation('alreadyRated');
      }
      throw error;
    }
    if (input.rating !== 'dissatisfied' || !problem) {
      return { reopened: false };
    }
    const community = await db
      .selectFrom('communities')
      .select('county_id')
      .where('id', '=', problem.community_id)
      .executeTakeFirstOrThrow();
    const actingSystem: Actor = {
      ...systemActor,
      countyId: community.county_id,
      displayName: '不满意评价',
    };
    const reason = `报告人评价不满意（${t.code}）${input.comment ? `：${input.comment}` : ''}`;
    return changeProblem(deps, actingSystem, problem.id, async (c) => {
      if (
        c.problem.reopen_count >= c.settings.maxReopens ||
        !['resolved', 'replied', 'closed'].includes(c.problem.status)
      ) {
        await notifySupervisors(
          c.trx,
          c.problem,
          {
            kind: 'problem.dissatisfied',
            title: `不满意评价：${c.problem.code}`,
            body: `${reason}。已达重新办理上限，请督办研判。`,
            key: `dissatisfied:${t.id}:${round}`,
          },
          c.now,
        );
        return { reopened: false };
      }
      await reopenWithin(c, reason);
      return { reopened: true };
    });
  }

  return {
    /** Public rating by tracking code (anonymous reporters). */
    async rateByCode(rawCode: string, input: { rating: Rating; comment: string | null }) {
      const t = await createTroubleRepository(db).findByTrackingCode(rawCode);
      if (!t) {
        throw notFound('trouble', rawCode);
      }
      return rate(t, {
        ...input,
        source: 'self',
        actor: { ...systemActor, displayName: '报告人' },
      });
    },

    /** A staff member records a phone call-back's rating. */
    async recordCallback(
      actor: Actor,
      troubleId: string,
      input: { rating: Rating; comment: string | null },
    ) {
      const t = await createTroubleRepository(db).findInScope(actor, troubleId);
      if (!t) {
        throw notFound('trouble', troubleId);
      }
      return rate(t, { ...input, source: 'callback', actor });
    },
  };
}

export type SatisfactionService = ReturnType<typeof createSatisfactionService>;
