import { type Kysely, sql } from 'kysely';
import { describe, expect, it } from 'vitest';

import { createTestDatabase, TEST_DIALECT, type TestDatabase } from '../../test/test-db';
import { createMigrator, migrateToLatest } from './migrate';

/**
 * The auditor-role migration (2026-11-25T0012) changes the CHECK constraint of `users.role`:
 * on SQLite by rebuilding the table. A database holding users of every old role, their
 * sessions, TOTP recovery codes and troubles that reference them keeps every row and column,
 * every index and every foreign key; afterwards `auditor` is accepted, unknown roles are still
 * refused, and foreign keys are enforced again. Down refuses while an auditor exists.
 */

const BEFORE = '2026-11-24T0011-partial-trouble-indexes';
const THIS = '2026-11-25T0012-auditor-role';
const OLD_ROLES = ['worker', 'enterprise', 'staff', 'department', 'supervisor', 'admin'];
const NOW = 1_764_000_000_000;

// The schema as it was before the migration: raw SQL, no application types.
async function exec(db: Kysely<unknown>, text: string) {
  return (await sql<Record<string, unknown>>`${sql.raw(text)}`.execute(db)).rows;
}

async function seed(db: Kysely<unknown>) {
  await exec(
    db,
    `insert into counties (id, name, code, created_at) values ('c1', '测试县', 'ts', ${NOW})`,
  );
  await exec(
    db,
    `insert into communities (id, county_id, slug, name, code_prefix, created_at) values ('m1', 'c1', 'm1', '测试社区', 'TS', ${NOW})`,
  );
  await exec(
    db,
    `insert into enterprises (id, community_id, name, industry, size, employee_count, active, created_at, updated_at)
     values ('e1', 'm1', '测试企业', '线路板', 'small', 20, 1, ${NOW}, ${NOW})`,
  );
  await exec(
    db,
    `insert into departments (id, county_id, name, short_name, active, created_at) values ('d1', 'c1', '测试局', '测试局', 1, ${NOW})`,
  );
  for (const [i, role] of OLD_ROLES.entries()) {
    const scope =
      role === 'enterprise'
        ? `'m1', 'e1', null`
        : role === 'staff' || role === 'worker'
          ? `'m1', null, null`
          : role === 'department'
            ? `null, null, 'd1'`
            : 'null, null, null';
    await exec(
      db,
      `insert into users (id, username, display_name, password_hash, role, county_id, community_id, enterprise_id, department_id,
         phone_enc, active, must_change_password, failed_logins, locked_until, password_changed_at, created_at, updated_at,
         totp_secret_enc, totp_enabled_at, totp_last_step)
       values ('u${i}', 'user${i}', '用户${i}', 'hash${i}', '${role}', 'c1', ${scope},
         ${i === 0 ? "'enc-phone'" : 'null'}, ${i % 2}, 1, ${i}, ${i === 1 ? NOW + 1 : 'null'}, ${NOW + i}, ${NOW}, ${NOW + 2},
         ${i === 5 ? "'enc-secret'" : 'null'}, ${i === 5 ? NOW : 'null'}, ${i === 5 ? 58_800_000 : 'null'})`,
    );
  }
  await exec(
    db,
    `insert into sessions (id, user_id, csrf_token, created_at, expires_at, idle_expires_at, ip, user_agent)
     values ('s5', 'u5', 'csrf', ${NOW}, ${NOW + 1000}, ${NOW + 1000}, '127.0.0.1', 'test')`,
  );
  await exec(
    db,
    `insert into totp_recovery_codes (id, user_id, code_hash, created_at, used_at) values ('r5', 'u5', 'h', ${NOW}, null)`,
  );
}

async function indexNames(database: TestDatabase): Promise<string[]> {
  const db = database.db as unknown as Kysely<unknown>;
  const rows =
    database.dialect === 'postgres'
      ? await exec(
          db,
          "select indexname as name from pg_indexes where schemaname = current_schema() and tablename = 'users' order by 1",
        )
      : await exec(
          db,
          "select name from sqlite_master where type = 'index' and tbl_name = 'users' order by 1",
        );
  return rows.map((r) => String(r.name));
}

const usersTable = async (db: Kysely<unknown>) => exec(db, 'select * from users order by id');

const insertUser = (db: Kysely<unknown>, id: string, role: string) =>
  exec(
    db,
    `insert into users (id, username, display_name, password_hash, role, county_id, active, must_change_password,
       failed_logins, password_changed_at, created_at, updated_at)
     values ('${id}', '${id}', '${id}', 'h', '${role}', 'c1', 1, 0, 0, ${NOW}, ${NOW}, ${NOW})`,
  );

describe(`migration ${THIS}`, () => {
  it(`keeps every user, column, index and foreign key and accepts the auditor role (${TEST_DIALECT})`, async () => {
    const database = await createTestDatabase({ prepare: false });
    const db = database.db as unknown as Kysely<unknown>;
    try {
      const migrator = await createMigrator(database.db);
      const before = await migrator.migrateTo(BEFORE);
      expect(before.error).toBeUndefined();
      await seed(db);
      await expect(insertUser(db, 'a0', 'auditor')).rejects.toThrow();
      const rowsBefore = await usersTable(db);
      const indexesBefore = await indexNames(database);
      expect(rowsBefore).toHaveLength(6);

      const up = await migrateToLatest(database.db);
      expect(up.results?.find((r) => r.migrationName === THIS)?.status).toBe('Success');

      expect(await usersTable(db)).toEqual(rowsBefore);
      expect(await indexNames(database)).toEqual(indexesBefore);
      await insertUser(db, 'a1', 'auditor');
      await expect(insertUser(db, 'x1', 'root')).rejects.toThrow();
      // Foreign keys still point at users and are enforced again.
      await expect(
        exec(
          db,
          `insert into sessions (id, user_id, csrf_token, created_at, expires_at, idle_expires_at) values ('s-x', 'nobody', 'c', 1, 2, 2)`,
        ),
      ).rejects.toThrow();
      await exec(
        db,
        `insert into sessions (id, user_id, csrf_token, created_at, expires_at, idle_expires_at) values ('s-a1', 'a1', 'c', 1, 2, 2)`,
      );
      await expect(exec(db, "delete from users where id = 'u5'")).rejects.toThrow();
      if (database.dialect === 'sqlite') {
        expect((await exec(db, 'pragma foreign_keys'))[0]?.foreign_keys).toBe(1);
        expect(await exec(db, 'pragma foreign_key_check')).toEqual([]);
        expect(await exec(db, 'pragma integrity_check')).toEqual([{ integrity_check: 'ok' }]);
        const ddl = await exec(
          db,
          "select sql from sqlite_master where type = 'table' and name = 'users'",
        );
        expect(String(ddl[0]?.sql)).toContain(`'admin', 'auditor')`);
        expect(String(ddl[0]?.sql)).toContain('"totp_last_step" bigint');
        expect(await exec(db, "select name from sqlite_master where name = 'users_new'")).toEqual(
          [],
        );
      }

      // Down refuses while an auditor exists; without one it restores the old list.
      await expect(migrator.migrateTo(BEFORE)).resolves.toMatchObject({
        error: expect.objectContaining({ message: expect.stringContaining('auditor accounts') }),
      });
      expect(await usersTable(db)).toHaveLength(7);
      await exec(db, "delete from sessions where user_id = 'a1'");
      await exec(db, "delete from users where id = 'a1'");
      const down = await migrator.migrateTo(BEFORE);
      expect(down.error).toBeUndefined();
      expect(await usersTable(db)).toEqual(rowsBefore);
      await expect(insertUser(db, 'a2', 'auditor')).rejects.toThrow();
      expect(await indexNames(database)).toEqual(indexesBefore);
    } finally {
      await database.destroy();
    }
  });
});
