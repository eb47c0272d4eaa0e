import { createHash, randomBytes } from 'node:crypto';

import type { Kysely } from 'kysely';

import type { DB } from '../../db/schema';

export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function createSessionRepository(db: Kysely<DB>) {
  return {
    async insert(row: {
      token: string;
      userId: string;
      now: number;
      idleMs: number;
      absoluteMs: number;
      ip: string | null;
      userAgent: string | null;
    }): Promise<string> {
      const csrf = randomBytes(24).toString('base64url');
      await db
        .insertInto('sessions')
        .values({
          id: sessionIdOf(row.token),
          user_id: row.userId,
          csrf_token: csrf,
          created_at: row.now,
          expires_at: row.now + row.absoluteMs,
          idle_expires_at: row.now + row.idleMs,
          ip: row.ip,
          user_agent: row.userAgent?.slice(0, 300) ?? null,
        })
        .execute();
      return csrf;
    },

    /** The live session and its active user, or undefined. */
    async findLive(token: string, now: number) {
      return db
        .selectFrom('sessions as s')
        .innerJoin('users as u', 'u.id', 's.user_id')
        .select([
          's.id as sessionId',
          's.csrf_token as csrfToken',
          's.idle_expires_at as idleExpiresAt',
          'u.id',
          'u.username',
          'u.display_name',
          'u.role',
          'u.county_id',
          'u.community_id',
          'u.enterprise_id',
          'u.department_id',
          'u.must_change_password',
          'u.totp_enabled_at',
        ])
        .where('s.id', '=', sessionIdOf(token))
        .where('s.expires_at', '>', now)
        .where('s.idle_expires_at', '>', now)
        .where('u.active', '=', 1)
        .executeTakeFirst();
    },

    async touch(sessionId: string, idleExpiresAt: number): Promise<void> {
      await db
        .updateTable('sessions')
        .set({ idle_expires_at: idleExpiresAt })
        .where('id', '=', sessionId)
        .execute();
    },

    async delete(sessionId: string): Promise<void> {
      await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
    },

    async deleteForUser(userId: string, exceptSessionId?: string): Promise<void> {
      await db
        .deleteFrom('sessions')
        .where('user_id', '=', userId)
        .$if(exceptSessionId !== undefined, (qb) => qb.where('id', '!=', exceptSessionId!))
        .execute();
    },

    async deleteExpired(now: number): Promise<void> {
      await db
        .deleteFrom('sessions')
        .where((eb) => eb.or([eb('expires_at', '<=', now), eb('idle_expires_at', '<=', now)]))
        .execute();
    },
  };
}
