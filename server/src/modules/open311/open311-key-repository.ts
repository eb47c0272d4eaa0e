import { createHash } from 'node:crypto';

import type { Kysely } from 'kysely';

import type { DB } from '../../db/schema';

/** Keys are stored as a SHA-256 only; the key itself is shown once at creation. */
export const apiKeyHash = (key: string) =>
  createHash('sha256').update(`open311:${key}`).digest('hex');

export function createOpen311KeyRepository(db: Kysely<DB>) {
  return {
    async insert(row: {
      id: string;
      communityId: string;
      keyHash: string;
      keyPrefix: string;
      label: string;
      createdBy: string | null;
      now: number;
    }): Promise<void> {
      await db
        .insertInto('open311_api_keys')
        .values({
          id: row.id,
          community_id: row.communityId,
          key_hash: row.keyHash,
          key_prefix: row.keyPrefix,
          label: row.label,
          created_by: row.createdBy,
          created_at: row.now,
          last_used_at: null,
          revoked_at: null,
        })
        .execute();
    },
    /** The live key with this hash and its community's county. */
    async findLive(keyHash: string) {
      return db
        .selectFrom('open311_api_keys')
        .innerJoin('communities', 'communities.id', 'open311_api_keys.community_id')
        .select([
          'open311_api_keys.id',
          'open311_api_keys.community_id',
          'open311_api_keys.label',
          'open311_api_keys.last_used_at',
          'communities.county_id',
        ])
        .where('open311_api_keys.key_hash', '=', keyHash)
        .where('open311_api_keys.revoked_at', 'is', null)
        .executeTakeFirst();
    },
    async touch(id: string, now: number): Promise<void> {
      await db
        .updateTable('open311_api_keys')
        .set({ last_used_at: now })
        .where('id', '=', id)
        .execute();
    },
    async list(countyId: string, communityId?: string) {
      return db
        .selectFrom('open311_api_keys')
        .innerJoin('communities', 'communities.id', 'open311_api_keys.community_id')
        .select([
          'open311_api_keys.id',
          'open311_api_keys.community_id',
          'open311_api_keys.key_prefix',
          'open311_api_keys.label',
          'open311_api_keys.created_at',
          'open311_api_keys.last_used_at',
          'open311_api_keys.revoked_at',
        ])
        .where('communities.county_id', '=', countyId)
        .$if(communityId !== undefined, (qb) =>
          qb.where('open311_api_keys.community_id', '=', communityId!),
        )
        .orderBy('open311_api_keys.created_at')
        .execute();
    },
    async communityInCounty(communityId: string, countyId: string): Promise<boolean> {
      const c = await db
        .selectFrom('communities')
        .select('id')
        .where('id', '=', communityId)
        .where('county_id', '=', countyId)
        .executeTakeFirst();
      return c !== undefined;
    },
    async revoke(id: string, countyId: string, now: number): Promise<boolean> {
      const inScope = await db
        .selectFrom('open311_api_keys')
        .innerJoin('communities', 'communities.id', 'open311_api_keys.community_id')
        .select('open311_api_keys.id')
        .where('open311_api_keys.id', '=', id)
        .where('communities.county_id', '=', countyId)
        .where('open311_api_keys.revoked_at', 'is', null)
        .executeTakeFirst();
      if (!inScope) {
        return false;
      }
      await db
        .updateTable('open311_api_keys')
        .set({ revoked_at: now })
        .where('id', '=', id)
        .execute();
      return true;
    },
  };
}
