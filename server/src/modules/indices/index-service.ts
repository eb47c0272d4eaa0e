import type {
  CategoryIntensity,
  IndexScope,
  ProblemFigures,
  TroubleIndex,
  TroubleIntensity,
  TroubleTrend,
} from '../../../../common/indices-types';
import type { Deps } from '../../deps';
import type { Actor } from '../../shared/actor';
import { DAY_MS } from '../../shared/business-time';
import { badRequest } from '../../shared/errors';
import { createIndexFigures } from './index-figures';
import { createIndexReadModel, type DimFilter } from './index-read-model';
import { resolveIndexScope } from './index-scope';
import { isMonthAligned, monthsOf, type PeriodInput, resolvePeriod } from './period';
import { buildTroubleIndex, percent, round2, TROUBLE_INDEX_VERSION } from './trouble-index';

export interface IndexQuery extends PeriodInput {
  community?: string;
  enterprise?: string;
  industry?: string;
  channel?: string;
  reporterType?: string;
}

export const INTENSITY_VERSION = 'trouble-intensity/1';

/** The indices (SPEC §4), read-only, from the maintained aggregates. */
export function createIndexService(deps: Pick<Deps, 'db' | 'dialect' | 'clock' | 'config'>) {
  const { db, clock } = deps;
  const read = createIndexReadModel(db);

  async function dimFilter(q: IndexQuery, communityIds: string[]): Promise<DimFilter | null> {
    const given = [q.enterprise, q.industry, q.channel, q.reporterType].filter(
      (x) => x !== undefined,
    );
    if (given.length > 1) {
      throw badRequest('oneFilter');
    }
    if (q.enterprise) {
      return { dim: 'enterprise', values: [q.enterprise] };
    }
    if (q.industry) {
      const rows = await db
        .selectFrom('enterprises')
        .select('id')
        .where('industry', '=', q.industry)
        .where('community_id', 'in', communityIds.length ? communityIds : [''])
        .execute();
      return { dim: 'enterprise', values: rows.map((r) => r.id) };
    }
    if (q.channel) {
      return { dim: 'channel', values: [q.channel] };
    }
    if (q.reporterType) {
      return { dim: 'reporter', values: [q.reporterType] };
    }
    return null;
  }

  function scopeOf(
    s: { communityId: string | null; communityName: string | null },
    q: IndexQuery,
  ): IndexScope {
    const filters: IndexScope['filters'] = {};
    if (q.enterprise) {
      filters.enterpriseId = q.enterprise;
    }
    if (q.industry) {
      filters.industry = q.industry;
    }
    if (q.channel) {
      filters.channel = q.channel;
    }
    if (q.reporterType) {
      filters.reporterType = q.reporterType;
    }
    return { communityId: s.communityId, communityName: s.communityName, filters };
  }

  async function problemFigures(
    communityIds: string[],
    from: string,
    to: string,
  ): Promise<ProblemFigures> {
    const f = await read.problemFigures(communityIds, from, to);
    return {
      total: f.problems,
      resolved: f.answered,
      closed: f.closed,
      coordinationOnTimeRate: percent(f.coordinated, f.problems),
      resolutionOnTimeRate: percent(f.answeredOnTime, f.problems),
      overdue: f.overdue,
    };
  }

  return {
    /** 烦恼指数 for a period and scope, with the period's problem figures. */
    async troubleIndex(actor: Actor, q: IndexQuery): Promise<TroubleIndex> {
      const period = resolvePeriod(q, clock.now());
      const scope = await resolveIndexScope(db, actor, q.community);
      const filter = await dimFilter(q, scope.communityIds);
      let current: Map<string, number>;
      let previous: Map<string, number>;
      if (filter) {
        if (!isMonthAligned(period)) {
          throw badRequest('filtersNeedMonths');
        }
        current = await read.countsByCategoryForDim(scope.communityIds, monthsOf(period), filter);
        previous = await read.countsByCategoryForDim(
          scope.communityIds,
          monthsOf({ from: period.previousFrom, to: period.previousTo }),
          filter,
        );
      } else {
        current = await read.countsByCategory(scope.communityIds, period.from, period.to);
        previous = await read.countsByCategory(
          scope.communityIds,
          period.previousFrom,
          period.previousTo,
        );
      }
      const index = buildTroubleIndex({ categories: await read.categories(), current, previous });
      return {
        formulaVersion: TROUBLE_INDEX_VERSION,
        scope: scopeOf(scope, q),
        period,
        ...index,
        problems: await problemFigures(scope.communityIds, period.from, period.to),
      };
    },

    /** Troubles per month and first-level category (stacked trend, heat map). */
    async trend(actor: Actor, q: IndexQuery): Promise<TroubleTrend> {
      const period = resolvePeriod(q, clock.now());
      const scope = await resolveIndexScope(db, actor, q.community);
      const categories = await read.categories();
      const topOf = new Map(categories.map((c) => [c.id, c.parentId ?? c.id]));
      const months = monthsOf(period);
      const cells = await read.monthlyByCategory(scope.communityIds, period.from, period.to);
      const tops = categories.filter((c) => c.parentId === null).sort((a, b) => a.sort - b.sort);
      const series = tops.map((t) => ({
        id: t.id,
        code: t.code,
        name: t.name,
        counts: months.map(() => 0),
      }));
      const totals = months.map(() => 0);
      for (const cell of cells) {
        const i = months.indexOf(cell.month);
        const s = series.find((x) => x.id === topOf.get(cell.categoryId));
        if (i >= 0) {
          totals[i]! += cell.count;
          if (s) {
            s.counts[i]! += cell.count;
          }
        }
      }
      return {
        formulaVersion: TROUBLE_INDEX_VERSION,
        scope: scopeOf(scope, q),
        months,
        series,
        totals,
      };
    },

    /**
     * 烦恼强度 v1 (docs/indices.md): per first-level category, 0–100 =
     * 100 × (0.35·count/maxCount + 0.20·major share + 0.15·urgent share
     *        + 0.15·workers/maxWorkers + 0.15·min(avg open days / 14, 1)).
     */
    async intensity(actor: Actor, q: IndexQuery): Promise<TroubleIntensity> {
      const period = resolvePeriod(q, clock.now());
      const scope = await resolveIndexScope(db, actor, q.community);
      const categories = await read.categories();
      const topOf = new Map(categories.map((c) => [c.id, c.parentId ?? c.id]));
      const weights = await read.weightsByCategory(scope.communityIds, period.from, period.to);
      const problems = await read.problemsInPeriod(scope.communityIds, period.from, period.to);
      const now = clock.now();
      const tops = categories.filter((c) => c.parentId === null);
      const raw = tops.map((t) => {
        const mine = weights.filter((w) => topOf.get(w.categoryId) === t.id);
        const count = mine.reduce((s, w) => s + w.troubles, 0);
        const open = problems.filter(
          (p) => p.category_id !== null && topOf.get(p.category_id) === t.id,
        );
        const avgOpenDays =
          open.length === 0
            ? 0
            : open.reduce((s, p) => s + ((p.answered_at ?? now) - p.received_at) / DAY_MS, 0) /
              open.length;
        return {
          t,
          count,
          major: mine.reduce((s, w) => s + w.major, 0),
          urgent: mine.reduce((s, w) => s + w.urgent, 0),
          workers: mine.reduce((s, w) => s + w.workers, 0),
          avgOpenDays,
        };
      });
      const maxCount = Math.max(1, ...raw.map((r) => r.count));
      const maxWorkers = Math.max(1, ...raw.map((r) => r.workers));
      const rows: CategoryIntensity[] = raw.map((r) => {
        const majorShare = r.count === 0 ? 0 : r.major / r.count;
        const urgentShare = r.count === 0 ? 0 : r.urgent / r.count;
        const score =
          r.count === 0
            ? 0
            : 100 *
              (0.35 * (r.count / maxCount) +
                0.2 * majorShare +
                0.15 * urgentShare +
                0.15 * (r.workers / maxWorkers) +
                0.15 * Math.min(r.avgOpenDays / 14, 1));
        return {
          id: r.t.id,
          code: r.t.code,
          name: r.t.name,
          intensity: round2(score),
          count: r.count,
          majorShare: round2(majorShare * 100),
          urgentShare: round2(urgentShare * 100),
          workersAffected: r.workers,
          avgOpenDays: round2(r.avgOpenDays),
        };
      });
      rows.sort((a, b) => b.intensity - a.intensity);
      return {
        formulaVersion: INTENSITY_VERSION,
        scope: scopeOf(scope, q),
        period,
        categories: rows,
      };
    },

    ...createIndexFigures(deps),
  };
}

export type IndexService = ReturnType<typeof createIndexService>;
