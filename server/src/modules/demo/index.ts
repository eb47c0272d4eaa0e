import type { Kysely } from 'kysely';

import type { Database } from '../../db/database';
import type { DB } from '../../db/schema';
import type { Clock } from '../../shared/clock';
import { createFieldCrypto } from '../../shared/field-crypto';
import { createDisplayToken, rebuildAggregates } from '../indices';
import { topOf } from './demo-categories';
import { hashDemoPasswords, writeDemoPlan } from './demo-loader';
import { buildDemoPlan } from './demo-plan';
import type { DemoPlan } from './demo-types';

export { BRANDS } from './demo-enterprise-words';
export { buildDemoPlan } from './demo-plan';
export { Rng } from './demo-random';
export { composeTrouble, TEXT_CATEGORIES } from './demo-texts';
export type { DemoPlan } from './demo-types';
export { DEMO_USERS, type DemoUser } from './demo-users';

/** What the demo created (whole deployment), with the article's figures for 宝华. */
export interface DemoSummary {
  counties: number;
  communities: number;
  enterprises: number;
  departments: number;
  users: number;
  troubles: number;
  problems: number;
  resolvedProblems: number;
  troublesByTopCategory: Record<string, number>;
  baohua: {
    troubles: number;
    problems: number;
    resolvedProblems: number;
    recruitmentShare: string;
    schoolingShare: string;
  };
}

const RESOLVED = new Set(['resolved', 'replied', 'closed']);

/** The demo big screen opens at /screen/baohua?token=baohua-demo-screen (public demo only). */
export const DEMO_SCREEN_TOKEN = 'baohua-demo-screen';

/** True when no community exists yet (the demo loads only into an empty deployment). */
export async function isDatabaseEmpty(db: Kysely<DB>): Promise<boolean> {
  const row = await db.selectFrom('communities').select('id').limit(1).executeTakeFirst();
  return row === undefined;
}

/**
 * Loads the demo county 上栗县 with 宝华工业社区 (the article's 409 troubles, 43 problems, 38
 * resolved) and 桐木工业小区, in one transaction. Business times are the generator's own 2023
 * timeline; `clock` only dates the reference rows. Phones are encrypted with `fieldKey`.
 */
export async function loadDemo(
  database: Database,
  clock: Clock,
  options: { fieldKey?: string } = {},
): Promise<DemoSummary> {
  const plan = buildDemoPlan();
  const crypto = createFieldCrypto(options.fieldKey ?? 'dev-only-field-key');
  const passwordHashes = await hashDemoPasswords(plan);
  const now = clock.now();
  await database.db.transaction().execute(async (trx) => {
    await writeDemoPlan(trx, plan, { crypto, passwordHashes, now });
    // The demo writes rows directly; the index aggregates are computed from them in one pass.
    await rebuildAggregates(trx);
    const baohua = plan.communities.find((c) => c.key === 'baohua')!;
    await createDisplayToken(trx, {
      communityId: baohua.id,
      label: '社区大厅大屏（演示）',
      createdBy: null,
      now,
      token: DEMO_SCREEN_TOKEN,
    });
  });
  return summarize(plan);
}

/** Counts of a plan, as loadDemo reports them. */
export function summarize(plan: DemoPlan): DemoSummary {
  const byTop = (troubles: DemoPlan['troubles']) => {
    const out: Record<string, number> = {};
    for (const t of troubles) {
      const top = topOf(t.category_code);
      out[top] = (out[top] ?? 0) + 1;
    }
    return out;
  };
  const baohuaId = plan.communities.find((c) => c.key === 'baohua')!.id;
  const troubles = plan.troubles.filter((t) => t.community_id === baohuaId);
  const problems = plan.problems.filter((p) => p.community_id === baohuaId);
  const top = byTop(troubles);
  const share = (code: string) => (((top[code] ?? 0) / troubles.length) * 100).toFixed(2);
  return {
    counties: 1,
    communities: plan.communities.length,
    enterprises: plan.enterprises.length,
    departments: plan.departments.length,
    users: plan.users.length,
    troubles: plan.troubles.length,
    problems: plan.problems.length,
    resolvedProblems: plan.problems.filter((p) => RESOLVED.has(p.status)).length,
    troublesByTopCategory: byTop(plan.troubles),
    baohua: {
      troubles: troubles.length,
      problems: problems.length,
      resolvedProblems: problems.filter((p) => RESOLVED.has(p.status)).length,
      recruitmentShare: share('recruitment'),
      schoolingShare: share('schooling'),
    },
  };
}
