import type { Kysely } from 'kysely';

import type { DB, Trouble } from '../../db/schema';
import { formatLocal } from '../../shared/business-time';
import { enqueueDeliveries } from '../notifications';

/**
 * SPEC §9: a 重急 (P1) trouble goes to the community's channels, in the transaction that made it
 * P1 — at intake, or when triage raises it. Once per trouble: the outbox's event key
 * `trouble-p1:<id>` is unique per channel, so lowering and raising again does not repeat it.
 */
export async function announceP1(trx: Kysely<DB>, t: Trouble, now: number): Promise<void> {
  await enqueueDeliveries(trx, {
    event: 'trouble.p1',
    communityId: t.community_id,
    eventKey: `trouble-p1:${t.id}`,
    message: async () => {
      const c = await trx
        .selectFrom('communities')
        .select('name')
        .where('id', '=', t.community_id)
        .executeTakeFirstOrThrow();
      const category = t.category_id
        ? await trx
            .selectFrom('categories')
            .select('name')
            .where('id', '=', t.category_id)
            .executeTakeFirst()
        : undefined;
      return {
        title: `新的重急烦恼：${t.code}`,
        lines: [
          `${c.name}收到一件重急（P1）烦恼：「${t.title}」`,
          `分类：${category?.name ?? '待分拣'}；涉及职工 ${t.workers_affected} 人`,
          `受理时间：${formatLocal(t.received_at)}，请在 24 小时内协调落实。`,
        ],
        linkPath: `/troubles/${t.id}`,
      };
    },
    now,
  });
}
