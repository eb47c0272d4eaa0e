import type { InsertObject, Kysely } from 'kysely';

import type { DB } from '../../db/schema';
import type { FieldCrypto } from '../../shared/field-crypto';
import { hashPassword } from '../accounts';
import { ensureCommunitySettings } from '../promise';
import type { DemoPlan } from './demo-types';

/** Rows per INSERT statement (well under SQLite's and PostgreSQL's parameter limits). */
const BATCH = 200;

async function insertAll<T extends keyof DB>(
  trx: Kysely<DB>,
  table: T,
  rows: InsertObject<DB, T>[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    await trx
      .insertInto(table)
      .values(rows.slice(i, i + BATCH))
      .execute();
  }
}

/** Hashes each distinct demo password once (argon2id is deliberately slow). */
export async function hashDemoPasswords(plan: DemoPlan): Promise<Map<string, string>> {
  const hashes = new Map<string, string>();
  for (const password of new Set(plan.users.map((u) => u.password))) {
    hashes.set(password, await hashPassword(password));
  }
  return hashes;
}

/**
 * Writes a demo plan inside the caller's transaction: reference rows get `now` as their
 * creation time, phone numbers are encrypted, category codes become the ids of the loaded
 * taxonomy (which must exist: prepareDatabase loads it).
 */
export async function writeDemoPlan(
  trx: Kysely<DB>,
  plan: DemoPlan,
  input: { crypto: FieldCrypto; passwordHashes: Map<string, string>; now: number },
): Promise<void> {
  const { crypto, passwordHashes, now } = input;
  const categories = await trx.selectFrom('categories').select(['id', 'code']).execute();
  const categoryId = new Map(categories.map((c) => [c.code, c.id]));
  const category = (code: string): string => {
    const id = categoryId.get(code);
    if (!id) {
      throw new Error(`category ${code} is missing: load the default taxonomy before the demo`);
    }
    return id;
  };

  await insertAll(trx, 'counties', [{ ...plan.county, created_at: now }]);
  await insertAll(
    trx,
    'communities',
    plan.communities.map(({ key: _key, ...c }) => ({ ...c, created_at: now })),
  );
  for (const c of plan.communities) {
    await ensureCommunitySettings(trx, c.id, now);
  }
  await insertAll(
    trx,
    'enterprises',
    plan.enterprises.map(({ contact_phone, ...e }) => ({
      ...e,
      contact_phone_enc: crypto.encrypt(contact_phone),
      created_at: now,
      updated_at: now,
    })),
  );
  await insertAll(
    trx,
    'departments',
    plan.departments.map((d) => ({ ...d, created_at: now })),
  );
  await insertAll(
    trx,
    'users',
    plan.users.map((u) => ({
      id: u.id,
      username: u.username,
      display_name: u.displayName,
      password_hash: passwordHashes.get(u.password)!,
      role: u.role,
      county_id: plan.county.id,
      community_id: u.communityId,
      enterprise_id: u.enterpriseId,
      department_id: u.departmentId,
      phone_enc: null,
      active: 1,
      must_change_password: 0,
      failed_logins: 0,
      locked_until: null,
      password_changed_at: now,
      created_at: now,
      updated_at: now,
    })),
  );
  await insertAll(
    trx,
    'problems',
    plan.problems.map(({ category_code, ...p }) => ({
      ...p,
      category_id: category(category_code),
    })),
  );
  await insertAll(
    trx,
    'troubles',
    plan.troubles.map(({ category_code, reporter_phone, ...t }) => ({
      ...t,
      category_id: category(category_code),
      reporter_phone_enc: reporter_phone ? crypto.encrypt(reporter_phone) : null,
    })),
  );
  await insertAll(trx, 'problem_departments', plan.assignments);
  await insertAll(trx, 'extension_requests', plan.extensions);
  await insertAll(trx, 'escalations', plan.escalations);
  await insertAll(trx, 'ratings', plan.ratings);
  await insertAll(trx, 'events', plan.events);
  await insertAll(trx, 'notifications', plan.notifications);
  await insertAll(trx, 'counters', plan.counters);
}
