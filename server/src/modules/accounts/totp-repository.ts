import type { Kysely } from 'kysely';

import type { DB } from '../../db/schema';
import { newId } from '../../shared/ids';

/** The TOTP columns of users and the recovery codes (the only Kysely of the TOTP feature). */
export function createTotpRepository(db: Kysely<DB>) {
  return {
    async state(userId: string) {
      return db
        .selectFrom('users')
        .select([
          'id',
          'username',
          'role',
          'county_id',
          'password_hash',
          'failed_logins',
          'locked_until',
          'totp_secret_enc',
          'totp_enabled_at',
          'totp_last_step',
        ])
        .where('id', '=', userId)
        .executeTakeFirst();
    },

    async unusedRecoveryCodes(userId: string): Promise<number> {
      const row = await db
        .selectFrom('totp_recovery_codes')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('user_id', '=', userId)
        .where('used_at', 'is', null)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    /** Starts (or restarts) a pending enrolment; refused when TOTP is already on. */
    async setPending(userId: string, secretEnc: string, now: number): Promise<boolean> {
      const r = await db
        .updateTable('users')
        .set({ totp_secret_enc: secretEnc, totp_last_step: null, updated_at: now })
        .where('id', '=', userId)
        .where('totp_enabled_at', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    /**
     * Accepts a time step once: moves `totp_last_step` forward only if the step is newer, so that
     * two requests with the same code cannot both pass (compare-and-set).
     */
    async acceptStep(userId: string, step: number): Promise<boolean> {
      const r = await db
        .updateTable('users')
        .set({ totp_last_step: step })
        .where('id', '=', userId)
        .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    /** Enables the pending secret at `step` and stores fresh recovery codes, in one transaction. */
    async enable(input: {
      userId: string;
      step: number;
      codeHashes: string[];
      now: number;
    }): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        const r = await trx
          .updateTable('users')
          .set({ totp_enabled_at: input.now, totp_last_step: input.step, updated_at: input.now })
          .where('id', '=', input.userId)
          .where('totp_enabled_at', 'is', null)
          .where('totp_secret_enc', 'is not', null)
          .where((eb) =>
            eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', input.step)]),
          )
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) !== 1) {
          return false;
        }
        await replaceCodes(trx, input.userId, input.codeHashes, input.now);
        return true;
      });
    },

    async replaceRecoveryCodes(userId: string, codeHashes: string[], now: number): Promise<void> {
      await db.transaction().execute((trx) => replaceCodes(trx, userId, codeHashes, now));
    },

    /** Burns an unused recovery code; false when there is none with this hash. */
    async burnRecoveryCode(userId: string, codeHash: string, now: number): Promise<boolean> {
      const r = await db
        .updateTable('totp_recovery_codes')
        .set({ used_at: now })
        .where('user_id', '=', userId)
        .where('code_hash', '=', codeHash)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    /** Turns TOTP off (disable or admin reset): secret, step and recovery codes are removed. */
    async clear(userId: string, now: number, countyId?: string): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        const r = await trx
          .updateTable('users')
          .set({
            totp_secret_enc: null,
            totp_enabled_at: null,
            totp_last_step: null,
            updated_at: now,
          })
          .where('id', '=', userId)
          .$if(countyId !== undefined, (qb) => qb.where('county_id', '=', countyId!))
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) !== 1) {
          return false;
        }
        await trx.deleteFrom('totp_recovery_codes').where('user_id', '=', userId).execute();
        return true;
      });
    },

    /** Counts a failed second-factor check like a failed login (5 → locked for 15 minutes). */
    async recordFailure(
      user: { id: string; failed_logins: number; locked_until: number | null },
      now: number,
      limits: { max: number; lockMs: number },
    ): Promise<void> {
      const failed = user.failed_logins + 1;
      await db
        .updateTable('users')
        .set({
          failed_logins: failed >= limits.max ? 0 : failed,
          locked_until: failed >= limits.max ? now + limits.lockMs : user.locked_until,
        })
        .where('id', '=', user.id)
        .execute();
    },
  };
}

async function replaceCodes(
  trx: Kysely<DB>,
  userId: string,
  codeHashes: string[],
  now: number,
): Promise<void> {
  await trx.deleteFrom('totp_recovery_codes').where('user_id', '=', userId).execute();
  await trx
    .insertInto('totp_recovery_codes')
    .values(
      codeHashes.map((h) => ({
        id: newId(),
        user_id: userId,
        code_hash: h,
        created_at: now,
        used_at: null,
      })),
    )
    .execute();
}

export type TotpRepository = ReturnType<typeof createTotpRepository>;
