import { createHash, randomBytes } from 'node:crypto';

import type { Kysely } from 'kysely';

import type { DB } from '../../db/schema';
import { newId } from '../../shared/ids';

const hashOf = (token: string) => createHash('sha256').update(`display:${token}`).digest('hex');

/** Creates a display token for a community's big screen; the token is shown once. */
export async function createDisplayToken(
  db: Kysely<DB>,
  input: {
    communityId: string;
    label: string;
    createdBy: string | null;
    now: number;
    token?: string;
  },
): Promise<{ id: string; token: string }> {
  const token = input.token ?? randomBytes(18).toString('base64url');
  const id = newId();
  await db
    .insertInto('display_tokens')
    .values({
      id,
      community_id: input.communityId,
      token_hash: hashOf(token),
      label: input.label,
      created_by: input.createdBy,
      created_at: input.now,
      revoked_at: null,
    })
    .execute();
  return { id, token };
}

/** The community a live token opens, or undefined. */
export async function communityOfDisplayToken(db: Kysely<DB>, slug: string, token: string) {
  return db
    .selectFrom('display_tokens')
    .innerJoin('communities', 'communities.id', 'display_tokens.community_id')
    .select(['communities.id', 'communities.county_id', 'communities.name'])
    .where('display_tokens.token_hash', '=', hashOf(token))
    .where('display_tokens.revoked_at', 'is', null)
    .where('communities.slug', '=', slug)
    .executeTakeFirst();
}

export async function listDisplayTokens(db: Kysely<DB>, communityId: string) {
  return db
    .selectFrom('display_tokens')
    .select(['id', 'label', 'created_at', 'revoked_at'])
    .where('community_id', '=', communityId)
    .orderBy('created_at')
    .execute();
}

export async function revokeDisplayToken(
  db: Kysely<DB>,
  communityId: string,
  id: string,
  now: number,
): Promise<boolean> {
  const r = await db
    .updateTable('display_tokens')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('community_id', '=', communityId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
