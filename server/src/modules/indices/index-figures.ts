import type {
  EarlyWarning,
  HappinessIndex,
  ProblemSummaryItem,
  RateRow,
  ThreeRates,
} from '../../../../common/indices-types';
import type { Deps } from '../../deps';
import type { Actor } from '../../shared/actor';
import { DAY_MS, localDay, localDayStart } from '../../shared/business-time';
import { EARLY_WARNING_VERSION, isWarning, robustZ } from './early-warning';
import { createIndexReadModel } from './index-read-model';
import { resolveIndexScope } from './index-scope';
import { monthsOf, type PeriodInput, resolvePeriod } from './period';
import { percent, round2 } from './trouble-index';

export const THREE_RATES_VERSION = 'three-rates/1';
export const HAPPINESS_VERSION = 'happiness/1';
const ANSWERED = ['resolved', 'replied', 'closed'];

function addMonths(month: string, n: number): string {
  const d = new Date(`${month}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + n);
  return d.toISOString().slice(0, 7);
}

/** Ranks rows by the mean of their available rates, best first. */
function rankRates(rows: Omit<RateRow, 'rank'>[]): RateRow[] {
  const composite = (r: Omit<RateRow, 'rank'>) => {
    const xs = [
      r.responseRate,
      r.resolutionRate,
      ...(r.satisfactionRate === null ? [] : [r.satisfactionRate]),
    ];
    return xs.reduce((a, b) => a + b, 0) / xs.length;
  };
  const sorted = [...rows].sort((a, b) => composite(b) - composite(a) || b.problems - a.problems);
  return sorted.map((r) => ({
    ...r,
    rank: sorted.findIndex((x) => composite(x) === composite(r)) + 1,
  }));
}

const satisfied = (rs: { rating: string }[]) =>
  rs.length === 0 ? null : percent(rs.filter((r) => r.rating !== 'dissatisfied').length, rs.length);

/** 三率, 幸福指数, early warnings and the problem lists of the dashboard, report and big screen. */
export function createIndexFigures(deps: Pick<Deps, 'db' | 'clock'>) {
  const { db, clock } = deps;
  const read = createIndexReadModel(db);

  async function summaries(rows: { id: string }[]): Promise<ProblemSummaryItem[]> {
    if (rows.length === 0) {
      return [];
    }
    const ps = await db
      .selectFrom('problems')
      .leftJoin('categories', 'categories.id', 'problems.category_id')
      .select([
        'problems.id',
        'problems.code',
        'problems.title',
        'categories.name as category',
        'problems.status',
        'problems.priority',
        'problems.received_at',
        'problems.answered_at',
        'problems.resolution_due_at',
        'problems.public_summary',
      ])
      .select((eb) =>
        eb
          .selectFrom('troubles')
          .select((e2) => e2.fn.countAll<number>().as('n'))
          .whereRef('troubles.problem_id', '=', 'problems.id')
          .as('trouble_count'),
      )
      .where(
        'problems.id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    return rows.map((r) => {
      const p = ps.find((x) => x.id === r.id)!;
      return {
        id: p.id,
        code: p.code,
        title: p.title,
        category: p.category,
        status: p.status,
        priority: p.priority,
        troubleCount: Number(p.trouble_count ?? 0),
        receivedAt: p.received_at,
        answeredAt: p.answered_at,
        resolutionDueAt: p.resolution_due_at,
        publicSummary: p.public_summary,
      };
    });
  }

  return {
    /** 三率 per department and per community for the problems received in the period. */
    async threeRates(actor: Actor, q: PeriodInput & { community?: string }): Promise<ThreeRates> {
      const period = resolvePeriod(q, clock.now());
      const scope = await resolveIndexScope(db, actor, q.community);
      const ids = scope.communityIds.length ? scope.communityIds : [''];
      const [fromMs, toMs] = [localDayStart(period.from), localDayStart(period.to)];
      const assignments = await db
        .selectFrom('problem_departments as pd')
        .innerJoin('problems as p', 'p.id', 'pd.problem_id')
        .innerJoin('departments as d', 'd.id', 'pd.department_id')
        .select([
          'pd.department_id',
          'd.name',
          'pd.accepted_at',
          'p.id as problem_id',
          'p.coordination_due_at',
          'p.answered_at',
          'p.status',
        ])
        .where('p.community_id', 'in', ids)
        .where('p.received_at', '>=', fromMs)
        .where('p.received_at', '<', toMs)
        .where('p.status', '!=', 'merged')
        .where('pd.status', '!=', 'handed_back')
        .execute();
      const ratings = await db
        .selectFrom('ratings as r')
        .innerJoin('troubles as t', 't.id', 'r.trouble_id')
        .select(['r.rating', 'r.problem_id', 't.community_id'])
        .where('t.community_id', 'in', ids)
        .where('t.received_at', '>=', fromMs)
        .where('t.received_at', '<', toMs)
        .execute();
      const deptIds = [...new Set(assignments.map((a) => a.department_id))];
      const departments = deptIds.map((id) => {
        const mine = assignments.filter((a) => a.department_id === id);
        const problemIds = new Set(mine.map((a) => a.problem_id));
        const rs = ratings.filter((r) => r.problem_id !== null && problemIds.has(r.problem_id));
        const responded = mine.filter(
          (a) =>
            (a.accepted_at !== null && a.accepted_at <= a.coordination_due_at) ||
            (a.answered_at !== null && a.answered_at <= a.coordination_due_at),
        );
        return {
          id,
          name: mine[0]!.name,
          problems: problemIds.size,
          responseRate: percent(responded.length, mine.length),
          resolutionRate: percent(
            mine.filter((a) => ANSWERED.includes(a.status)).length,
            mine.length,
          ),
          satisfactionRate: satisfied(rs),
          ratings: rs.length,
        };
      });
      const problems = await read.problemsInPeriod(scope.communityIds, period.from, period.to);
      const names = await db
        .selectFrom('communities')
        .select(['id', 'name'])
        .where('id', 'in', ids)
        .execute();
      const communities = names.map((c) => {
        const mine = problems.filter((p) => p.community_id === c.id);
        const rs = ratings.filter((r) => r.community_id === c.id);
        return {
          id: c.id,
          name: c.name,
          problems: mine.length,
          responseRate: percent(
            mine.filter(
              (p) => p.coordinated_at !== null && p.coordinated_at <= p.coordination_due_at,
            ).length,
            mine.length,
          ),
          resolutionRate: percent(
            mine.filter((p) => ANSWERED.includes(p.status)).length,
            mine.length,
          ),
          satisfactionRate: satisfied(rs),
          ratings: rs.length,
        };
      });
      return {
        formulaVersion: THREE_RATES_VERSION,
        period,
        departments: rankRates(departments),
        communities: rankRates(communities),
      };
    },

    /** 幸福指数 v1 = 100 × (满意 + 0.6 × 基本满意) / all ratings given in the period. */
    async happiness(
      actor: Actor,
      q: PeriodInput & { community?: string },
    ): Promise<HappinessIndex> {
      const period = resolvePeriod(q, clock.now());
      const scope = await resolveIndexScope(db, actor, q.community);
      const rows = await db
        .selectFrom('ratings as r')
        .innerJoin('troubles as t', 't.id', 'r.trouble_id')
        .select('r.rating')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('t.community_id', 'in', scope.communityIds.length ? scope.communityIds : [''])
        .where('r.created_at', '>=', localDayStart(period.from))
        .where('r.created_at', '<', localDayStart(period.to))
        .groupBy('r.rating')
        .execute();
      const n = (k: string) => Number(rows.find((r) => r.rating === k)?.n ?? 0);
      const ratings = {
        satisfied: n('satisfied'),
        basicallySatisfied: n('basically_satisfied'),
        dissatisfied: n('dissatisfied'),
      };
      const total = ratings.satisfied + ratings.basicallySatisfied + ratings.dissatisfied;
      return {
        formulaVersion: HAPPINESS_VERSION,
        scope: { communityId: scope.communityId, communityName: scope.communityName, filters: {} },
        period,
        value:
          total === 0
            ? null
            : round2((100 * (ratings.satisfied + 0.6 * ratings.basicallySatisfied)) / total),
        ratings,
      };
    },

    /** Early warnings of a month (default: the last complete month) for the communities in scope. */
    async warnings(
      actor: Actor,
      q: { community?: string; month?: string },
    ): Promise<EarlyWarning[]> {
      const scope = await resolveIndexScope(db, actor, q.community);
      const month = q.month ?? addMonths(localDay(clock.now()).slice(0, 7), -1);
      const from = `${addMonths(month, -6)}-01`;
      const to = `${addMonths(month, 1)}-01`;
      const categories = await read.categories();
      const topOf = new Map(categories.map((c) => [c.id, c.parentId ?? c.id]));
      const months = monthsOf({ from, to });
      const out: EarlyWarning[] = [];
      for (const communityId of scope.communityIds) {
        const cells = await read.monthlyByCategory([communityId], from, to);
        for (const top of categories.filter((c) => c.parentId === null)) {
          const series = months.map((m) =>
            cells
              .filter((c) => c.month === m && topOf.get(c.categoryId) === top.id)
              .reduce((s, c) => s + c.count, 0),
          );
          const x = series[series.length - 1]!;
          const trailing = series.slice(0, -1);
          if (isWarning(x, trailing)) {
            const { baseline, score } = robustZ(x, trailing);
            out.push({
              categoryId: top.id,
              code: top.code,
              name: top.name,
              communityId,
              month,
              count: x,
              baseline,
              score: round2(score),
            });
          }
        }
      }
      return out;
    },

    /** The month's problems with the most troubles (then priority). */
    async topProblems(
      actor: Actor,
      q: { community?: string; month: string; limit: number },
    ): Promise<ProblemSummaryItem[]> {
      const scope = await resolveIndexScope(db, actor, q.community);
      const period = resolvePeriod({ month: q.month }, clock.now());
      const rows = await db
        .selectFrom('problems')
        .select('problems.id')
        .select((eb) =>
          eb
            .selectFrom('troubles')
            .select((e2) => e2.fn.countAll<number>().as('n'))
            .whereRef('troubles.problem_id', '=', 'problems.id')
            .as('trouble_count'),
        )
        .where('problems.community_id', 'in', scope.communityIds.length ? scope.communityIds : [''])
        .where('problems.received_at', '>=', localDayStart(period.from))
        .where('problems.received_at', '<', localDayStart(period.to))
        .where('problems.status', '!=', 'merged')
        .orderBy('trouble_count', 'desc')
        .orderBy('problems.priority')
        .orderBy('problems.id')
        .limit(q.limit)
        .execute();
      return summaries(rows);
    },

    /** Problems answered most recently (big screen). */
    async recentlyResolved(
      actor: Actor,
      q: { community?: string; limit: number },
    ): Promise<ProblemSummaryItem[]> {
      const scope = await resolveIndexScope(db, actor, q.community);
      const rows = await db
        .selectFrom('problems')
        .select('id')
        .where('community_id', 'in', scope.communityIds.length ? scope.communityIds : [''])
        .where('status', 'in', ANSWERED as ('resolved' | 'replied' | 'closed')[])
        .where('answered_at', 'is not', null)
        .orderBy('answered_at', 'desc')
        .limit(q.limit)
        .execute();
      return summaries(rows);
    },

    /** Problems overdue now, the longest overdue first, with the lead department. */
    async overdueProblems(actor: Actor, q: { community?: string; limit: number }) {
      const scope = await resolveIndexScope(db, actor, q.community);
      const rows = await db
        .selectFrom('problems')
        .select(['id', 'overdue_since'])
        .where('community_id', 'in', scope.communityIds.length ? scope.communityIds : [''])
        .where('overdue_kind', 'is not', null)
        .orderBy('overdue_since')
        .limit(q.limit)
        .execute();
      const items = await summaries(rows);
      const leads = rows.length
        ? await db
            .selectFrom('problem_departments')
            .innerJoin('departments', 'departments.id', 'problem_departments.department_id')
            .select(['problem_departments.problem_id', 'departments.name'])
            .where(
              'problem_departments.problem_id',
              'in',
              rows.map((r) => r.id),
            )
            .where('problem_departments.role', '=', 'lead')
            .where('problem_departments.status', '!=', 'handed_back')
            .execute()
        : [];
      const now = clock.now();
      return items.map((item, i) => ({
        ...item,
        departmentName: leads.find((l) => l.problem_id === item.id)?.name ?? null,
        daysOverdue: Math.floor((now - (rows[i]!.overdue_since ?? now)) / DAY_MS),
      }));
    },

    earlyWarningVersion: EARLY_WARNING_VERSION,
  };
}
