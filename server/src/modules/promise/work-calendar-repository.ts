import { createRequire } from 'node:module';

import type { Kysely } from 'kysely';

import type { DB } from '../../db/schema';
import type { DayOverride, WorkCalendar } from './deadlines';

interface ChineseDaysData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

/**
 * The official holiday and make-up-workday calendar shipped in the `chinese-days` package
 * (State Council notices, 2004–2026). Loaded into `work_calendar` at start; admins edit it there
 * and add new years when the State Council publishes them (usually in November).
 */
export function shippedCalendar(): {
  days: { day: string; isOffDay: boolean; name: string }[];
  years: number[];
} {
  const require = createRequire(import.meta.url);
  const data = require('chinese-days/dist/chinese-days.json') as ChineseDaysData;
  const days: { day: string; isOffDay: boolean; name: string }[] = [];
  const nameOf = (raw: string) => raw.split(',')[1] ?? raw;
  for (const [day, raw] of Object.entries(data.holidays)) {
    days.push({ day, isOffDay: true, name: nameOf(raw) });
  }
  for (const [day, raw] of Object.entries(data.workdays)) {
    days.push({ day, isOffDay: false, name: `${nameOf(raw)}调休上班` });
  }
  const years = [...new Set(days.map((d) => Number(d.day.slice(0, 4))))].sort((a, b) => a - b);
  return { days, years };
}

export function createWorkCalendarRepository(db: Kysely<DB>) {
  return {
    /** Loads the shipped years that are not in the database yet; returns how many were added. */
    async seedShipped(now: number): Promise<number> {
      const shipped = shippedCalendar();
      const known = new Set(
        (await db.selectFrom('calendar_years').select('year').execute()).map((r) => r.year),
      );
      const missing = shipped.years.filter((y) => !known.has(y));
      if (missing.length === 0) {
        return 0;
      }
      await db.transaction().execute(async (trx) => {
        const rows = shipped.days
          .filter((d) => missing.includes(Number(d.day.slice(0, 4))))
          .map((d) => ({
            day: d.day,
            is_off_day: d.isOffDay ? (1 as const) : (0 as const),
            name: d.name,
            source: 'chinese-days',
            updated_at: now,
            updated_by: null,
          }));
        for (let i = 0; i < rows.length; i += 200) {
          await trx
            .insertInto('work_calendar')
            .values(rows.slice(i, i + 200))
            .onConflict((oc) => oc.column('day').doNothing())
            .execute();
        }
        await trx
          .insertInto('calendar_years')
          .values(missing.map((year) => ({ year, source: 'chinese-days', loaded_at: now })))
          .onConflict((oc) => oc.column('year').doNothing())
          .execute();
      });
      return missing.length;
    },

    async load(): Promise<WorkCalendar> {
      const [days, years] = await Promise.all([
        db.selectFrom('work_calendar').select(['day', 'is_off_day']).execute(),
        db.selectFrom('calendar_years').select('year').execute(),
      ]);
      const overrides = new Map<string, DayOverride>();
      for (const d of days) {
        overrides.set(d.day, { isOffDay: d.is_off_day === 1 });
      }
      return { overrides, coveredYears: new Set(years.map((y) => y.year)) };
    },

    async listYear(year: number) {
      return db
        .selectFrom('work_calendar')
        .selectAll()
        .where('day', '>=', `${year}-01-01`)
        .where('day', '<', `${year + 1}-01-01`)
        .orderBy('day')
        .execute();
    },

    async years() {
      return db.selectFrom('calendar_years').selectAll().orderBy('year').execute();
    },

    async upsertDay(row: {
      day: string;
      isOffDay: boolean;
      name: string;
      userId: string | null;
      now: number;
    }) {
      await db
        .insertInto('work_calendar')
        .values({
          day: row.day,
          is_off_day: row.isOffDay ? 1 : 0,
          name: row.name,
          source: 'admin',
          updated_at: row.now,
          updated_by: row.userId,
        })
        .onConflict((oc) =>
          oc.column('day').doUpdateSet({
            is_off_day: row.isOffDay ? 1 : 0,
            name: row.name,
            source: 'admin',
            updated_at: row.now,
            updated_by: row.userId,
          }),
        )
        .execute();
    },

    async deleteDay(day: string): Promise<boolean> {
      const r = await db.deleteFrom('work_calendar').where('day', '=', day).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },

    /** Marks a year's calendar as complete (admin has entered the State Council notice). */
    async markYearCovered(year: number, source: string, now: number) {
      await db
        .insertInto('calendar_years')
        .values({ year, source, loaded_at: now })
        .onConflict((oc) => oc.column('year').doUpdateSet({ source, loaded_at: now }))
        .execute();
    },
  };
}
