/**
 * Response shapes of the indices API (`/api/v1/indices/*`, `/api/v1/screen/*`), shared by the
 * server and the web app. Percentages are numbers with 2 decimals (13.94 means 13.94 %).
 * Periods are half-open local (Asia/Shanghai) day ranges: `from` inclusive, `to` exclusive.
 */

export interface IndexPeriod {
  from: string; // YYYY-MM-DD
  to: string; // YYYY-MM-DD, exclusive
  previousFrom: string;
  previousTo: string;
}

export interface IndexScope {
  /** null = the whole county (all communities the caller may see). */
  communityId: string | null;
  communityName: string | null;
  filters: { enterpriseId?: string; industry?: string; channel?: string; reporterType?: string };
}

export interface CategoryShare {
  id: string;
  code: string;
  name: string;
  nameEn: string;
  count: number;
  /** Percent of all troubles in the period, 2 decimals. */
  share: number;
  /** 1 = most troubles; equal counts share a rank (1, 2, 2, 4). */
  rank: number;
  previousCount: number;
  previousShare: number;
  /** Change of the share against the previous period in percentage points; null when the previous period had no troubles. */
  change: number | null;
}

export interface ProblemFigures {
  total: number;
  /** 办结: resolved, replied or closed. */
  resolved: number;
  closed: number;
  /** Percent of the period's problems coordinated within their coordination deadline (24 h by default). */
  coordinationOnTimeRate: number;
  /** Percent of the period's problems resolved or replied within their resolution deadline (7 days by default). */
  resolutionOnTimeRate: number;
  /** Problems of the period that are overdue now. */
  overdue: number;
}

export interface TroubleIndex {
  formulaVersion: string;
  scope: IndexScope;
  period: IndexPeriod;
  total: number;
  previousTotal: number;
  /** First-level categories, ranked; each with its second-level children. */
  categories: (CategoryShare & { children: CategoryShare[] })[];
  unclassified: { count: number; share: number };
  problems: ProblemFigures;
}

export interface TroubleTrend {
  formulaVersion: string;
  scope: IndexScope;
  months: string[]; // YYYY-MM
  series: { id: string; code: string; name: string; counts: number[] }[];
  totals: number[];
}

export interface CategoryIntensity {
  id: string;
  code: string;
  name: string;
  /** 0–100, see docs/indices.md. */
  intensity: number;
  count: number;
  majorShare: number;
  urgentShare: number;
  workersAffected: number;
  avgOpenDays: number;
}

export interface TroubleIntensity {
  formulaVersion: string;
  scope: IndexScope;
  period: IndexPeriod;
  categories: CategoryIntensity[];
}

export interface RateRow {
  id: string;
  name: string;
  problems: number;
  /** 响应率: percent of assigned problems accepted or answered within the coordination deadline. */
  responseRate: number;
  /** 解决率: percent of problems resolved or replied. */
  resolutionRate: number;
  /** 满意率: percent of ratings 满意 or 基本满意 among all ratings. */
  satisfactionRate: number | null;
  ratings: number;
  rank: number;
}

export interface ThreeRates {
  formulaVersion: string;
  period: IndexPeriod;
  departments: RateRow[];
  communities: RateRow[];
}

export interface HappinessIndex {
  formulaVersion: string;
  scope: IndexScope;
  period: IndexPeriod;
  /** 0–100; null without any rating in the period. */
  value: number | null;
  ratings: { satisfied: number; basicallySatisfied: number; dissatisfied: number };
}

export interface EarlyWarning {
  categoryId: string;
  code: string;
  name: string;
  communityId: string;
  month: string;
  count: number;
  /** Median of the trailing months. */
  baseline: number;
  /** Robust z-score (see docs/indices.md). */
  score: number;
}

export interface ProblemSummaryItem {
  id: string;
  code: string;
  title: string;
  category: string | null;
  status: string;
  priority: string;
  troubleCount: number;
  receivedAt: number;
  answeredAt: number | null;
  resolutionDueAt: number;
  publicSummary: string | null;
}

/** Everything the big screen (大屏) shows, fetched with a display token. */
export interface ScreenData {
  communityName: string;
  generatedAt: number;
  month: TroubleIndex;
  range: TroubleIndex;
  trend: TroubleTrend;
  recentlyResolved: ProblemSummaryItem[];
  /** Job postings appear here once the employment station exists (empty for now). */
  jobPostings: { title: string; enterprise: string; headcount: number; pay: string }[];
}
