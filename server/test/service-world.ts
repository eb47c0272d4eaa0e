import { afterAll, beforeAll } from 'vitest';

import { FakeClock } from '../src/shared/clock';
import { buildStaffSet, buildWorld } from './factories';
import { createTestDatabase, type TestDatabase } from './test-db';
import { createTestServices } from './test-services';

export interface ServiceWorld {
  clock: FakeClock;
  database: TestDatabase;
  sut: ReturnType<typeof createTestServices>;
  world: Awaited<ReturnType<typeof buildWorld>>;
  users: Awaited<ReturnType<typeof buildStaffSet>>;
}

/**
 * For service tests: a fresh database, real services on a fake clock starting at `startIso`,
 * one county/community/enterprise/department and a user of every role. Registers its own
 * beforeAll/afterAll; read the fields inside tests.
 */
export function useServiceWorld(startIso: string): ServiceWorld {
  const ctx = {} as ServiceWorld;
  beforeAll(async () => {
    ctx.clock = new FakeClock(Date.parse(startIso));
    ctx.database = await createTestDatabase({ clock: ctx.clock });
    ctx.sut = createTestServices(ctx.database, ctx.clock);
    ctx.world = await buildWorld(ctx.database.db, ctx.clock.now());
    ctx.users = await buildStaffSet(ctx.database.db, ctx.world);
  });
  afterAll(async () => {
    await ctx.sut.deps.committer.close();
    await ctx.database.destroy();
  });
  return ctx;
}
