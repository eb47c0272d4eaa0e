/**
 * Display formatting for the indices: percentages with 2 decimals (as in the article), changes
 * in percentage points, counts, period labels and Asia/Shanghai times. Pure functions.
 */
import type { Language } from '../../shared/i18n';
import { isMonthAligned, lastDayOf, type Period, periodMonths } from './period';

const DASH = '—';
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const EN_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const pad = (n: number) => String(n).padStart(2, '0');

/** 13.94 → "13.94%"; null → "—". */
export function formatPercent(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value)
    ? DASH
    : `${value.toFixed(2)}%`;
}

export type ChangeDirection = 'up' | 'down' | 'flat' | 'none';

/** A change in percentage points: arrow, absolute value with 2 decimals, and its direction. */
export function formatChange(value: number | null | undefined): {
  text: string;
  direction: ChangeDirection;
} {
  if (value === null || value === undefined || !Number.isFinite(value)) {
    return { text: DASH, direction: 'none' };
  }
  const rounded = Math.round(value * 100) / 100;
  if (rounded === 0) {
    return { text: '0.00', direction: 'flat' };
  }
  return rounded > 0
    ? { text: `↑ ${rounded.toFixed(2)}`, direction: 'up' }
    : { text: `↓ ${Math.abs(rounded).toFixed(2)}`, direction: 'down' };
}

/** Counts with the locale's grouping (1,234). */
export function formatCount(value: number | null | undefined, language: Language): string {
  return value === null || value === undefined
    ? DASH
    : new Intl.NumberFormat(language).format(value);
}

/** A 0–100 score with one decimal; null → "—". */
export function formatScore(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? DASH : value.toFixed(1);
}

function monthLabel(month: string, language: Language, withYear = true): string {
  const [year, m] = [month.slice(0, 4), Number(month.slice(5, 7))];
  if (language === 'zh-CN') {
    return withYear ? `${year}年${m}月` : `${m}月`;
  }
  const name = EN_MONTHS[m - 1] ?? month;
  return withYear ? `${name} ${year}` : name;
}

/** "2023年9月", "2023年第3季度", "2023年5月至9月", "2023-05-03 至 2023-06-10" (and English). */
export function formatPeriodLabel(period: Period, language: Language): string {
  const zh = language === 'zh-CN';
  const year = period.from.slice(0, 4);
  switch (period.kind) {
    case 'month':
      return monthLabel(period.from.slice(0, 7), language);
    case 'quarter': {
      const quarter = Math.floor((Number(period.from.slice(5, 7)) - 1) / 3) + 1;
      return zh ? `${year}年第${quarter}季度` : `${year} Q${quarter}`;
    }
    case 'year':
      return zh ? `${year}年` : year;
    case 'custom':
      break;
  }
  const last = lastDayOf(period);
  if (!isMonthAligned(period)) {
    return zh ? `${period.from} 至 ${last}` : `${period.from} – ${last}`;
  }
  const months = periodMonths(period);
  const first = months[0] ?? period.from.slice(0, 7);
  const final = months[months.length - 1] ?? first;
  if (first === final) {
    return monthLabel(first, language);
  }
  const sameYear = first.slice(0, 4) === final.slice(0, 4);
  return zh
    ? `${monthLabel(first, language)}至${monthLabel(final, language, !sameYear)}`
    : sameYear
      ? `${monthLabel(first, language, false)} – ${monthLabel(final, language)}`
      : `${monthLabel(first, language)} – ${monthLabel(final, language)}`;
}

/** "2023-09" → "2023年9月" / "Sep 2023" (chart axes). */
export function formatMonthShort(month: string, language: Language): string {
  const m = Number(month.slice(5, 7));
  return language === 'zh-CN'
    ? `${month.slice(0, 4)}年${m}月`
    : `${(EN_MONTHS[m - 1] ?? month).slice(0, 3)} ${month.slice(0, 4)}`;
}

/** Epoch ms → "2023-09-14 08:30" in Asia/Shanghai; null → "—". */
export function formatDateTime(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) {
    return DASH;
  }
  const d = new Date(ms + SHANGHAI_OFFSET_MS);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(
    d.getUTCHours(),
  )}:${pad(d.getUTCMinutes())}`;
}

/** The category name in the UI language (English names fall back to Chinese). */
export function categoryLabel(
  category: { name: string; nameEn?: string | undefined },
  language: Language,
): string {
  return language === 'en' && category.nameEn ? category.nameEn : category.name;
}
