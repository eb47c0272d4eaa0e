import type { Kysely } from 'kysely';

import type { DB } from '../../db/schema';
import { localDay } from '../../shared/business-time';
import { notifyUsers } from '../notifications';
import { raiseAlert, resolveAlert } from './system-alerts';

/**
 * Raises an alert when the current or next year has no official holiday calendar loaded, instead
 * of silently assuming Monday–Friday (the State Council usually publishes next year's notice in
 * November). Admins are notified in-app once per year.
 */
export async function checkCalendarCoverage(db: Kysely<DB>, now: number): Promise<number[]> {
  const year = Number(localDay(now).slice(0, 4));
  const covered = new Set(
    (await db.selectFrom('calendar_years').select('year').execute()).map((r) => r.year),
  );
  const missing: number[] = [];
  for (const y of [year, year + 1]) {
    const key = `calendar-missing:${y}`;
    if (covered.has(y)) {
      await resolveAlert(db, key, now);
      continue;
    }
    missing.push(y);
    const message = `${y} 年法定节假日与调休安排尚未导入，按工作日计算的期限将按周一至周五估算。请在“系统管理 → 节假日日历”中录入国务院办公厅通知。`;
    if (await raiseAlert(db, { kind: 'calendar-missing', key, message, now })) {
      const admins = await db
        .selectFrom('users')
        .select('id')
        .where('role', '=', 'admin')
        .where('active', '=', 1)
        .execute();
      await notifyUsers(
        db,
        admins.map((a) => a.id),
        { kind: 'calendar.missing', title: `${y} 年节假日日历缺失`, body: message, dedupeKey: key },
        now,
      );
    }
  }
  return missing;
}
