import { api } from '../../shared/api';
import type { ApiClient } from '../../shared/api-client';
import type {
  CommunityOption,
  EarlyWarning,
  HappinessIndex,
  IndexScope,
  ProblemListItem,
  ThreeRates,
  TroubleIndex,
  TroubleIntensity,
  TroubleListItem,
  TroubleTrend,
} from './indices-types';
import { lastDayOf, type Period, shanghaiStartIso, shanghaiStartMs, trendRange } from './period';

const BASE = '/api/v1/indices';
/** Drill-down lists fetch one page this long and keep the rows inside the period. */
export const DRILL_DOWN_LIMIT = 200;

type Query = Record<string, string | number | undefined>;

function scopeQuery(scope: IndexScope): Query {
  return scope.kind === 'county' ? { county: 'true' } : { community: scope.communityId };
}

const rangeQuery = (range: { from: string; to: string }): Query => ({
  from: range.from,
  to: range.to,
});

/** The indices endpoints (`/api/v1/indices/*`) and the drill-down lists, over one API client. */
export function createIndicesApi(client: ApiClient) {
  const get = <T>(path: string, query: Query, signal?: AbortSignal) =>
    client.get<T>(path, { query, ...(signal === undefined ? {} : { signal }) });

  return {
    communities: (signal?: AbortSignal) =>
      get<{ items: CommunityOption[] }>('/api/v1/communities', {}, signal).then((r) => r.items),

    troubleIndex: (scope: IndexScope, period: Period, signal?: AbortSignal) =>
      get<TroubleIndex>(
        `${BASE}/trouble-index`,
        { ...scopeQuery(scope), ...rangeQuery(period) },
        signal,
      ),

    /** Monthly buckets over {@link trendRange} of the period (at least six months). */
    trend: (scope: IndexScope, period: Period, signal?: AbortSignal) =>
      get<TroubleTrend>(
        `${BASE}/trend`,
        { ...scopeQuery(scope), ...rangeQuery(trendRange(period)) },
        signal,
      ),

    /** Monthly buckets over an explicit month-aligned range. */
    trendBetween: (scope: IndexScope, range: { from: string; to: string }, signal?: AbortSignal) =>
      get<TroubleTrend>(`${BASE}/trend`, { ...scopeQuery(scope), ...rangeQuery(range) }, signal),

    intensity: (scope: IndexScope, period: Period, signal?: AbortSignal) =>
      get<TroubleIntensity>(
        `${BASE}/intensity`,
        { ...scopeQuery(scope), ...rangeQuery(period) },
        signal,
      ),

    /** 三率 of the problems in scope (the whole county lists every community). */
    threeRates: (scope: IndexScope, period: Period, signal?: AbortSignal) =>
      get<ThreeRates>(
        `${BASE}/three-rates`,
        { ...scopeQuery(scope), ...rangeQuery(period) },
        signal,
      ),

    happiness: (scope: IndexScope, period: Period, signal?: AbortSignal) =>
      get<HappinessIndex>(
        `${BASE}/happiness`,
        { ...scopeQuery(scope), ...rangeQuery(period) },
        signal,
      ),

    /** Early warnings of the period's last month (the endpoint takes no `county` flag). */
    warnings: (scope: IndexScope, period: Period, signal?: AbortSignal) =>
      get<{ items: EarlyWarning[] }>(
        `${BASE}/warnings`,
        {
          community: scope.kind === 'community' ? scope.communityId : undefined,
          month: lastDayOf(period).slice(0, 7),
        },
        signal,
      ).then((r) => r.items),

    /** Problems of a category received in the period (the list has no date filter). */
    problems: async (
      categoryId: string,
      scope: IndexScope,
      period: Period,
      signal?: AbortSignal,
    ) => {
      const { items } = await get<{ items: ProblemListItem[] }>(
        '/api/v1/problems',
        {
          categoryId,
          limit: DRILL_DOWN_LIMIT,
          communityId: scope.kind === 'community' ? scope.communityId : undefined,
        },
        signal,
      );
      const from = shanghaiStartMs(period.from);
      const to = shanghaiStartMs(period.to);
      return items.filter((item) => item.receivedAt >= from && item.receivedAt < to);
    },

    troubles: (categoryId: string, scope: IndexScope, period: Period, signal?: AbortSignal) =>
      get<{ items: TroubleListItem[] }>(
        '/api/v1/troubles',
        {
          categoryId,
          // ISO instants: the list's query schema does not coerce epoch-ms strings.
          from: shanghaiStartIso(period.from),
          to: shanghaiStartIso(period.to),
          limit: DRILL_DOWN_LIMIT,
          communityId: scope.kind === 'community' ? scope.communityId : undefined,
        },
        signal,
      ).then((r) => r.items),
  };
}

export const indicesApi = createIndicesApi(api);
