import type { IndexPeriod } from '../../../../common/indices-types';
import { DAY_MS, localDay } from '../../shared/business-time';
import { badRequest } from '../../shared/errors';

/**
 * Index periods are half-open ranges of local days: `from` inclusive, `to` exclusive
 * (STYLE §7.5: never BETWEEN). The previous period has the same length and ends where this one
 * starts: whole months compare with the same number of months before, other ranges with the
 * same number of days before.
 */
export interface PeriodInput {
  from?: string;
  to?: string;
  month?: string;
  quarter?: string;
  year?: string;
}

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

function addMonths(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + n);
  return d.toISOString().slice(0, 10);
}

function isRealDay(day: string): boolean {
  const t = Date.parse(`${day}T00:00:00Z`);
  return DAY_RE.test(day) && !Number.isNaN(t) && new Date(t).toISOString().startsWith(day);
}

function monthsBetween(from: string, to: string): number {
  return (
    (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 +
    Number(to.slice(5, 7)) -
    Number(from.slice(5, 7))
  );
}

/** True when the period starts and ends on the first day of a month. */
export function isMonthAligned(p: { from: string; to: string }): boolean {
  return p.from.endsWith('-01') && p.to.endsWith('-01');
}

export function resolvePeriod(input: PeriodInput, now: number): IndexPeriod {
  let from: string;
  let to: string;
  if (input.from !== undefined || input.to !== undefined) {
    if (!input.from || !input.to || !isRealDay(input.from) || !isRealDay(input.to)) {
      throw badRequest('periodDays');
    }
    [from, to] = [input.from, input.to];
  } else if (input.month) {
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(input.month)) {
      throw badRequest('periodMonth');
    }
    from = `${input.month}-01`;
    to = addMonths(from, 1);
  } else if (input.quarter) {
    const m = /^(\d{4})-Q([1-4])$/.exec(input.quarter);
    if (!m) {
      throw badRequest('periodQuarter');
    }
    from = `${m[1]}-${String((Number(m[2]) - 1) * 3 + 1).padStart(2, '0')}-01`;
    to = addMonths(from, 3);
  } else if (input.year) {
    if (!/^\d{4}$/.test(input.year)) {
      throw badRequest('periodYear');
    }
    from = `${input.year}-01-01`;
    to = `${Number(input.year) + 1}-01-01`;
  } else {
    from = `${localDay(now).slice(0, 7)}-01`;
    to = addMonths(from, 1);
  }
  if (from >= to) {
    throw badRequest('periodOrder');
  }
  if (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`) > 20 * 366 * DAY_MS) {
    throw badRequest('periodTooLong');
  }
  const aligned = isMonthAligned({ from, to });
  const previousFrom = aligned
    ? addMonths(from, -monthsBetween(from, to))
    : addDays(from, -Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS));
  return { from, to, previousFrom, previousTo: from };
}

/** The months (YYYY-MM) a month-aligned period covers. */
export function monthsOf(p: { from: string; to: string }): string[] {
  const out: string[] = [];
  for (let d = `${p.from.slice(0, 7)}-01`; d < p.to; d = addMonths(d, 1)) {
    out.push(d.slice(0, 7));
  }
  return out;
}

/**
 * Splits [from, to) into whole months (read from the monthly aggregates) and the leading and
 * trailing partial months as day ranges (read from the daily aggregates).
 */
export function splitByMonths(
  from: string,
  to: string,
): { months: string[]; dayRanges: [string, string][] } {
  const firstFull = from.endsWith('-01') ? from : addMonths(`${from.slice(0, 7)}-01`, 1);
  const lastFullEnd = `${to.slice(0, 7)}-01`;
  if (firstFull >= lastFullEnd) {
    return { months: [], dayRanges: [[from, to]] };
  }
  const dayRanges: [string, string][] = [];
  if (from < firstFull) {
    dayRanges.push([from, firstFull]);
  }
  if (lastFullEnd < to) {
    dayRanges.push([lastFullEnd, to]);
  }
  return { months: monthsOf({ from: firstFull, to: lastFullEnd }), dayRanges };
}
