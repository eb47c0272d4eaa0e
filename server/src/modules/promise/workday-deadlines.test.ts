import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildStaffSet, buildWorld } from '../../../test/factories';
import { createTestDatabase, type TestDatabase } from '../../../test/test-db';
import { createTestServices } from '../../../test/test-services';
import { formatLocal } from '../../shared/business-time';
import { FakeClock } from '../../shared/clock';
import { updateCommunitySettings } from './community-settings';

let database: TestDatabase;
const clock = new FakeClock(Date.parse('2023-09-28T02:00:00Z')); // Thursday 10:00 in Shangli
let sut: ReturnType<typeof createTestServices>;
let world: Awaited<ReturnType<typeof buildWorld>>;
let users: Awaited<ReturnType<typeof buildStaffSet>>;

beforeAll(async () => {
  database = await createTestDatabase({ clock });
  sut = createTestServices(database, clock);
  world = await buildWorld(database.db, clock.now());
  users = await buildStaffSet(database.db, world);
});
afterAll(async () => {
  await sut.deps.committer.close();
  await database.destroy();
});

async function problemReceivedNow() {
  const { trouble } = await sut.intake({
    actor: users.staff.actor,
    body: {
      enterpriseId: world.enterprise.id,
      body: '国庆前反映的问题',
      channel: 'visit',
      severity: 'minor',
      urgency: 'normal',
      workersAffected: 1,
      anonymous: true,
      attachmentIds: [],
    },
  });
  const id = await sut.problems.createFromTroubles({
    actor: users.staff.actor,
    troubleIds: [trouble.id],
    title: '国庆前的问题',
  });
  return database.db
    .selectFrom('problems')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

describe('deadlines from the database calendar', () => {
  it('uses natural time by default', async () => {
    const p = await problemReceivedNow();
    expect(formatLocal(p.coordination_due_at)).toBe('2023-09-29 10:00');
    expect(formatLocal(p.resolution_due_at)).toBe('2023-10-05 10:00');
  });

  it('counts working days across 中秋/国庆 2023 and its 调休 weekend when the community chooses working days', async () => {
    await updateCommunitySettings(database.db, {
      communityId: world.community.id,
      timeMode: 'workdays',
      coordinationHours: 24,
      resolutionHours: 168,
      escalationIntervalHours: 24,
      severityWorkersThreshold: 10,
      maxReopens: 1,
      userId: null,
      now: clock.now(),
    });
    const p = await problemReceivedNow();
    expect(formatLocal(p.coordination_due_at)).toBe('2023-10-07 10:00');
    expect(formatLocal(p.resolution_due_at)).toBe('2023-10-13 10:00');
    expect(p.deadline_estimated).toBe(0);
  });
});
