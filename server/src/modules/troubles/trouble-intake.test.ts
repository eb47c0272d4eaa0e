import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { aggregateSnapshot } from '../../../test/aggregate-snapshot';
import { buildCommunity, buildEnterprise } from '../../../test/factories';
import { useServiceWorld } from '../../../test/service-world';
import type { Actor } from '../../shared/actor';
import { anonymousActor } from '../../shared/actor';
import type { AppError } from '../../shared/errors';
import { newId } from '../../shared/ids';
import { rebuildAggregates } from '../indices';
import type { IntakeBody } from './trouble-schemas';
import { titleFrom } from './trouble-title';

const ctx = useServiceWorld('2026-03-02T02:00:00Z');

/** A parsed intake body (the schema's defaults) with the given fields. */
function body(fields: Partial<IntakeBody>): IntakeBody {
  return {
    channel: 'online',
    body: '车间夜班加班费没有按时发放，希望社区帮忙协调。',
    severity: 'minor',
    urgency: 'normal',
    workersAffected: 1,
    anonymous: true,
    attachmentIds: [],
    ...fields,
  };
}

const codeOf = (outcome: PromiseSettledResult<unknown>) =>
  outcome.status === 'rejected' ? (outcome.reason as AppError).code : 'ok';

async function newCategory(active: 0 | 1) {
  const now = ctx.clock.now();
  const row = {
    id: newId(),
    parent_id: null,
    code: `t-${newId().slice(-8).toLowerCase()}`,
    name: '测试分类',
    name_en: 'test',
    keywords: '[]',
    examples: '[]',
    sort: 99,
    active,
    created_at: now,
    updated_at: now,
  };
  await ctx.database.db.insertInto('categories').values(row).execute();
  return row;
}

async function countTroubles(communityId: string) {
  const r = await ctx.database.db
    .selectFrom('troubles')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('community_id', '=', communityId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

describe('batched intake', () => {
  it("applies each community's 轻重 threshold, and the default where a community has none", async () => {
    const { intake } = ctx.sut;
    const db = ctx.database.db;
    const low = await buildCommunity(db, ctx.world.county.id, ctx.clock.now());
    await db
      .updateTable('community_settings')
      .set({ severity_workers_threshold: 3 })
      .where('community_id', '=', low.id)
      .execute();
    const bare = await buildCommunity(db, ctx.world.county.id, ctx.clock.now());
    await db.deleteFrom('community_settings').where('community_id', '=', bare.id).execute();
    const severities = await Promise.all(
      [
        { communityId: low.id, workersAffected: 3 },
        { communityId: low.id, workersAffected: 2 },
        { communityId: bare.id, workersAffected: 9 },
        { communityId: bare.id, workersAffected: 10 },
      ].map(
        async (fields) =>
          (await intake({ actor: anonymousActor, body: body(fields) })).trouble.severity,
      ),
    );
    expect(severities).toEqual(['major', 'minor', 'minor', 'major']);
  });

  it('commits the good items of one batch and refuses the bad ones, each with its own error', async () => {
    const { intake, deps } = ctx.sut;
    const community = await buildCommunity(ctx.database.db, ctx.world.county.id, ctx.clock.now());
    const inactive = await newCategory(0);
    const sizes: number[] = [];
    deps.committer.observe((n) => sizes.push(n));
    const c = community.id;
    const outcomes = await Promise.allSettled([
      intake({ actor: anonymousActor, body: body({ communityId: c }) }),
      intake({ actor: anonymousActor, body: body({ communityId: c, categoryId: inactive.id }) }),
      intake({ actor: anonymousActor, body: body({ communityId: newId() }) }),
      intake({ actor: anonymousActor, body: body({ communityId: c, enterpriseId: newId() }) }),
      intake({ actor: anonymousActor, body: body({}) }),
      intake({ actor: anonymousActor, body: body({ communityId: c, title: 'second good' }) }),
    ]);
    expect(outcomes.map(codeOf)).toEqual([
      'ok',
      'NOT_FOUND',
      'NOT_FOUND',
      'NOT_FOUND',
      'BAD_REQUEST',
      'ok',
    ]);
    // Refused items write nothing, so the batch commits as one transaction.
    expect(Math.max(...sizes)).toBeGreaterThan(1);
    expect(await countTroubles(c)).toBe(2);

    // An unknown photo is found only after writing: the batch is rolled back and every item
    // retried alone, so only that item fails.
    sizes.length = 0;
    const withPhoto = await Promise.allSettled([
      intake({ actor: anonymousActor, body: body({ communityId: c, title: 'third good' }) }),
      intake({ actor: anonymousActor, body: body({ communityId: c, attachmentIds: [newId()] }) }),
      intake({ actor: anonymousActor, body: body({ communityId: c, title: 'fourth good' }) }),
    ]);
    expect(withPhoto.map(codeOf)).toEqual(['ok', 'RULE_VIOLATION', 'ok']);
    expect(sizes).toEqual([1, 1]);
    expect(await countTroubles(c)).toBe(4);
    const events = await ctx.database.db
      .selectFrom('events')
      .select('entity_id')
      .where('community_id', '=', c)
      .execute();
    expect(events).toHaveLength(4);
  });

  it('refuses an enterprise or a category right after it was deactivated (nothing cached)', async () => {
    const { intake } = ctx.sut;
    const community = await buildCommunity(ctx.database.db, ctx.world.county.id, ctx.clock.now());
    const enterprise = await buildEnterprise(ctx.database.db, community.id, ctx.clock.now());
    const category = await newCategory(1);
    const fields = { communityId: community.id, enterpriseId: enterprise.id };
    await intake({ actor: anonymousActor, body: body({ ...fields, categoryId: category.id }) });

    await ctx.database.db
      .updateTable('enterprises')
      .set({ active: 0 })
      .where('id', '=', enterprise.id)
      .execute();
    await expect(intake({ actor: anonymousActor, body: body(fields) })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await ctx.database.db
      .updateTable('categories')
      .set({ active: 0 })
      .where('id', '=', category.id)
      .execute();
    await expect(
      intake({
        actor: anonymousActor,
        body: body({ communityId: community.id, categoryId: category.id }),
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await countTroubles(community.id)).toBe(1);
  });

  it('handles one idempotency key twice in the same batch: replay, or refusal for another body', async () => {
    const { intake } = ctx.sut;
    const c = ctx.world.community.id;
    const key = `same-batch-${newId()}`;
    const [first, again, other] = await Promise.allSettled([
      intake({ actor: anonymousActor, body: body({ communityId: c }), idempotencyKey: key }),
      intake({ actor: anonymousActor, body: body({ communityId: c }), idempotencyKey: key }),
      intake({
        actor: anonymousActor,
        body: body({ communityId: c, title: 'different' }),
        idempotencyKey: key,
      }),
    ]);
    expect(first.status === 'fulfilled' && !first.value.replayed).toBe(true);
    expect(again.status === 'fulfilled' && again.value.replayed).toBe(true);
    if (first.status === 'fulfilled' && again.status === 'fulfilled') {
      expect(again.value.trouble.id).toBe(first.value.trouble.id);
    }
    expect(codeOf(other)).toBe('IDEMPOTENCY_KEY_REUSED');
    // A later retry (next batch) replays the stored trouble.
    const later = await intake({
      actor: anonymousActor,
      body: body({ communityId: c }),
      idempotencyKey: key,
    });
    expect(later.replayed).toBe(true);
    const rows = await ctx.database.db
      .selectFrom('troubles')
      .select('id')
      .where('idempotency_key', '=', key)
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('keeps the aggregates equal to a rebuild after batches of mixed troubles', async () => {
    const { intake } = ctx.sut;
    const db = ctx.database.db;
    const second = await buildCommunity(db, ctx.world.county.id, ctx.clock.now(), 'TB');
    const category = await newCategory(1);
    const staff: Actor = ctx.users.staff.actor;
    const work = Array.from({ length: 90 }, (_, i) => {
      const communityId = i % 3 === 0 ? second.id : ctx.world.community.id;
      const fields: Partial<IntakeBody> = {
        communityId,
        ...(i % 4 === 0 ? { categoryId: category.id } : {}),
        ...(i % 5 === 0 && communityId === ctx.world.community.id
          ? { enterpriseId: ctx.world.enterprise.id }
          : {}),
        ...(i % 7 === 0 ? { severity: 'major' as const, urgency: 'urgent' as const } : {}),
        workersAffected: 1 + (i % 13),
      };
      if (i % 6 === 1) {
        return intake({
          actor: staff,
          body: body({
            ...fields,
            communityId: ctx.world.community.id,
            channel: 'visit',
            receivedAt: ctx.clock.now() - (i % 40) * 86_400_000,
            reporterType: 'worker',
            anonymous: false,
            reporterName: '王师傅',
          }),
        });
      }
      return intake({ actor: anonymousActor, body: body(fields) });
    });
    const results = await Promise.all(work);
    expect(new Set(results.map((r) => r.trouble.id)).size).toBe(90);
    const incremental = await aggregateSnapshot(ctx.database);
    await rebuildAggregates(db);
    expect(await aggregateSnapshot(ctx.database)).toEqual(incremental);
  });
});

describe('titleFrom', () => {
  it('keeps the first 30 characters of the first line, whole code points', () => {
    expect(titleFrom('  宿舍\n没有   热水 ')).toBe('宿舍 没有 热水');
    expect(titleFrom('啊'.repeat(30))).toBe('啊'.repeat(30));
    expect(titleFrom('啊'.repeat(31))).toBe(`${'啊'.repeat(30)}…`);
    expect(titleFrom('😀'.repeat(20))).toBe('😀'.repeat(20));
    expect(titleFrom('😀'.repeat(31))).toBe(`${'😀'.repeat(30)}…`);
    const reference = (text: string) => {
      const line = text.replace(/\s+/g, ' ').trim();
      const chars = [...line];
      return chars.length <= 30 ? line : `${chars.slice(0, 30).join('')}…`;
    };
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (text) => {
        expect(titleFrom(text)).toBe(reference(text));
      }),
    );
  });
});
