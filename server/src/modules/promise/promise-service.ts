import type { Kysely } from 'kysely';

import type { DB } from '../../db/schema';
import type { Deps } from '../../deps';
import type { Actor } from '../../shared/actor';
import { appendAudit } from '../../shared/audit';
import { localDay } from '../../shared/business-time';
import { notFound } from '../../shared/errors';
import { invalidateCalendar, loadCalendar } from './calendar-provider';
import {
  getCommunitySettings,
  type SlaSettings,
  updateCommunitySettings,
} from './community-settings';
import { promiseDeadlines } from './deadlines';
import { raiseAlert } from './system-alerts';
import { createWorkCalendarRepository } from './work-calendar-repository';

/**
 * The deadlines of a problem received at `receivedAt` in a community, by its SLA settings and
 * the working-day calendar. An estimate (calendar year missing) raises an admin alert.
 */
export async function computeDeadlines(
  db: Kysely<DB>,
  communityId: string,
  receivedAt: number,
  now: number,
) {
  const settings = await getCommunitySettings(db, communityId);
  const calendar = await loadCalendar(db, now);
  const d = promiseDeadlines(receivedAt, settings, calendar);
  if (d.estimated) {
    const year = localDay(d.resolutionDueAt).slice(0, 4);
    await raiseAlert(db, {
      kind: 'calendar-missing',
      key: `calendar-missing:${year}`,
      message: `${year} 年法定节假日与调休安排尚未导入，按工作日计算的期限按周一至周五估算。`,
      now,
    });
  }
  return { ...d, settings };
}

export function createPromiseService(deps: Pick<Deps, 'db' | 'dialect' | 'clock'>) {
  const { db, dialect, clock } = deps;
  const calendarRepo = createWorkCalendarRepository(db);

  function assertCommunityInScope(
    actor: Actor,
    communityId: string,
    community: { county_id: string } | undefined,
  ) {
    const visible =
      community !== undefined &&
      (actor.role === 'staff'
        ? actor.communityId === communityId
        : actor.countyId === community.county_id);
    if (!visible) {
      throw notFound('community', communityId);
    }
  }

  return {
    async getSettings(actor: Actor, communityId: string): Promise<SlaSettings> {
      const c = await db
        .selectFrom('communities')
        .select('county_id')
        .where('id', '=', communityId)
        .executeTakeFirst();
      assertCommunityInScope(actor, communityId, c);
      return getCommunitySettings(db, communityId);
    },

    async updateSettings(actor: Actor, input: SlaSettings): Promise<SlaSettings> {
      const c = await db
        .selectFrom('communities')
        .select('county_id')
        .where('id', '=', input.communityId)
        .executeTakeFirst();
      assertCommunityInScope(actor, input.communityId, c);
      await db.transaction().execute(async (trx) => {
        const before = await getCommunitySettings(trx, input.communityId);
        await updateCommunitySettings(trx, { ...input, userId: actor.userId, now: clock.now() });
        await appendAudit(trx, dialect, {
          actor,
          action: 'settings.sla.update',
          targetType: 'community',
          targetId: input.communityId,
          outcome: 'success',
          detail: { before, after: input },
          at: clock.now(),
        });
      });
      return getCommunitySettings(db, input.communityId);
    },

    async calendarYear(year: number) {
      const [days, years] = await Promise.all([calendarRepo.listYear(year), calendarRepo.years()]);
      const covered = years.find((y) => y.year === year);
      return {
        year,
        covered: covered !== undefined,
        source: covered?.source ?? null,
        days: days.map((d) => ({
          day: d.day,
          isOffDay: d.is_off_day === 1,
          name: d.name,
          source: d.source,
        })),
      };
    },

    async coveredYears() {
      return (await calendarRepo.years()).map((y) => y.year);
    },

    async setDay(actor: Actor, input: { day: string; isOffDay: boolean; name: string }) {
      await db.transaction().execute(async (trx) => {
        await createWorkCalendarRepository(trx).upsertDay({
          ...input,
          userId: actor.userId,
          now: clock.now(),
        });
        await appendAudit(trx, dialect, {
          actor,
          action: 'calendar.setDay',
          targetType: 'calendarDay',
          targetId: input.day,
          outcome: 'success',
          detail: input,
          at: clock.now(),
        });
      });
      invalidateCalendar(db);
    },

    async deleteDay(actor: Actor, day: string) {
      const deleted = await db.transaction().execute(async (trx) => {
        const ok = await createWorkCalendarRepository(trx).deleteDay(day);
        if (ok) {
          await appendAudit(trx, dialect, {
            actor,
            action: 'calendar.deleteDay',
            targetType: 'calendarDay',
            targetId: day,
            outcome: 'success',
            at: clock.now(),
          });
        }
        return ok;
      });
      if (!deleted) {
        throw notFound('calendarDay', day);
      }
      invalidateCalendar(db);
    },

    /** Admin uploads a year's holidays and make-up days at once and marks the year complete. */
    async loadYear(
      actor: Actor,
      input: {
        year: number;
        days: { day: string; isOffDay: boolean; name: string }[];
        source: string;
      },
    ) {
      await db.transaction().execute(async (trx) => {
        const repo = createWorkCalendarRepository(trx);
        for (const d of input.days) {
          await repo.upsertDay({ ...d, userId: actor.userId, now: clock.now() });
        }
        await repo.markYearCovered(input.year, input.source, clock.now());
        await appendAudit(trx, dialect, {
          actor,
          action: 'calendar.loadYear',
          targetType: 'calendarYear',
          targetId: String(input.year),
          outcome: 'success',
          detail: { days: input.days.length, source: input.source },
          at: clock.now(),
        });
      });
      invalidateCalendar(db);
    },
  };
}

export type PromiseService = ReturnType<typeof createPromiseService>;
