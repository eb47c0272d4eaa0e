import { type Kysely, PostgresAdapter, sql } from 'kysely';

/*
 * The role `auditor` (审计员, 等保 安全管理中心: a system administrator and a separate audit
 * administrator). `users.role` is text with a CHECK constraint listing the roles; the list grows
 * by one. Frozen: never import application code here.
 *
 * - PostgreSQL: the column's CHECK constraint is dropped and added again with the new list (in
 *   the migrator's transaction; the new constraint is validated against every row).
 * - SQLite cannot alter a CHECK constraint: the table is rebuilt with the documented procedure
 *   (sqlite.org/lang_altertable.html, "Making Other Kinds Of Table Schema Changes") — foreign
 *   keys off outside any transaction; in one transaction create `users_new` from the stored
 *   CREATE TABLE text with only the role list changed (every column, default, reference and
 *   constraint as it is, including the columns later migrations added), copy every row, drop
 *   the old table, rename, recreate the indexes from their stored SQL, run
 *   `PRAGMA foreign_key_check`; commit; foreign keys back on. The columns, the row count and
 *   the index names are compared before and after; any difference rolls the rebuild back.
 *
 * Down refuses while an auditor account exists (the old constraint would reject it).
 */

const OLD_ROLES = ['worker', 'enterprise', 'staff', 'department', 'supervisor', 'admin'];
const NEW_ROLES = [...OLD_ROLES, 'auditor'];

export async function up(db: Kysely<unknown>): Promise<void> {
  await setRoles(db, NEW_ROLES);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const r = await sql<{
    n: number | string;
  }>`select count(*) as n from users where role = 'auditor'`.execute(db);
  if (Number(r.rows[0]?.n ?? 0) > 0) {
    throw new Error(
      'cannot remove the auditor role: auditor accounts exist (change or remove them first)',
    );
  }
  await setRoles(db, OLD_ROLES);
}

const roleList = (roles: readonly string[]) => roles.map((r) => `'${r}'`).join(', ');

async function setRoles(db: Kysely<unknown>, roles: readonly string[]): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await setRolesPostgres(db, roles);
  } else {
    await setRolesSqlite(db, roles);
  }
}

async function setRolesPostgres(db: Kysely<unknown>, roles: readonly string[]): Promise<void> {
  // The CHECK constraint(s) on users.role, whatever their name (an inline column CHECK is
  // named users_role_check by PostgreSQL).
  const checks = await sql<{ name: string }>`
    select c.conname as name
    from pg_catalog.pg_constraint c
    where c.conrelid = 'users'::regclass
      and c.contype = 'c'
      and c.conkey = array[(
        select a.attnum from pg_catalog.pg_attribute a
        where a.attrelid = 'users'::regclass and a.attname = 'role'
      )]::int2[]`.execute(db);
  if (checks.rows.length !== 1) {
    throw new Error(`expected one CHECK constraint on users.role, found ${checks.rows.length}`);
  }
  await sql`alter table users drop constraint ${sql.id(checks.rows[0]!.name)}`.execute(db);
  await sql`alter table users add constraint users_role_check check (role in (${sql.raw(
    roleList(roles),
  )}))`.execute(db);
}

interface ColumnInfo {
  cid: number;
  name: string;
  type: string;
  notnull: number;
  dflt_value: string | null;
  pk: number;
}

const ROLE_CHECK = /check\s*\(\s*"?role"?\s+in\s*\(([^()]*)\)\s*\)/gi;
const CREATE_USERS = /^\s*create\s+table\s+("users"|users|`users`|\[users\])\s*\(/i;

async function setRolesSqlite(db: Kysely<unknown>, roles: readonly string[]): Promise<void> {
  const pragma = async <T>(text: string) => (await sql<T>`${sql.raw(text)}`.execute(db)).rows;
  const fkBefore = (await pragma<{ foreign_keys: number }>('pragma foreign_keys'))[0]?.foreign_keys;
  await pragma('pragma foreign_keys = off');
  try {
    // PRAGMA foreign_keys is a no-op inside a transaction: refuse rather than rebuild with
    // foreign keys enforced (dropping `users` would then fail or cascade).
    if ((await pragma<{ foreign_keys: number }>('pragma foreign_keys'))[0]?.foreign_keys !== 0) {
      throw new Error('auditor-role migration: foreign keys could not be turned off');
    }
    await db.transaction().execute(async (trx) => {
      const q = async <T>(text: string) => (await sql<T>`${sql.raw(text)}`.execute(trx)).rows;
      const table = await q<{ sql: string }>(
        "select sql from sqlite_master where type = 'table' and name = 'users'",
      );
      const createSql = table[0]?.sql;
      if (!createSql || !CREATE_USERS.test(createSql)) {
        throw new Error('auditor-role migration: users table definition not found');
      }
      const matches = [...createSql.matchAll(ROLE_CHECK)];
      if (matches.length !== 1) {
        throw new Error(`expected one CHECK on users.role, found ${matches.length}`);
      }
      const newSql = createSql
        .replace(CREATE_USERS, 'CREATE TABLE "users_new" (')
        .replace(ROLE_CHECK, `check ("role" in (${roleList(roles)}))`);
      const indexes = await q<{ name: string; sql: string }>(
        "select name, sql from sqlite_master where type = 'index' and tbl_name = 'users' and sql is not null order by name",
      );
      const triggers = await q<{ name: string; sql: string }>(
        "select name, sql from sqlite_master where type = 'trigger' and tbl_name = 'users'",
      );
      const columnsBefore = await q<ColumnInfo>('pragma table_info(users)');
      const countBefore = await q<{ n: number }>('select count(*) as n from users');

      await q(newSql);
      const columns = columnsBefore.map((c) => `"${c.name.replace(/"/g, '""')}"`).join(', ');
      await q(`insert into users_new (${columns}) select ${columns} from users`);
      await q('drop table users');
      await q('alter table users_new rename to users');
      for (const i of indexes) {
        await q(i.sql);
      }
      for (const t of triggers) {
        await q(t.sql);
      }

      const columnsAfter = await q<ColumnInfo>('pragma table_info(users)');
      const countAfter = await q<{ n: number }>('select count(*) as n from users');
      const indexesAfter = await q<{ name: string }>(
        "select name from sqlite_master where type = 'index' and tbl_name = 'users' and sql is not null order by name",
      );
      if (JSON.stringify(columnsAfter) !== JSON.stringify(columnsBefore)) {
        throw new Error('auditor-role migration: the rebuilt users table has other columns');
      }
      if (countAfter[0]?.n !== countBefore[0]?.n) {
        throw new Error('auditor-role migration: rows were lost while rebuilding users');
      }
      if (
        JSON.stringify(indexesAfter.map((i) => i.name)) !==
        JSON.stringify(indexes.map((i) => i.name))
      ) {
        throw new Error('auditor-role migration: indexes of users were not recreated');
      }
      const broken = await q<{ table: string }>('pragma foreign_key_check');
      if (broken.length > 0) {
        throw new Error(
          `auditor-role migration: foreign key violations after the rebuild (${broken[0]!.table})`,
        );
      }
    });
  } finally {
    await pragma(`pragma foreign_keys = ${fkBefore === 0 ? 'off' : 'on'}`);
  }
}
