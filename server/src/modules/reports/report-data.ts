import type {
  HappinessIndex,
  ProblemSummaryItem,
  ThreeRates,
  TroubleIndex,
  TroubleTrend,
} from '../../../../common/indices-types';
import { systemActor } from '../../shared/actor';
import type { IndexService } from '../indices';
import { addMonths, monthRange } from './report-format';

/** The parts of the indices service the report reads. */
export type ReportSource = Pick<
  IndexService,
  'troubleIndex' | 'trend' | 'threeRates' | 'happiness' | 'topProblems' | 'overdueProblems'
>;

export type OverdueItem = ProblemSummaryItem & {
  departmentName: string | null;
  daysOverdue: number;
};

/** Everything one monthly report shows, for one community and one calendar month. */
export interface ReportData {
  community: { id: string; name: string; countyName: string };
  month: string;
  generatedAt: number;
  index: TroubleIndex;
  /** 本年累计: January of the report's year up to the end of the report month. */
  yearToDate: TroubleIndex;
  /** The last six months up to and including the report month. */
  trend: TroubleTrend;
  happiness: HappinessIndex;
  rates: ThreeRates;
  topProblems: ProblemSummaryItem[];
  /** Problems overdue when the report was generated, the longest overdue first. */
  overdue: OverdueItem[];
}

export const TREND_MONTHS = 6;
export const TOP_PROBLEMS = 10;
export const OVERDUE_LIMIT = 30;

/**
 * Collects the report's figures from the indices (SPEC §4) as the system, scoped to the
 * community's county; every figure comes from the same service the dashboard uses.
 */
export async function collectReportData(
  source: ReportSource,
  input: {
    community: { id: string; name: string; countyId: string; countyName: string };
    month: string;
    now: number;
  },
): Promise<ReportData> {
  const { community, month } = input;
  const actor = { ...systemActor, countyId: community.countyId };
  const range = monthRange(month);
  const q = { community: community.id, month };
  const [index, yearToDate, trend, happiness, rates, topProblems, overdue] = await Promise.all([
    source.troubleIndex(actor, q),
    source.troubleIndex(actor, {
      community: community.id,
      from: `${month.slice(0, 4)}-01-01`,
      to: range.to,
    }),
    source.trend(actor, {
      community: community.id,
      from: `${addMonths(month, 1 - TREND_MONTHS)}-01`,
      to: range.to,
    }),
    source.happiness(actor, q),
    source.threeRates(actor, { community: community.id, ...range }),
    source.topProblems(actor, { ...q, limit: TOP_PROBLEMS }),
    source.overdueProblems(actor, { community: community.id, limit: OVERDUE_LIMIT }),
  ]);
  return {
    community: { id: community.id, name: community.name, countyName: community.countyName },
    month,
    generatedAt: input.now,
    index,
    yearToDate,
    trend,
    happiness,
    rates,
    topProblems,
    overdue,
  };
}
