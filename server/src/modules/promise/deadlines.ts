import type { TimeMode } from '../../../../common/enums';
import {
  DAY_MS,
  HOUR_MS,
  localDay,
  localDayStart,
  localWeekday,
  nextDay,
} from '../../shared/business-time';

/**
 * Deadline maths for the promise (SPEC §3): coordination = received + 24 h, resolution =
 * received + 7 days, in natural time or in working time.
 *
 * Working time: the clock only runs on working days (whole local days, Asia/Shanghai). A
 * trouble received on Friday 10:00 with a 24-hour promise is due Monday 10:00; one received on
 * Saturday is due at the end of Monday. Working days come from the official holiday calendar
 * with its make-up working days (调休); days outside the loaded calendar fall back to
 * Monday–Friday and the result is marked `estimated` so that an alert can be raised.
 */
export interface DayOverride {
  isOffDay: boolean;
}

export interface WorkCalendar {
  /** Explicit entries: holidays (off) and make-up working days (on). */
  overrides: ReadonlyMap<string, DayOverride>;
  /** Years whose official calendar is loaded. */
  coveredYears: ReadonlySet<number>;
}

export interface DayStatus {
  working: boolean;
  covered: boolean;
}

export function dayStatus(calendar: WorkCalendar, day: string): DayStatus {
  const covered = calendar.coveredYears.has(Number(day.slice(0, 4)));
  const override = calendar.overrides.get(day);
  if (override) {
    return { working: !override.isOffDay, covered };
  }
  const weekday = localWeekday(day);
  return { working: weekday !== 0 && weekday !== 6, covered };
}

export interface Deadline {
  at: number;
  /** True when a day outside the loaded calendar was used (Monday–Friday assumed). */
  estimated: boolean;
}

/** Adds `hours` of working time to `start`. */
export function addWorkingTime(start: number, hours: number, calendar: WorkCalendar): Deadline {
  let remaining = hours * HOUR_MS;
  let estimated = false;
  let day = localDay(start);
  let cursor = start;
  // Bounded: at most ~10 years of days are scanned.
  for (let i = 0; i < 3660; i++) {
    const status = dayStatus(calendar, day);
    estimated ||= !status.covered;
    const dayEnd = localDayStart(day) + DAY_MS;
    if (status.working) {
      const available = dayEnd - cursor;
      if (remaining <= available) {
        return { at: cursor + remaining, estimated };
      }
      remaining -= available;
    }
    day = nextDay(day);
    cursor = dayEnd;
  }
  throw new Error('deadline beyond ten years');
}

export function addPromiseTime(input: {
  start: number;
  hours: number;
  mode: TimeMode;
  calendar: WorkCalendar;
}): Deadline {
  if (input.mode === 'natural') {
    return { at: input.start + input.hours * HOUR_MS, estimated: false };
  }
  return addWorkingTime(input.start, input.hours, input.calendar);
}

export interface PromiseSettings {
  timeMode: TimeMode;
  coordinationHours: number;
  resolutionHours: number;
}

/** Both deadlines of a problem received at `receivedAt`. */
export function promiseDeadlines(
  receivedAt: number,
  settings: PromiseSettings,
  calendar: WorkCalendar,
): { coordinationDueAt: number; resolutionDueAt: number; estimated: boolean } {
  const coordination = addPromiseTime({
    start: receivedAt,
    hours: settings.coordinationHours,
    mode: settings.timeMode,
    calendar,
  });
  const resolution = addPromiseTime({
    start: receivedAt,
    hours: settings.resolutionHours,
    mode: settings.timeMode,
    calendar,
  });
  return {
    coordinationDueAt: coordination.at,
    resolutionDueAt: resolution.at,
    estimated: coordination.estimated || resolution.estimated,
  };
}

/**
 * The escalation level reached at `now` for a deadline: 0 before it, 1 once it has passed,
 * and one more for every full `intervalHours` after that (SPEC §3: escalation repeats).
 */
export function escalationLevel(dueAt: number, now: number, intervalHours: number): number {
  if (now <= dueAt) {
    return 0;
  }
  return 1 + Math.floor((now - dueAt) / (intervalHours * HOUR_MS));
}
