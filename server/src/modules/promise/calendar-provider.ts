import type { Kysely } from 'kysely';

import type { DB } from '../../db/schema';
import type { WorkCalendar } from './deadlines';
import { createWorkCalendarRepository } from './work-calendar-repository';

const TTL_MS = 60_000;
const cache = new WeakMap<Kysely<DB>, { at: number; calendar: Promise<WorkCalendar> }>();

/**
 * The working-day calendar, cached per database for a minute (admin edits invalidate it at
 * once in this process; other instances see them within the minute).
 */
export function loadCalendar(db: Kysely<DB>, now: number): Promise<WorkCalendar> {
  const hit = cache.get(db);
  if (hit && now - hit.at < TTL_MS && now >= hit.at) {
    return hit.calendar;
  }
  const calendar = createWorkCalendarRepository(db).load();
  cache.set(db, { at: now, calendar });
  calendar.catch(() => cache.delete(db));
  return calendar;
}

export function invalidateCalendar(db: Kysely<DB>): void {
  cache.delete(db);
}
