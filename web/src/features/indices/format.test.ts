import { describe, expect, it } from 'vitest';

import {
  categoryLabel,
  formatChange,
  formatCount,
  formatDateTime,
  formatMonthShort,
  formatPercent,
  formatPeriodLabel,
  formatScore,
} from './format';
import { customPeriod, monthPeriod, quarterPeriod, yearPeriod } from './period';

describe('numbers', () => {
  it('prints percentages with two decimals, as in the article', () => {
    expect(formatPercent(13.94)).toBe('13.94%');
    expect(formatPercent(7.8)).toBe('7.80%');
    expect(formatPercent(100)).toBe('100.00%');
    expect(formatPercent(null)).toBe('—');
    expect(formatPercent(Number.NaN)).toBe('—');
  });

  it('prints changes in percentage points with an arrow and direction', () => {
    expect(formatChange(1.234)).toEqual({ text: '↑ 1.23', direction: 'up' });
    expect(formatChange(-0.5)).toEqual({ text: '↓ 0.50', direction: 'down' });
    expect(formatChange(0.001)).toEqual({ text: '0.00', direction: 'flat' });
    expect(formatChange(null)).toEqual({ text: '—', direction: 'none' });
  });

  it('groups counts by locale and prints scores with one decimal', () => {
    expect(formatCount(12345, 'en')).toBe('12,345');
    expect(formatCount(409, 'zh-CN')).toBe('409');
    expect(formatCount(undefined, 'en')).toBe('—');
    expect(formatScore(87.9)).toBe('87.9');
    expect(formatScore(null)).toBe('—');
  });
});

describe('period labels', () => {
  it('names months, quarters and years in Chinese and English', () => {
    expect(formatPeriodLabel(monthPeriod(2023, 9), 'zh-CN')).toBe('2023年9月');
    expect(formatPeriodLabel(monthPeriod(2023, 9), 'en')).toBe('September 2023');
    expect(formatPeriodLabel(quarterPeriod(2023, 3), 'zh-CN')).toBe('2023年第3季度');
    expect(formatPeriodLabel(quarterPeriod(2023, 3), 'en')).toBe('2023 Q3');
    expect(formatPeriodLabel(yearPeriod(2023), 'zh-CN')).toBe('2023年');
  });

  it('names whole-month custom ranges by their months and others by their days', () => {
    const mayToSeptember = customPeriod('2023-05-01', '2023-10-01')!;
    expect(formatPeriodLabel(mayToSeptember, 'zh-CN')).toBe('2023年5月至9月');
    expect(formatPeriodLabel(mayToSeptember, 'en')).toBe('May – September 2023');
    const acrossYears = customPeriod('2023-11-01', '2024-03-01')!;
    expect(formatPeriodLabel(acrossYears, 'zh-CN')).toBe('2023年11月至2024年2月');
    expect(formatPeriodLabel(customPeriod('2023-09-01', '2023-10-01')!, 'zh-CN')).toBe('2023年9月');
    expect(formatPeriodLabel(customPeriod('2023-05-03', '2023-06-11')!, 'zh-CN')).toBe(
      '2023-05-03 至 2023-06-10',
    );
  });

  it('shortens months for chart axes', () => {
    expect(formatMonthShort('2023-05', 'zh-CN')).toBe('2023年5月');
    expect(formatMonthShort('2023-05', 'en')).toBe('May 2023');
  });
});

describe('times and names', () => {
  it('prints instants in Asia/Shanghai time', () => {
    expect(formatDateTime(Date.UTC(2023, 8, 14, 0, 30))).toBe('2023-09-14 08:30');
    expect(formatDateTime(null)).toBe('—');
  });

  it('uses the English category name in English when there is one', () => {
    const category = { name: '招工用工', nameEn: 'Recruitment & staffing' };
    expect(categoryLabel(category, 'zh-CN')).toBe('招工用工');
    expect(categoryLabel(category, 'en')).toBe('Recruitment & staffing');
    expect(categoryLabel({ name: '其他', nameEn: '' }, 'en')).toBe('其他');
  });
});
