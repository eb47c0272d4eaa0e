import QRCode from 'qrcode';

import type { Role } from '../../../../common/enums';
import type { Deps } from '../../deps';
import type { Actor } from '../../shared/actor';
import { createAuditWriter } from '../../shared/audit';
import { AppError, conflict, notFound, ruleViolation } from '../../shared/errors';
import { verifyPassword } from './password';
import { createSessionRepository } from './session-repository';
import {
  createRecoveryCodeHasher,
  matchTotp,
  newRecoveryCodes,
  newTotpSecret,
  totpUri,
} from './totp';
import { createTotpRepository } from './totp-repository';

/** The lockout shared with password logins (等保 login-failure handling). */
export const LOGIN_LIMITS = { max: 5, lockMs: 15 * 60_000 };

type TotpDeps = Pick<Deps, 'db' | 'dialect' | 'clock' | 'config' | 'crypto'>;

/** The second factor a login or a sensitive change presents: a TOTP code or a recovery code. */
export interface SecondFactor {
  totpCode?: string | undefined;
  recoveryCode?: string | undefined;
}

export interface TotpStatus {
  enabled: boolean;
  /** Enrolment started (secret issued) but not confirmed with a code yet. */
  pending: boolean;
  /** The deployment requires TOTP for this user's role (TOTP_REQUIRED_ROLES). */
  required: boolean;
  recoveryCodesLeft: number;
}

/** Whether a role must use TOTP under the deployment's policy. */
export function totpRequiredFor(role: Role, requiredRoles: readonly Role[]): boolean {
  return requiredRoles.includes(role);
}

/**
 * TOTP enrolment, verification and reset (RFC 6238; ASVS 6.3.2, 等保 身份鉴别). Secrets are
 * encrypted at rest with the field key and never logged or audited; recovery codes are shown
 * once and kept only as keyed hashes.
 */
export function createTotpService(deps: TotpDeps) {
  const { db, clock, config, crypto } = deps;
  const audit = createAuditWriter(deps);
  const repo = createTotpRepository(db);
  const sessions = createSessionRepository(db);
  const hashCode = createRecoveryCodeHasher(config.fieldKey);

  function issueRecoveryCodes(userId: string) {
    const codes = newRecoveryCodes();
    return { codes, hashes: codes.map((c) => hashCode(userId, c)) };
  }

  /**
   * Checks a second factor of a user with TOTP enabled and consumes it: a code's time step is
   * recorded (never accepted again), a recovery code is burnt. Returns what was used, or null.
   */
  async function consume(
    user: { id: string; totp_secret_enc: string | null; totp_last_step: number | null },
    factor: SecondFactor,
    options: { recovery: boolean },
  ): Promise<'totp' | 'recovery' | null> {
    const now = clock.now();
    if (factor.totpCode !== undefined && user.totp_secret_enc !== null) {
      const step = matchTotp({
        secretBase32: crypto.decrypt(user.totp_secret_enc),
        code: factor.totpCode,
        nowMs: now,
        lastStep: user.totp_last_step,
      });
      return step !== null && (await repo.acceptStep(user.id, step)) ? 'totp' : null;
    }
    if (options.recovery && factor.recoveryCode !== undefined) {
      const burnt = await repo.burnRecoveryCode(
        user.id,
        hashCode(user.id, factor.recoveryCode),
        now,
      );
      return burnt ? 'recovery' : null;
    }
    return null;
  }

  /** The caller's enabled TOTP state; refuses when TOTP is off or the account is locked. */
  async function enabledStateOf(actor: Actor) {
    const user = await repo.state(actor.userId ?? '');
    if (!user) {
      throw new AppError('UNAUTHENTICATED');
    }
    if (user.totp_enabled_at === null) {
      throw conflict('totpNotEnabled');
    }
    const now = clock.now();
    if (user.locked_until !== null && user.locked_until > now) {
      throw new AppError('ACCOUNT_LOCKED', {
        minutes: Math.ceil((user.locked_until - now) / 60_000),
      });
    }
    return user;
  }

  async function failSecondFactor(
    user: { id: string; failed_logins: number; locked_until: number | null },
    actor: Actor,
    action: string,
    ip: string | null,
  ): Promise<never> {
    await repo.recordFailure(user, clock.now(), LOGIN_LIMITS);
    await audit(actor, action, 'failure', ip, { reason: 'totpCodeWrong' });
    throw ruleViolation('totpCodeWrong');
  }

  return {
    async status(actor: Actor): Promise<TotpStatus> {
      const user = await repo.state(actor.userId ?? '');
      if (!user) {
        throw new AppError('UNAUTHENTICATED');
      }
      const enabled = user.totp_enabled_at !== null;
      return {
        enabled,
        pending: !enabled && user.totp_secret_enc !== null,
        required: totpRequiredFor(user.role, config.totpRequiredRoles),
        recoveryCodesLeft: enabled ? await repo.unusedRecoveryCodes(user.id) : 0,
      };
    },

    /** Issues a new secret (pending until confirmed) with its otpauth URI and QR code. */
    async start(actor: Actor): Promise<{ secret: string; otpauthUri: string; qrDataUrl: string }> {
      const user = await repo.state(actor.userId ?? '');
      if (!user) {
        throw new AppError('UNAUTHENTICATED');
      }
      const secret = newTotpSecret();
      if (!(await repo.setPending(user.id, crypto.encrypt(secret), clock.now()))) {
        throw conflict('totpAlreadyEnabled');
      }
      const otpauthUri = totpUri(secret, user.username);
      const qrDataUrl = await QRCode.toDataURL(otpauthUri, {
        errorCorrectionLevel: 'M',
        margin: 1,
        width: 240,
      });
      return { secret, otpauthUri, qrDataUrl };
    },

    /** Enables the pending secret with a current code; returns the recovery codes, shown once. */
    async confirm(input: {
      actor: Actor;
      code: string;
      ip: string | null;
    }): Promise<{ recoveryCodes: string[] }> {
      const user = await repo.state(input.actor.userId ?? '');
      if (!user) {
        throw new AppError('UNAUTHENTICATED');
      }
      if (user.totp_enabled_at !== null) {
        throw conflict('totpAlreadyEnabled');
      }
      if (user.totp_secret_enc === null) {
        throw conflict('totpNotStarted');
      }
      const step = matchTotp({
        secretBase32: crypto.decrypt(user.totp_secret_enc),
        code: input.code,
        nowMs: clock.now(),
        lastStep: user.totp_last_step,
      });
      if (step === null) {
        throw ruleViolation('totpCodeWrong');
      }
      const { codes, hashes } = issueRecoveryCodes(user.id);
      if (!(await repo.enable({ userId: user.id, step, codeHashes: hashes, now: clock.now() }))) {
        // A concurrent confirmation or disable won the race.
        throw conflict('totpNotStarted');
      }
      await audit(input.actor, 'auth.totp.enable', 'success', input.ip);
      return { recoveryCodes: codes };
    },

    /**
     * Turns TOTP off: needs the current password and a current code or a recovery code. Not for
     * roles that TOTP_REQUIRED_ROLES lists (an admin reset is the way out for a lost phone).
     */
    async disable(input: {
      actor: Actor;
      password: string;
      factor: SecondFactor;
      ip: string | null;
    }): Promise<void> {
      const user = await enabledStateOf(input.actor);
      if (totpRequiredFor(user.role, config.totpRequiredRoles)) {
        throw ruleViolation('totpRequiredByPolicy');
      }
      if (!(await verifyPassword(user.password_hash, input.password))) {
        await repo.recordFailure(user, clock.now(), LOGIN_LIMITS);
        await audit(input.actor, 'auth.totp.disable', 'failure', input.ip, {
          reason: 'currentPasswordWrong',
        });
        throw ruleViolation('currentPasswordWrong');
      }
      if (!(await consume(user, input.factor, { recovery: true }))) {
        await failSecondFactor(user, input.actor, 'auth.totp.disable', input.ip);
      }
      await repo.clear(user.id, clock.now());
      await audit(input.actor, 'auth.totp.disable', 'success', input.ip);
    },

    /** New recovery codes (the old ones stop working); needs a current code. */
    async regenerateRecoveryCodes(input: {
      actor: Actor;
      code: string;
      ip: string | null;
    }): Promise<{ recoveryCodes: string[] }> {
      const user = await enabledStateOf(input.actor);
      if (!(await consume(user, { totpCode: input.code }, { recovery: false }))) {
        await failSecondFactor(user, input.actor, 'auth.totp.recoveryCodes', input.ip);
      }
      const { codes, hashes } = issueRecoveryCodes(user.id);
      await repo.replaceRecoveryCodes(user.id, hashes, clock.now());
      await audit(input.actor, 'auth.totp.recoveryCodes', 'success', input.ip);
      return { recoveryCodes: codes };
    },

    /** Admin reset (a lost phone): TOTP off, recovery codes gone, every session of the user ended. */
    async reset(input: { actor: Actor; userId: string; ip: string | null }): Promise<void> {
      const done = await repo.clear(input.userId, clock.now(), input.actor.countyId ?? '');
      if (!done) {
        throw notFound('user', input.userId);
      }
      await sessions.deleteForUser(input.userId);
      await audit(
        input.actor,
        'user.resetTotp',
        'success',
        input.ip,
        { userId: input.userId },
        { type: 'user', id: input.userId },
      );
    },

    /** Login: checks and consumes the second factor of a user with TOTP enabled. */
    verifyLogin(
      user: { id: string; totp_secret_enc: string | null; totp_last_step: number | null },
      factor: SecondFactor,
    ): Promise<'totp' | 'recovery' | null> {
      return consume(user, factor, { recovery: true });
    },

    recordLoginFailure(user: {
      id: string;
      failed_logins: number;
      locked_until: number | null;
    }): Promise<void> {
      return repo.recordFailure(user, clock.now(), LOGIN_LIMITS);
    },
  };
}

export type TotpService = ReturnType<typeof createTotpService>;
