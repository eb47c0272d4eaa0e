import { describe, expect, it } from 'vitest';

import {
  activeQuickPick,
  addDays,
  customPeriod,
  isMonthAligned,
  lastDayOf,
  latestMonthWithData,
  monthPeriod,
  periodFromParams,
  periodMonths,
  periodParams,
  quarterPeriod,
  quickPickPeriod,
  shanghaiStartIso,
  shanghaiStartMs,
  shanghaiToday,
  trendRange,
  trimLeadingEmptyMonths,
  yearPeriod,
} from './period';

/** 2023-09-30 23:30 in Shanghai = 2023-09-30 15:30 UTC. */
const LATE_SEPTEMBER = Date.UTC(2023, 8, 30, 15, 30);
/** 2024-01-01 00:30 in Shanghai = 2023-12-31 16:30 UTC (already next year locally). */
const NEW_YEAR_SHANGHAI = Date.UTC(2023, 11, 31, 16, 30);

describe('period construction (half-open)', () => {
  it('builds months, quarters and years ending on the next first day', () => {
    expect(monthPeriod(2023, 9)).toEqual({ kind: 'month', from: '2023-09-01', to: '2023-10-01' });
    expect(monthPeriod(2023, 12)).toEqual({
      kind: 'month',
      from: '2023-12-01',
      to: '2024-01-01',
    });
    expect(quarterPeriod(2023, 3)).toEqual({
      kind: 'quarter',
      from: '2023-07-01',
      to: '2023-10-01',
    });
    expect(quarterPeriod(2023, 4).to).toBe('2024-01-01');
    expect(yearPeriod(2023)).toEqual({ kind: 'year', from: '2023-01-01', to: '2024-01-01' });
  });

  it('accepts custom ranges only when both are real days and from < to', () => {
    expect(customPeriod('2023-05-01', '2023-10-01')).toEqual({
      kind: 'custom',
      from: '2023-05-01',
      to: '2023-10-01',
    });
    expect(customPeriod('2023-05-01', '2023-05-01')).toBeNull();
    expect(customPeriod('2023-10-01', '2023-05-01')).toBeNull();
    expect(customPeriod('2023-02-30', '2023-05-01')).toBeNull();
    expect(customPeriod('2023-5-1', '2023-05-02')).toBeNull();
  });

  it('does day arithmetic across months and leap days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-03-01', -1)).toBe('2023-02-28');
    expect(lastDayOf({ to: '2023-10-01' })).toBe('2023-09-30');
  });
});

describe('Asia/Shanghai days', () => {
  it('takes today in Shanghai, not in UTC', () => {
    expect(shanghaiToday(LATE_SEPTEMBER)).toBe('2023-09-30');
    expect(shanghaiToday(NEW_YEAR_SHANGHAI)).toBe('2024-01-01');
  });

  it('turns a local day into the instant of its midnight (UTC+8)', () => {
    expect(shanghaiStartMs('2023-05-01')).toBe(Date.UTC(2023, 3, 30, 16, 0));
    expect(shanghaiStartIso('2023-05-01')).toBe('2023-05-01T00:00:00+08:00');
    expect(Date.parse(shanghaiStartIso('2023-05-01'))).toBe(shanghaiStartMs('2023-05-01'));
  });
});

describe('quick picks', () => {
  it('computes 本月 / 上月 / 本季度 / 本年 from the Shanghai date', () => {
    expect(quickPickPeriod('thisMonth', LATE_SEPTEMBER)).toEqual(monthPeriod(2023, 9));
    expect(quickPickPeriod('lastMonth', LATE_SEPTEMBER)).toEqual(monthPeriod(2023, 8));
    expect(quickPickPeriod('thisQuarter', LATE_SEPTEMBER)).toEqual(quarterPeriod(2023, 3));
    expect(quickPickPeriod('thisYear', LATE_SEPTEMBER)).toEqual(yearPeriod(2023));
    expect(quickPickPeriod('lastMonth', NEW_YEAR_SHANGHAI)).toEqual(monthPeriod(2023, 12));
    expect(quickPickPeriod('thisYear', NEW_YEAR_SHANGHAI)).toEqual(yearPeriod(2024));
  });

  it('recognises the active quick pick, and none for other periods', () => {
    expect(activeQuickPick(monthPeriod(2023, 8), LATE_SEPTEMBER)).toBe('lastMonth');
    expect(activeQuickPick(monthPeriod(2023, 5), LATE_SEPTEMBER)).toBeNull();
    expect(activeQuickPick(customPeriod('2023-09-01', '2023-10-01')!, LATE_SEPTEMBER)).toBeNull();
  });
});

describe('periods in query strings', () => {
  it('writes the shorthand the API takes and reads it back', () => {
    const periods = [
      monthPeriod(2023, 9),
      quarterPeriod(2023, 3),
      yearPeriod(2023),
      customPeriod('2023-05-01', '2023-10-01')!,
    ];
    expect(periods.map(periodParams)).toEqual([
      { month: '2023-09' },
      { quarter: '2023-Q3' },
      { year: '2023' },
      { from: '2023-05-01', to: '2023-10-01' },
    ]);
    for (const period of periods) {
      expect(periodFromParams(new URLSearchParams(periodParams(period)))).toEqual(period);
    }
  });

  it('ignores invalid values and falls through to the next form', () => {
    expect(periodFromParams(new URLSearchParams('month=2023-13&year=2022'))).toEqual(
      yearPeriod(2022),
    );
    expect(periodFromParams(new URLSearchParams('quarter=2023-q2'))).toEqual(
      quarterPeriod(2023, 2),
    );
    expect(periodFromParams(new URLSearchParams('from=2023-05-01'))).toBeNull();
    expect(periodFromParams(new URLSearchParams('from=2023-10-01&to=2023-05-01'))).toBeNull();
    expect(periodFromParams(new URLSearchParams(''))).toBeNull();
  });
});

describe('months and trend ranges', () => {
  it('lists the months a period touches', () => {
    expect(periodMonths({ from: '2023-05-01', to: '2023-10-01' })).toEqual([
      '2023-05',
      '2023-06',
      '2023-07',
      '2023-08',
      '2023-09',
    ]);
    expect(periodMonths({ from: '2023-05-20', to: '2023-06-02' })).toEqual(['2023-05', '2023-06']);
    expect(isMonthAligned({ from: '2023-05-01', to: '2023-10-01' })).toBe(true);
    expect(isMonthAligned({ from: '2023-05-20', to: '2023-10-01' })).toBe(false);
  });

  it('widens one- and two-month periods to six months ending with the period', () => {
    expect(trendRange(monthPeriod(2023, 9))).toEqual({ from: '2023-04-01', to: '2023-10-01' });
    expect(trendRange({ from: '2023-01-10', to: '2023-02-15' })).toEqual({
      from: '2022-09-01',
      to: '2023-03-01',
    });
    expect(trendRange(monthPeriod(2023, 9), 36).from).toBe('2020-10-01');
  });

  it('keeps longer periods to the months they touch', () => {
    expect(trendRange(quarterPeriod(2023, 3))).toEqual({ from: '2023-07-01', to: '2023-10-01' });
    expect(trendRange(customPeriod('2023-05-01', '2023-10-01')!)).toEqual({
      from: '2023-05-01',
      to: '2023-10-01',
    });
    expect(trendRange({ from: '2023-05-20', to: '2023-08-02' })).toEqual({
      from: '2023-05-01',
      to: '2023-09-01',
    });
    expect(trendRange(yearPeriod(2023))).toEqual({ from: '2023-01-01', to: '2024-01-01' });
  });

  it('trims leading months without troubles', () => {
    const trend = {
      months: ['2023-03', '2023-04', '2023-05'],
      totals: [0, 2, 0],
      series: [{ counts: [0, 2, 0] }],
    };
    expect(trimLeadingEmptyMonths(trend)).toEqual({
      months: ['2023-04', '2023-05'],
      totals: [2, 0],
      series: [{ counts: [2, 0] }],
    });
    const empty = { months: ['2023-03'], totals: [0], series: [] };
    expect(trimLeadingEmptyMonths(empty)).toBe(empty);
  });

  it('finds the latest month with troubles', () => {
    expect(
      latestMonthWithData({ months: ['2023-08', '2023-09', '2023-10'], totals: [3, 5, 0] }),
    ).toBe('2023-09');
    expect(latestMonthWithData({ months: ['2023-10'], totals: [0] })).toBeNull();
  });
});
