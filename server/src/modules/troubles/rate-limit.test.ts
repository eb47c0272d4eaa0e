import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { anonymousClient, buildTestApp } from '../../../test/build-test-app';
import { buildWorld } from '../../../test/factories';
import { createTestDatabase, type TestDatabase } from '../../../test/test-db';
import type { BuiltApp } from '../../app';

let database: TestDatabase;
let built: BuiltApp;
let world: Awaited<ReturnType<typeof buildWorld>>;

beforeAll(async () => {
  database = await createTestDatabase();
  built = await buildTestApp(database, { env: { INTAKE_RATE_PER_MINUTE: '3' } });
  world = await buildWorld(database.db);
});
afterAll(async () => {
  await built.app.close();
  await database.destroy();
});

describe('anonymous intake rate limit', () => {
  it('answers 429 problem+json after the configured number of reports a minute, and writes nothing more', async () => {
    const anon = anonymousClient(built.app);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push(
        (
          await anon.post('/api/v1/troubles', {
            enterpriseId: world.enterprise.id,
            body: `第${i}条烦恼内容`,
          })
        ).statusCode,
      );
    }
    expect(statuses).toEqual([201, 201, 201, 429, 429]);
    const limited = await anon.post('/api/v1/troubles', {
      enterpriseId: world.enterprise.id,
      body: '再来一条',
    });
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect(limited.json<{ code: string }>().code).toBe('RATE_LIMITED');
    expect(limited.headers['retry-after']).toBeDefined();
    const n = await database.db
      .selectFrom('troubles')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(3);
  });
});
