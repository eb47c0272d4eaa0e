import type { Kysely } from 'kysely';

import type { Role } from '../../common/enums';
import type { DB } from '../src/db/schema';
import { hashPassword } from '../src/modules/accounts';
import { ensureCommunitySettings } from '../src/modules/promise';
import type { Actor } from '../src/shared/actor';
import { newId } from '../src/shared/ids';

export const TEST_PASSWORD = 'Correct-Horse-42';
let passwordHash: Promise<string> | null = null;
const hashed = () => (passwordHash ??= hashPassword(TEST_PASSWORD));

let seq = 0;
const unique = (prefix: string) => `${prefix}${Date.now().toString(36)}${(seq++).toString(36)}`;

/** A county with one community, a department and an enterprise: the usual test world. */
export async function buildWorld(db: Kysely<DB>, now = Date.now()) {
  const county = await buildCounty(db, now);
  const community = await buildCommunity(db, county.id, now);
  const enterprise = await buildEnterprise(db, community.id, now);
  const department = await buildDepartment(db, county.id, now);
  return { county, community, enterprise, department };
}

export async function buildCounty(db: Kysely<DB>, now = Date.now()) {
  const row = { id: newId(), name: `测试县${seq}`, code: unique('county'), created_at: now };
  await db.insertInto('counties').values(row).execute();
  return row;
}

export async function buildCommunity(
  db: Kysely<DB>,
  countyId: string,
  now = Date.now(),
  prefix = 'TS',
) {
  const row = {
    id: newId(),
    county_id: countyId,
    slug: unique('c-').toLowerCase(),
    name: `测试社区${seq}`,
    code_prefix: prefix,
    created_at: now,
  };
  await db.insertInto('communities').values(row).execute();
  await ensureCommunitySettings(db, row.id, now);
  return row;
}

export async function buildEnterprise(db: Kysely<DB>, communityId: string, now = Date.now()) {
  const row = {
    id: newId(),
    community_id: communityId,
    name: `测试线路板有限公司${unique('')}`,
    industry: '线路板',
    size: 'medium' as const,
    employee_count: 300,
    contact_name: '张经理',
    contact_phone_enc: null,
    address: null,
    active: 1 as const,
    created_at: now,
    updated_at: now,
  };
  await db.insertInto('enterprises').values(row).execute();
  return row;
}

export async function buildDepartment(db: Kysely<DB>, countyId: string, now = Date.now()) {
  const row = {
    id: newId(),
    county_id: countyId,
    name: `测试局${unique('')}`,
    short_name: '测试局',
    active: 1 as const,
    created_at: now,
  };
  await db.insertInto('departments').values(row).execute();
  return row;
}

export interface TestUser {
  id: string;
  username: string;
  actor: Actor;
}

/** A user with the given role and scope; the password is TEST_PASSWORD. */
export async function buildUser(
  db: Kysely<DB>,
  input: {
    role: Role;
    countyId: string;
    communityId?: string | null;
    enterpriseId?: string | null;
    departmentId?: string | null;
    displayName?: string;
  },
  now = Date.now(),
): Promise<TestUser> {
  const id = newId();
  const username = unique(`${input.role}-`);
  const displayName = input.displayName ?? `${input.role}用户`;
  await db
    .insertInto('users')
    .values({
      id,
      username,
      display_name: displayName,
      password_hash: await hashed(),
      role: input.role,
      county_id: input.countyId,
      community_id: input.communityId ?? null,
      enterprise_id: input.enterpriseId ?? null,
      department_id: input.departmentId ?? null,
      phone_enc: null,
      active: 1,
      must_change_password: 0,
      failed_logins: 0,
      locked_until: null,
      password_changed_at: now,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return {
    id,
    username,
    actor: {
      userId: id,
      role: input.role,
      displayName,
      countyId: input.countyId,
      communityId: input.communityId ?? null,
      enterpriseId: input.enterpriseId ?? null,
      departmentId: input.departmentId ?? null,
    },
  };
}

/** One user of every role scoped to `world`. */
export async function buildStaffSet(db: Kysely<DB>, world: Awaited<ReturnType<typeof buildWorld>>) {
  const c = { countyId: world.county.id };
  return {
    admin: await buildUser(db, { role: 'admin', ...c }),
    supervisor: await buildUser(db, { role: 'supervisor', ...c }),
    staff: await buildUser(db, { role: 'staff', ...c, communityId: world.community.id }),
    department: await buildUser(db, {
      role: 'department',
      ...c,
      departmentId: world.department.id,
    }),
    enterprise: await buildUser(db, {
      role: 'enterprise',
      ...c,
      communityId: world.community.id,
      enterpriseId: world.enterprise.id,
    }),
    worker: await buildUser(db, { role: 'worker', ...c, communityId: world.community.id }),
    auditor: await buildUser(db, { role: 'auditor', ...c }),
  };
}
