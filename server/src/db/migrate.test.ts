import { describe, expect, it } from 'vitest';

import { createTestDatabase } from '../../test/test-db';
import { migrateDownAll, migrateToLatest } from './migrate';

describe('migrations', () => {
  it('run up, down and up again on an empty database', async () => {
    const database = await createTestDatabase({ prepare: false });
    try {
      const up = await migrateToLatest(database.db);
      expect(up.results?.every((r) => r.status === 'Success')).toBe(true);
      const tables = (await database.db.introspection.getTables()).map((t) => t.name);
      expect(tables).toEqual(
        expect.arrayContaining([
          'troubles',
          'problems',
          'problem_departments',
          'events',
          'jobs',
          'work_calendar',
          'audit_log',
        ]),
      );
      await migrateDownAll(database.db);
      const after = (await database.db.introspection.getTables())
        .map((t) => t.name)
        .filter((n) => !n.startsWith('kysely_'));
      expect(after).toEqual([]);
      await migrateToLatest(database.db);
      expect((await migrateToLatest(database.db)).results).toEqual([]);
    } finally {
      await database.destroy();
    }
  });
});
