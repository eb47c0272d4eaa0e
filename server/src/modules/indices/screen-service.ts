import type { ScreenData } from '../../../../common/indices-types';
import type { Deps } from '../../deps';
import { type Actor, systemActor } from '../../shared/actor';
import { localDay } from '../../shared/business-time';
import { notFound } from '../../shared/errors';
import { communityOfDisplayToken } from './display-tokens';
import { createIndexService } from './index-service';

function addMonths(month: string, n: number): string {
  const d = new Date(`${month}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + n);
  return d.toISOString().slice(0, 7);
}

/**
 * Data of the big screen (大屏), opened with a display token instead of a login. It shows the
 * latest month that has data (so a quiet month or an archive still shows something) and the
 * twelve months up to it.
 */
export function createScreenService(deps: Pick<Deps, 'db' | 'dialect' | 'clock' | 'config'>) {
  const { db, clock } = deps;
  const index = createIndexService(deps);

  return async function screenData(slug: string, token: string): Promise<ScreenData> {
    const community = await communityOfDisplayToken(db, slug, token);
    if (!community) {
      throw notFound('community', slug);
    }
    const actor: Actor = { ...systemActor, countyId: community.county_id, displayName: '大屏' };
    const today = localDay(clock.now());
    const latest = await db
      .selectFrom('agg_trouble_days')
      .select((eb) => eb.fn.max('day').as('day'))
      .where('community_id', '=', community.id)
      .where('day', '<=', today)
      .where('troubles', '>', 0)
      .executeTakeFirst();
    const month = (latest?.day ?? today).slice(0, 7);
    const from = `${addMonths(month, -11)}-01`;
    const to = `${addMonths(month, 1)}-01`;
    const [monthIndex, range, trend, recentlyResolved] = await Promise.all([
      index.troubleIndex(actor, { community: community.id, month }),
      index.troubleIndex(actor, { community: community.id, from, to }),
      index.trend(actor, { community: community.id, from, to }),
      index.recentlyResolved(actor, { community: community.id, limit: 10 }),
    ]);
    return {
      communityName: community.name,
      generatedAt: clock.now(),
      month: monthIndex,
      range,
      trend,
      recentlyResolved,
      jobPostings: [],
    };
  };
}
