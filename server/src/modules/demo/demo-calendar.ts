import { DAY_MS, HOUR_MS, localDay, localDayStart, localWeekday } from '../../shared/business-time';
import type { Rng } from './demo-random';

/**
 * The demo's 2023 timeline (Asia/Shanghai): May to September, the period of the article, with
 * the official holidays and make-up working days of those months.
 */
export const DEMO_YEAR = 2023;
export const DEMO_MONTHS = [5, 6, 7, 8, 9] as const;
export const MINUTE_MS = 60_000;
export { HOUR_MS };

/** The day the communities were set up: ids of reference rows carry this time. */
export const DEMO_ORIGIN = localDayStart('2023-04-28') + 9 * HOUR_MS;
/** Nothing in the demo happens after the end of September. */
export const DEMO_END = localDayStart('2023-10-01') - MINUTE_MS;

const OFF_DAYS = new Set([
  ...['2023-05-01', '2023-05-02', '2023-05-03'],
  ...['2023-06-22', '2023-06-23', '2023-06-24'],
  ...['2023-09-29', '2023-09-30'],
]);
const MAKE_UP_DAYS = new Set(['2023-05-06', '2023-06-25', '2023-10-07', '2023-10-08']);

/** An instant from a local day and a time of day. */
export function at(day: string, hour: number, minute = 0): number {
  return localDayStart(day) + hour * HOUR_MS + minute * MINUTE_MS;
}

/** The local days of a month of the demo year. */
export function daysOf(month: number): string[] {
  const days: string[] = [];
  for (let d = 1; d <= 31; d++) {
    const date = new Date(Date.UTC(DEMO_YEAR, month - 1, d));
    if (date.getUTCMonth() !== month - 1) {
      break;
    }
    days.push(date.toISOString().slice(0, 10));
  }
  return days;
}

/** True on an official working day (weekdays that are not holidays, plus make-up days). */
export function isWorkingDay(day: string): boolean {
  if (MAKE_UP_DAYS.has(day)) {
    return true;
  }
  if (OFF_DAYS.has(day)) {
    return false;
  }
  const w = localWeekday(day);
  return w !== 0 && w !== 6;
}

/** The n-th given weekday (0 = Sunday) of a month. */
export function nthWeekday(month: number, weekday: number, n: number): string {
  const days = daysOf(month).filter((d) => localWeekday(d) === weekday);
  const day = days[n - 1];
  if (!day) {
    throw new Error(`no weekday ${weekday} #${n} in month ${month}`);
  }
  return day;
}

/** 周五夜诊: the third Friday of the month. */
export function forumDay(month: number): string {
  return nthWeekday(month, 5, 3);
}

/** 职工议事会: the second Wednesday of the month. */
export function councilDay(month: number): string {
  return nthWeekday(month, 3, 2);
}

/** Days on which paper questionnaires are collected and entered: near the 12th and the 26th. */
export function surveyDays(month: number): string[] {
  const days = daysOf(month).filter(isWorkingDay);
  const near = (target: number) => days.find((d) => Number(d.slice(8)) >= target) ?? days.at(-1)!;
  return [near(12), near(26)];
}

/** A uniformly random instant between two instants. */
export function between(rng: Rng, from: number, to: number): number {
  return Math.round(rng.range(from, to) / MINUTE_MS) * MINUTE_MS;
}

/**
 * Moves an instant that falls at night (22:00–07:30) to the next morning's office hours, as
 * people act on the next working morning.
 */
export function daytime(rng: Rng, t: number): number {
  const day = localDay(t);
  const minutes = (t - localDayStart(day)) / MINUTE_MS;
  if (minutes >= 7.5 * 60 && minutes < 22 * 60) {
    return t;
  }
  const morning = minutes < 7.5 * 60 ? day : localDay(t + DAY_MS);
  return at(morning, 8, rng.int(0, 75));
}

/** The latest daytime (07:30–22:00) instant not after `t`: the evening before a night-time `t`. */
export function daytimeBefore(rng: Rng, t: number): number {
  const day = localDay(t);
  const minutes = (t - localDayStart(day)) / MINUTE_MS;
  if (minutes >= 7.5 * 60 && minutes < 22 * 60) {
    return t;
  }
  const evening = minutes < 7.5 * 60 ? localDay(t - DAY_MS) : day;
  return at(evening, 20, rng.int(0, 110));
}

/** The latest office-hours instant not after `t` (the afternoon of the working day before). */
export function officeBefore(rng: Rng, t: number): number {
  let day = localDay(t);
  const minutes = (t - localDayStart(day)) / MINUTE_MS;
  if (isWorkingDay(day) && minutes >= 8.5 * 60 && minutes < 17.5 * 60) {
    return t;
  }
  if (!isWorkingDay(day) || minutes < 9 * 60 + 30) {
    do {
      day = localDay(localDayStart(day) - DAY_MS);
    } while (!isWorkingDay(day));
  }
  return Math.min(at(day, 15, rng.int(30, 120)), t);
}

/**
 * Moves an instant outside office hours (working days 08:30–17:30) to the start of the next
 * working morning: county departments act in office hours.
 */
export function officeTime(rng: Rng, t: number): number {
  let day = localDay(t);
  const minutes = (t - localDayStart(day)) / MINUTE_MS;
  if (isWorkingDay(day) && minutes >= 8.5 * 60 && minutes < 17.5 * 60) {
    return t;
  }
  if (!isWorkingDay(day) || minutes >= 8.5 * 60) {
    do {
      day = localDay(localDayStart(day) + DAY_MS);
    } while (!isWorkingDay(day));
  }
  return at(day, 8, 30 + rng.int(0, 80));
}
