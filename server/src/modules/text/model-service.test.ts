import { describe, expect, it } from 'vitest';

import { useServiceWorld } from '../../../test/service-world';
import { createTroubleService } from '../troubles';
import { ALGORITHM, createTextModelService, type TextModelService } from './model-service';

const ctx = useServiceWorld('2026-03-02T09:00:00+08:00');

const categoryId = async (code: string) =>
  (
    await ctx.database.db
      .selectFrom('categories')
      .select('id')
      .where('code', '=', code)
      .executeTakeFirstOrThrow()
  ).id;

async function report(body: string): Promise<string> {
  const { trouble } = await ctx.sut.intake({
    actor: ctx.users.staff.actor,
    body: {
      body,
      channel: 'visit',
      severity: 'minor',
      urgency: 'normal',
      workersAffected: 1,
      attachmentIds: [],
      anonymous: false,
    },
  });
  return trouble.id;
}

/** A second instance, as after a restart or on another server. */
const fresh = (): TextModelService => createTextModelService(ctx.sut.deps, { refreshMs: 0 });

describe('text model service (database)', () => {
  it('stores the day-one model as version 1 and reloads it with the same predictions', async () => {
    const a = fresh();
    const s1 = await a.classify('夜间看病难，社区没有夜诊');
    expect(s1.categoryId).toBe(await categoryId('medical.night'));
    const versions = await a.versions();
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({ version: 1, reason: 'day-one', labels: 0 });
    const row = await ctx.database.db
      .selectFrom('text_models')
      .select(['state', 'through_seq'])
      .executeTakeFirstOrThrow();
    expect(row.state.length).toBeGreaterThan(100);
    expect(await fresh().classify('夜间看病难，社区没有夜诊')).toEqual(s1);
  });

  it('learns a corrected label at once, and another instance replays it from the log', async () => {
    const text = '园区里的篮球场灯坏了，晚上没法打球';
    const target = await categoryId('amenities.utilities');
    const a = fresh();
    expect((await a.classify(text)).categoryId).not.toBe(target);
    const troubles = createTroubleService(ctx.sut.deps, {
      onCategorized: async (e) => {
        await a.learnLabel(e);
      },
    });
    for (let i = 0; i < 4; i++) {
      await troubles.triage(ctx.users.staff.actor, await report(text), { categoryId: target });
    }
    expect((await a.classify(text)).categoryId).toBe(target);
    const b = fresh();
    expect((await b.classify(text)).categoryId).toBe(target);
    const seqs = await ctx.database.db
      .selectFrom('text_model_updates')
      .select('seq')
      .orderBy('seq')
      .execute();
    expect(seqs.map((s) => Number(s.seq))).toEqual([1, 2, 3, 4]);
  });

  it('learns through the triage hook after commit', async () => {
    const text = '车间噪音太大，耳朵受不了';
    const target = await categoryId('health.protection');
    const learner = fresh();
    const troubles = createTroubleService(ctx.sut.deps, {
      onCategorized: async (e) => {
        await learner.learnLabel(e);
      },
    });
    const id = await report(text);
    await troubles.triage(ctx.users.staff.actor, id, { categoryId: target });
    const row = await ctx.database.db
      .selectFrom('text_model_updates')
      .selectAll()
      .where('trouble_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.category_id).toBe(target);
    // Setting the same category again is not a new label.
    await troubles.triage(ctx.users.staff.actor, id, { categoryId: target });
    const rows = await ctx.database.db
      .selectFrom('text_model_updates')
      .select('id')
      .where('trouble_id', '=', id)
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('retrains from all labelled troubles as a new version', async () => {
    const a = fresh();
    const result = await a.retrain(ctx.users.admin.actor);
    expect(result.version).toBe(2);
    expect(result.labels).toBe(
      Number(
        (
          await ctx.database.db
            .selectFrom('troubles')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('category_source', '=', 'person')
            .executeTakeFirstOrThrow()
        ).n,
      ),
    );
    const b = fresh();
    expect((await b.versions())[0]).toMatchObject({ version: 2, reason: 'retrain' });
    expect((await b.classify('园区里的篮球场灯坏了，晚上没法打球')).categoryId).toBe(
      await categoryId('amenities.utilities'),
    );
  });

  it('applies another instance’s dictionary change without a restart', async () => {
    const a = fresh();
    const b = fresh();
    expect(await b.segment('设立烦恼驿站')).not.toContain('烦恼驿站');
    await a.putDictionary(ctx.users.admin.actor, ['烦恼驿站']);
    expect(await b.segment('设立烦恼驿站')).toContain('烦恼驿站');
  });

  it('retrains a snapshot left by an older algorithm once (text.model-upgrade), keeping labels', async () => {
    const a = fresh();
    await a.classify('宿舍没有热水');
    const before = (await a.versions())[0]!;
    // A snapshot as an earlier release of the product stored it.
    await ctx.database.db
      .updateTable('text_models')
      .set({ algorithm: 'hashed word+char n-grams, tf-idf, OvR linear SVM, PA-II online' })
      .where('version', '=', before.version)
      .execute();
    const b = fresh();
    // Until upgraded, the old snapshot keeps serving.
    expect((await b.classify('宿舍没有热水')).categoryId).not.toBeNull();
    const result = await b.upgradeIfOutdated();
    expect(result).toMatchObject({ upgraded: true, version: before.version + 1 });
    expect(result.from).toContain('linear SVM');
    const newest = (await fresh().versions())[0]!;
    expect(newest).toMatchObject({
      version: before.version + 1,
      reason: 'upgrade',
      algorithm: ALGORITHM,
      labels: before.labels,
    });
    expect(await b.upgradeIfOutdated()).toEqual({ upgraded: false });
    expect(await fresh().upgradeIfOutdated()).toEqual({ upgraded: false });
  });
});
