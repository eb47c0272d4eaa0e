import type { Deps } from '../../deps';
import { systemActor } from '../../shared/actor';
import { localDay } from '../../shared/business-time';
import { newId } from '../../shared/ids';
import { enqueueDeliveries, notifyUsers, usersWithRole } from '../notifications';
import { createIndexService } from './index-service';

/**
 * Monthly job (1st of the month): checks the previous month of every community for early
 * warnings, raises one system alert per (community, month, category) and notifies the
 * community's staff and the county's supervisors once (deduplicated), so a catch-up run after
 * downtime repeats nothing.
 */
export function createEarlyWarningJob(deps: Pick<Deps, 'db' | 'dialect' | 'clock' | 'config'>) {
  const index = createIndexService(deps);
  return async (payload: unknown, ctx: { now: number }): Promise<number> => {
    const slot = (payload as { slot?: number }).slot ?? ctx.now;
    const d = new Date(`${localDay(slot).slice(0, 7)}-01T00:00:00Z`);
    d.setUTCMonth(d.getUTCMonth() - 1);
    const month = d.toISOString().slice(0, 7);
    const communities = await deps.db
      .selectFrom('communities')
      .select(['id', 'county_id', 'name'])
      .execute();
    let raised = 0;
    for (const c of communities) {
      const warnings = await index.warnings(
        { ...systemActor, countyId: c.county_id },
        { community: c.id, month },
      );
      for (const w of warnings) {
        const key = `early-warning:${c.id}:${month}:${w.code}`;
        const message = `${c.name} ${month}「${w.name}」类烦恼 ${w.count} 件，明显高于前六个月的常态（中位数 ${w.baseline}，稳健 z 值 ${w.score}）。`;
        // The alert, the in-app notices and the outbox rows commit together or not at all.
        const created = await deps.db.transaction().execute(async (trx) => {
          const inserted = await trx
            .insertInto('system_alerts')
            .values({
              id: newId(),
              kind: 'early-warning',
              alert_key: key,
              message,
              created_at: ctx.now,
              resolved_at: null,
            })
            .onConflict((oc) => oc.column('alert_key').doNothing())
            .returning('id')
            .executeTakeFirst();
          if (!inserted) {
            return false;
          }
          const recipients = [
            ...(await usersWithRole(trx, {
              role: 'staff',
              countyId: c.county_id,
              communityId: c.id,
            })),
            ...(await usersWithRole(trx, { role: 'supervisor', countyId: c.county_id })),
          ];
          await notifyUsers(
            trx,
            recipients,
            {
              kind: 'indices.earlyWarning',
              title: `烦恼预警：${w.name}`,
              body: message,
              dedupeKey: key,
            },
            ctx.now,
          );
          await enqueueDeliveries(trx, {
            event: 'indices.earlyWarning',
            communityId: c.id,
            eventKey: key,
            message: {
              title: `烦恼预警：${c.name}「${w.name}」`,
              lines: [message, '请研判原因，必要时列入周必研议题。'],
              linkPath: `/indices?community=${c.id}&month=${month}`,
            },
            now: ctx.now,
          });
          return true;
        });
        raised += created ? 1 : 0;
      }
    }
    return raised;
  };
}
