import { describe, expect, it } from 'vitest';

import {
  addPromiseTime,
  addWorkingTime,
  escalationLevel,
  promiseDeadlines,
  type WorkCalendar,
} from './deadlines';
import { shippedCalendar } from './work-calendar-repository';

/** Local (UTC+8) wall-clock time to an instant. */
const at = (local: string) => Date.parse(`${local}:00+08:00`);
const local = (ms: number) =>
  new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

function officialCalendar(): WorkCalendar {
  const shipped = shippedCalendar();
  return {
    overrides: new Map(shipped.days.map((d) => [d.day, { isOffDay: d.isOffDay }])),
    coveredYears: new Set(shipped.years),
  };
}

const calendar = officialCalendar();
const settings = { coordinationHours: 24, resolutionHours: 168 };

describe('promise deadlines in natural time', () => {
  it('adds 24 h and 7 days regardless of holidays', () => {
    const d = promiseDeadlines(
      at('2023-09-28T10:00'),
      { ...settings, timeMode: 'natural' },
      calendar,
    );
    expect(local(d.coordinationDueAt)).toBe('2023-09-29 10:00');
    expect(local(d.resolutionDueAt)).toBe('2023-10-05 10:00');
    expect(d.estimated).toBe(false);
  });
});

describe('promise deadlines in working days (official calendar with 调休)', () => {
  it('skips an ordinary weekend', () => {
    const d = addWorkingTime(at('2023-09-15T10:00'), 24, calendar); // Friday
    expect(local(d.at)).toBe('2023-09-18 10:00'); // Monday
  });

  it('starts counting on the next working day when received on a day off', () => {
    const d = addWorkingTime(at('2023-09-16T10:00'), 24, calendar); // Saturday
    expect(local(d.at)).toBe('2023-09-19 00:00'); // the whole of Monday counted
  });

  it('crosses the 2023 中秋/国庆 holiday and counts the 调休 weekend as working days', () => {
    // 2023-09-29 … 10-06 are off; Sat 10-07 and Sun 10-08 are make-up working days.
    const d = promiseDeadlines(
      at('2023-09-28T10:00'),
      { ...settings, timeMode: 'workdays' },
      calendar,
    );
    expect(local(d.coordinationDueAt)).toBe('2023-10-07 10:00');
    // 14 h on 09-28, then 10-07 … 10-12 (6 × 24 h), 10 h on Fri 10-13.
    expect(local(d.resolutionDueAt)).toBe('2023-10-13 10:00');
    expect(d.estimated).toBe(false);
  });

  it('counts a 调休 Sunday before the Spring Festival (2024-02-04) as a working day', () => {
    const d = addWorkingTime(at('2024-02-03T09:00'), 24, calendar); // Saturday off, Sunday works
    expect(local(d.at)).toBe('2024-02-05 00:00');
  });

  it('marks deadlines that reach a year without an official calendar as estimated', () => {
    const d = addPromiseTime({
      start: at('2026-12-28T10:00'),
      hours: 168,
      mode: 'workdays',
      calendar,
    });
    expect(d.estimated).toBe(true);
    const inside = addPromiseTime({
      start: at('2026-06-01T10:00'),
      hours: 168,
      mode: 'workdays',
      calendar,
    });
    expect(inside.estimated).toBe(false);
  });

  it('still knows the calendar has no data beyond its last year (no silent Monday–Friday)', () => {
    expect(calendar.coveredYears.has(2026)).toBe(true);
    expect(calendar.coveredYears.has(2027)).toBe(false);
  });
});

describe('escalation levels', () => {
  const due = at('2023-09-01T10:00');
  it('is 0 before the deadline and 1 right after', () => {
    expect(escalationLevel(due, due, 24)).toBe(0);
    expect(escalationLevel(due, due + 1, 24)).toBe(1);
  });
  it('repeats every interval', () => {
    expect(escalationLevel(due, due + 24 * 3_600_000, 24)).toBe(2);
    expect(escalationLevel(due, due + 72 * 3_600_000 + 1, 24)).toBe(4);
    expect(escalationLevel(due, due + 13 * 3_600_000, 12)).toBe(2);
  });
});
