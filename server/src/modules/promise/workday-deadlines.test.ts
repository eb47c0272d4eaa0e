import { describe, expect, it } from 'vitest';

import { useServiceWorld } from '../../../test/service-world';
import { formatLocal } from '../../shared/business-time';
import { updateCommunitySettings } from './community-settings';

const ctx = useServiceWorld('2023-09-28T02:00:00Z');

async function problemReceivedNow() {
  const { trouble } = await ctx.sut.intake({
    actor: ctx.users.staff.actor,
    body: {
      enterpriseId: ctx.world.enterprise.id,
      body: '国庆前反映的问题',
      channel: 'visit',
      severity: 'minor',
      urgency: 'normal',
      workersAffected: 1,
      anonymous: true,
      attachmentIds: [],
    },
  });
  const id = await ctx.sut.problems.createFromTroubles({
    actor: ctx.users.staff.actor,
    troubleIds: [trouble.id],
    title: '国庆前的问题',
  });
  return ctx.database.db
    .selectFrom('problems')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

describe('deadlines from the ctx.database calendar', () => {
  it('uses natural time by default', async () => {
    const p = await problemReceivedNow();
    expect(formatLocal(p.coordination_due_at)).toBe('2023-09-29 10:00');
    expect(formatLocal(p.resolution_due_at)).toBe('2023-10-05 10:00');
  });

  it('counts working days across 中秋/国庆 2023 and its 调休 weekend when the community chooses working days', async () => {
    await updateCommunitySettings(ctx.database.db, {
      communityId: ctx.world.community.id,
      timeMode: 'workdays',
      coordinationHours: 24,
      resolutionHours: 168,
      escalationIntervalHours: 24,
      severityWorkersThreshold: 10,
      maxReopens: 1,
      userId: null,
      now: ctx.clock.now(),
    });
    const p = await problemReceivedNow();
    expect(formatLocal(p.coordination_due_at)).toBe('2023-10-07 10:00');
    expect(formatLocal(p.resolution_due_at)).toBe('2023-10-13 10:00');
    expect(p.deadline_estimated).toBe(0);
  });
});
