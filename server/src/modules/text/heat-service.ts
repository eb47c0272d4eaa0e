import { createHash } from 'node:crypto';

import type { Deps } from '../../deps';
import type { Actor } from '../../shared/actor';
import { localDayStart } from '../../shared/business-time';
import { resolveIndexScope, resolvePeriod } from '../indices';
import { HEAT_FORMULA_VERSION, heatIndex, type HeatItem } from './heat-index';
import { troublesForHeat } from './heat-repository';

export interface HotProblemsQuery {
  community?: string;
  from?: string;
  to?: string;
  month?: string;
  limit: number;
}

type Row = Awaited<ReturnType<typeof troublesForHeat>>[number];

/**
 * 热点问题 (hot problems): the problems of a period ranked by `heat/1` (heat-index.ts) with
 * their place (community, the enterprises most of their troubles come from) and time range.
 * Scope as for the indices (staff: their community; county roles: the county or one
 * community), and problems only within the actor's problem scope.
 */
export function createHeatService(deps: Pick<Deps, 'db' | 'clock' | 'crypto'>) {
  const { db, clock, crypto } = deps;

  /**
   * Who reported: the logged-in user, else a hash of the phone number, else the name within the
   * enterprise; anonymous reports (the app stores no device or IP) count one each.
   */
  function reporterOf(r: Row): string | undefined {
    if (r.reporter_user_id) {
      return `u:${r.reporter_user_id}`;
    }
    if (r.reporter_phone_enc) {
      try {
        const phone = crypto.decrypt(r.reporter_phone_enc).replace(/\D/g, '');
        return `p:${createHash('sha256').update(phone).digest('hex').slice(0, 16)}`;
      } catch {
        // an unreadable phone (key rotated) falls through to the name
      }
    }
    if (r.reporter_name?.trim()) {
      return `n:${r.reporter_name.trim()}@${r.enterprise_id ?? ''}`;
    }
    return undefined;
  }

  return {
    async hotProblems(actor: Actor, q: HotProblemsQuery) {
      const period = resolvePeriod(q, clock.now());
      const scope = await resolveIndexScope(db, actor, q.community);
      const from = localDayStart(period.from);
      const to = localDayStart(period.to);
      const rows = await troublesForHeat(db, actor, {
        communityIds: scope.communityIds,
        from: localDayStart(period.previousFrom),
        to,
      });
      const byProblem = new Map<string, Row[]>();
      for (const r of rows) {
        const list = byProblem.get(r.problem_id!) ?? [];
        list.push(r);
        byProblem.set(r.problem_id!, list);
      }
      const ranked = [...byProblem.values()]
        .map((list) => {
          const items: HeatItem[] = list.map((r) => ({
            reporter: reporterOf(r),
            time: Number(r.received_at),
            // 我也是: the co-workers a report speaks for (workers affected beyond the reporter).
            votes: Math.max(0, r.workers_affected - 1),
          }));
          const heat = heatIndex(items, { from, to });
          const current = list.filter((r) => r.received_at >= from && r.received_at < to);
          const enterprises = new Map<string, { name: string; troubles: number }>();
          for (const r of current) {
            if (r.enterprise_id) {
              const e = enterprises.get(r.enterprise_id) ?? {
                name: r.enterprise_name ?? '',
                troubles: 0,
              };
              e.troubles++;
              enterprises.set(r.enterprise_id, e);
            }
          }
          const p = list[0]!;
          return {
            problemId: p.problem_id!,
            code: p.problem_code,
            title: p.problem_title,
            status: p.problem_status,
            communityId: p.community_id,
            communityName: p.community_name,
            enterprises: [...enterprises.entries()]
              .map(([id, e]) => ({ id, name: e.name, troubles: e.troubles }))
              .sort((a, b) => b.troubles - a.troubles || a.name.localeCompare(b.name))
              .slice(0, 3),
            ...heat,
          };
        })
        .filter((h) => h.messages > 0)
        .sort(
          (a, b) => b.heat - a.heat || b.reporters - a.reporters || a.code.localeCompare(b.code),
        );
      return {
        formulaVersion: HEAT_FORMULA_VERSION,
        period,
        communityId: scope.communityId,
        items: ranked.slice(0, q.limit).map((h, i) => ({ rank: i + 1, ...h })),
      };
    },
  };
}

export type HeatService = ReturnType<typeof createHeatService>;
