/**
 * Index periods: half-open ranges of local (Asia/Shanghai) days, `from` inclusive and `to`
 * exclusive, both `YYYY-MM-DD` (STYLE §7.5). Pure functions; `now` is always passed in.
 */

export const PERIOD_KINDS = ['month', 'quarter', 'year', 'custom'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export interface Period {
  kind: PeriodKind;
  from: string;
  to: string;
}

export const QUICK_PICKS = ['thisMonth', 'lastMonth', 'thisQuarter', 'thisYear'] as const;
export type QuickPick = (typeof QUICK_PICKS)[number];

/** China has kept UTC+8 all year since 1991. */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_PATTERN = /^(\d{4})-(\d{2})$/;
const QUARTER_PATTERN = /^(\d{4})-[Qq]([1-4])$/;
const YEAR_PATTERN = /^(\d{4})$/;
const MIN_YEAR = 1970;
const MAX_YEAR = 2999;

interface YearMonth {
  year: number;
  month: number; // 1–12
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function validYear(year: number): boolean {
  return year >= MIN_YEAR && year <= MAX_YEAR;
}

/** `YYYY-MM-DD` → epoch ms of that calendar day at 00:00 UTC (day arithmetic only). */
function utcDay(date: string): number | null {
  const match = DATE_PATTERN.exec(date);
  if (match === null) {
    return null;
  }
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  if (!validYear(year) || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) {
    return null;
  }
  return ms;
}

function formatUtcDay(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

export function addDays(date: string, days: number): string {
  const ms = utcDay(date);
  if (ms === null) {
    throw new Error(`not a date: ${date}`);
  }
  return formatUtcDay(ms + days * DAY_MS);
}

function addMonths({ year, month }: YearMonth, months: number): YearMonth {
  const index = year * 12 + (month - 1) + months;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

const firstOf = ({ year, month }: YearMonth) => `${year}-${pad(month)}-01`;

function yearMonthOf(date: string): YearMonth {
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)) };
}

export function monthPeriod(year: number, month: number): Period {
  return {
    kind: 'month',
    from: firstOf({ year, month }),
    to: firstOf(addMonths({ year, month }, 1)),
  };
}

export function quarterPeriod(year: number, quarter: number): Period {
  const start = { year, month: (quarter - 1) * 3 + 1 };
  return { kind: 'quarter', from: firstOf(start), to: firstOf(addMonths(start, 3)) };
}

export function yearPeriod(year: number): Period {
  return { kind: 'year', from: `${year}-01-01`, to: `${year + 1}-01-01` };
}

/** A custom half-open range, or null unless both are dates and `from` < `to`. */
export function customPeriod(from: string, to: string): Period | null {
  const a = utcDay(from);
  const b = utcDay(to);
  return a !== null && b !== null && a < b ? { kind: 'custom', from, to } : null;
}

/** Today's date in Asia/Shanghai. */
export function shanghaiToday(now: number): string {
  return formatUtcDay(Math.floor((now + SHANGHAI_OFFSET_MS) / DAY_MS) * DAY_MS);
}

/** Epoch ms of 00:00 Asia/Shanghai on `date` (for APIs that take instants). */
export function shanghaiStartMs(date: string): number {
  const ms = utcDay(date);
  if (ms === null) {
    throw new Error(`not a date: ${date}`);
  }
  return ms - SHANGHAI_OFFSET_MS;
}

/** 00:00 Asia/Shanghai on `date` as an ISO-8601 instant with offset (`2023-05-01T00:00:00+08:00`). */
export function shanghaiStartIso(date: string): string {
  if (utcDay(date) === null) {
    throw new Error(`not a date: ${date}`);
  }
  return `${date}T00:00:00+08:00`;
}

export function quickPickPeriod(pick: QuickPick, now: number): Period {
  const today = yearMonthOf(shanghaiToday(now));
  switch (pick) {
    case 'thisMonth':
      return monthPeriod(today.year, today.month);
    case 'lastMonth': {
      const last = addMonths(today, -1);
      return monthPeriod(last.year, last.month);
    }
    case 'thisQuarter':
      return quarterPeriod(today.year, Math.floor((today.month - 1) / 3) + 1);
    case 'thisYear':
      return yearPeriod(today.year);
  }
}

/** The quick pick that yields exactly `period` today, if any. */
export function activeQuickPick(period: Period, now: number): QuickPick | null {
  return (
    QUICK_PICKS.find((pick) => {
      const candidate = quickPickPeriod(pick, now);
      return (
        candidate.kind === period.kind &&
        candidate.from === period.from &&
        candidate.to === period.to
      );
    }) ?? null
  );
}

/** Query parameters naming the period, as both the page URL and the indices API take them. */
export function periodParams(period: Period): Record<string, string> {
  const { year, month } = yearMonthOf(period.from);
  switch (period.kind) {
    case 'month':
      return { month: `${year}-${pad(month)}` };
    case 'quarter':
      return { quarter: `${year}-Q${Math.floor((month - 1) / 3) + 1}` };
    case 'year':
      return { year: String(year) };
    case 'custom':
      return { from: period.from, to: period.to };
  }
}

/** Reads a period from query parameters (month, quarter, year or from+to); null if none is valid. */
export function periodFromParams(params: URLSearchParams): Period | null {
  const month = MONTH_PATTERN.exec(params.get('month') ?? '');
  if (month !== null) {
    const [year, m] = [Number(month[1]), Number(month[2])];
    if (validYear(year) && m >= 1 && m <= 12) {
      return monthPeriod(year, m);
    }
  }
  const quarter = QUARTER_PATTERN.exec(params.get('quarter') ?? '');
  if (quarter !== null && validYear(Number(quarter[1]))) {
    return quarterPeriod(Number(quarter[1]), Number(quarter[2]));
  }
  const year = YEAR_PATTERN.exec(params.get('year') ?? '');
  if (year !== null && validYear(Number(year[1]))) {
    return yearPeriod(Number(year[1]));
  }
  const from = params.get('from');
  const to = params.get('to');
  return from !== null && to !== null ? customPeriod(from, to) : null;
}

/** The last day inside the period (for display: "1 May – 30 Sep"). */
export function lastDayOf(period: Pick<Period, 'to'>): string {
  return addDays(period.to, -1);
}

/** True when the period starts and ends on the first day of a month. */
export function isMonthAligned(period: Pick<Period, 'from' | 'to'>): boolean {
  return period.from.endsWith('-01') && period.to.endsWith('-01');
}

/** The months (`YYYY-MM`) a period touches, in order. */
export function periodMonths(period: Pick<Period, 'from' | 'to'>): string[] {
  const months: string[] = [];
  let cursor = yearMonthOf(period.from);
  const last = yearMonthOf(lastDayOf(period));
  while (cursor.year * 12 + cursor.month <= last.year * 12 + last.month) {
    months.push(`${cursor.year}-${pad(cursor.month)}`);
    cursor = addMonths(cursor, 1);
  }
  return months;
}

/**
 * The month-aligned range the trend and heat map show for a period: the months it touches;
 * a period of one or two months is widened backwards to `minMonths` so it still shows history.
 */
export function trendRange(
  period: Pick<Period, 'from' | 'to'>,
  minMonths = 6,
): { from: string; to: string } {
  const last = yearMonthOf(lastDayOf(period));
  const to = firstOf(addMonths(last, 1));
  const touched = periodMonths(period).length;
  const months = touched >= 3 ? touched : Math.max(touched, minMonths);
  return { from: firstOf(addMonths(last, -(months - 1))), to };
}

/** The latest month (`YYYY-MM`) with any troubles in monthly buckets, or null. */
export function latestMonthWithData(trend: { months: string[]; totals: number[] }): string | null {
  for (let i = trend.months.length - 1; i >= 0; i -= 1) {
    if ((trend.totals[i] ?? 0) > 0) {
      return trend.months[i] ?? null;
    }
  }
  return null;
}

/** `YYYY-MM` → that month as a period. */
export function periodOfMonth(month: string): Period {
  return monthPeriod(Number(month.slice(0, 4)), Number(month.slice(5, 7)));
}

/** Drops the leading months without any troubles (keeps at least one month). */
export function trimLeadingEmptyMonths<
  T extends { months: string[]; totals: number[]; series: { counts: number[] }[] },
>(trend: T): T {
  const first = trend.totals.findIndex((n) => n > 0);
  if (first <= 0) {
    return trend;
  }
  return {
    ...trend,
    months: trend.months.slice(first),
    totals: trend.totals.slice(first),
    series: trend.series.map((s) => ({ ...s, counts: s.counts.slice(first) })),
  };
}
