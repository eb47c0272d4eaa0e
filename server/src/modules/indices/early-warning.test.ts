import { describe, expect, it } from 'vitest';

import { useServiceWorld } from '../../../test/service-world';
import { newId } from '../../shared/ids';
import { isWarning, median, robustZ } from './early-warning';
import { createEarlyWarningJob } from './early-warning-job';
import { createIndexService } from './index-service';

describe('robust z-score', () => {
  it('computes the median and flags only a clear jump with enough troubles', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(robustZ(12, [2, 3, 2, 2, 3, 2])).toMatchObject({ baseline: 2 });
    expect(isWarning(12, [2, 3, 2, 2, 3, 2])).toBe(true);
    expect(isWarning(4, [0, 0, 0, 0, 0, 0])).toBe(false); // too few to matter
    expect(isWarning(30, [20, 35, 25, 30, 40, 28])).toBe(false); // within the usual swing
  });
});

const ctx = useServiceWorld('2023-09-01T02:00:00Z');

describe('early warning over stored troubles', () => {
  it('warns about a category far above its trailing months, once per month even when the job runs twice', async () => {
    const { sut, users, world, database, clock } = ctx;
    const leaf = await database.db
      .selectFrom('categories')
      .select('id')
      .where('code', '=', 'transport.bus')
      .executeTakeFirstOrThrow();
    const report = (day: string) =>
      sut.intake({
        actor: users.staff.actor,
        body: {
          enterpriseId: world.enterprise.id,
          body: '公交班次少',
          channel: 'visit',
          severity: 'minor',
          urgency: 'normal',
          workersAffected: 1,
          anonymous: true,
          attachmentIds: [],
          categoryId: leaf.id,
          receivedAt: Date.parse(`${day}T10:00:00+08:00`),
        },
      });
    for (const month of ['2023-02', '2023-03', '2023-04', '2023-05', '2023-06', '2023-07']) {
      await report(`${month}-10`);
      await report(`${month}-20`);
    }
    for (let i = 1; i <= 12; i++) {
      await report(`2023-08-${String(i + 1).padStart(2, '0')}`);
    }
    const indices = createIndexService(sut.deps);
    const warnings = await indices.warnings(users.supervisor.actor, {
      community: world.community.id,
      month: '2023-08',
    });
    expect(warnings.map((w) => [w.code, w.count, w.baseline])).toEqual([['transport', 12, 2]]);
    await database.db
      .insertInto('notification_channels')
      .values({
        id: newId(),
        community_id: world.community.id,
        name: '社区工作群',
        kind: 'webhook',
        events: JSON.stringify(['indices.earlyWarning']),
        target_enc: sut.deps.crypto.encrypt('http://127.0.0.1:9/hook'),
        target_hint: 'http://127.0.0.1:9/hook',
        secret_enc: sut.deps.crypto.encrypt('webhook-secret'),
        active: 1,
        created_by: null,
        created_at: clock.now(),
        updated_at: clock.now(),
      })
      .execute();
    const job = createEarlyWarningJob(sut.deps);
    expect(await job({ slot: clock.now() }, { now: clock.now() })).toBe(1);
    expect(await job({ slot: clock.now() }, { now: clock.now() })).toBe(0);
    const notes = await database.db
      .selectFrom('notifications')
      .select('title')
      .where('user_id', '=', users.supervisor.id)
      .where('kind', '=', 'indices.earlyWarning')
      .execute();
    expect(notes.map((n) => n.title)).toEqual(['烦恼预警：交通出行']);
    // The community's channels get it through the outbox, written with the alert, once.
    const deliveries = await database.db
      .selectFrom('deliveries')
      .select(['event', 'message'])
      .where('community_id', '=', world.community.id)
      .execute();
    expect(deliveries.map((d) => d.event)).toEqual(['indices.earlyWarning']);
    expect(JSON.parse(deliveries[0]!.message)).toMatchObject({
      title: expect.stringContaining('交通出行') as string,
    });
  });
});
