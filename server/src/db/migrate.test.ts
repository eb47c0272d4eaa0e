import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';

import { createTestDatabase, TEST_DIALECT } from '../../test/test-db';
import { migrateDownAll, migrateToLatest } from './migrate';

describe('migrations', () => {
  it('run up, down and up again on an empty database', async () => {
    const database = await createTestDatabase({ prepare: false });
    try {
      // Other test files migrate their own PostgreSQL schemas at the same time: look at ours only.
      const schema =
        TEST_DIALECT === 'postgres'
          ? (await sql<{ s: string }>`select current_schema() as s`.execute(database.db)).rows[0]?.s
          : undefined;
      const ours = async () =>
        (await database.db.introspection.getTables())
          .filter((t) => schema === undefined || t.schema === schema)
          .map((t) => t.name);
      const up = await migrateToLatest(database.db);
      expect(up.results?.every((r) => r.status === 'Success')).toBe(true);
      const tables = await ours();
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
      const after = (await ours()).filter((n) => !n.startsWith('kysely_'));
      expect(after).toEqual([]);
      await migrateToLatest(database.db);
      expect((await migrateToLatest(database.db)).results).toEqual([]);
    } finally {
      await database.destroy();
    }
  });
});
