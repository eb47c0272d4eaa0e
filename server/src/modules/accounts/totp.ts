import { createHash, createHmac, randomInt } from 'node:crypto';

import { Secret, TOTP } from 'otpauth';

/**
 * TOTP (RFC 6238) with the common authenticator-app parameters: SHA-1, 6 digits, 30-second
 * steps, 160-bit secrets; codes are accepted one step either side of the server's clock.
 */
export const TOTP_ISSUER = '烦恼指数 Fannao';
const PERIOD_S = 30;
const DIGITS = 6;
const WINDOW = 1;

export const RECOVERY_CODE_COUNT = 10;
/** Recovery codes: 10 characters of an alphabet without look-alikes (0/O, 1/I/L), ~50 bits. */
const RECOVERY_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const RECOVERY_LENGTH = 10;

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totpOf(secretBase32: string, account = 'user'): TOTP {
  return new TOTP({
    issuer: TOTP_ISSUER,
    label: account,
    algorithm: 'SHA1',
    digits: DIGITS,
    period: PERIOD_S,
    secret: Secret.fromBase32(secretBase32),
  });
}

/** The otpauth:// URI an authenticator app reads from the QR code. */
export function totpUri(secretBase32: string, account: string): string {
  return totpOf(secretBase32, account).toString();
}

/** The time step (RFC 6238 T) of an instant. */
export function totpStep(nowMs: number): number {
  return Math.floor(nowMs / 1000 / PERIOD_S);
}

/** The code of a time step (tests and the demo; the server never sends one). */
export function totpCodeAt(secretBase32: string, nowMs: number): string {
  return totpOf(secretBase32).generate({ timestamp: nowMs });
}

/**
 * The time step a code belongs to, when it is valid within ±1 step of `nowMs` and newer than
 * `lastStep` (the last accepted one: a code is never accepted twice); otherwise null.
 */
export function matchTotp(input: {
  secretBase32: string;
  code: string;
  nowMs: number;
  lastStep: number | null;
}): number | null {
  if (!/^\d{6}$/.test(input.code)) {
    return null;
  }
  const delta = totpOf(input.secretBase32).validate({
    token: input.code,
    timestamp: input.nowMs,
    window: WINDOW,
  });
  if (delta === null) {
    return null;
  }
  const step = totpStep(input.nowMs) + delta;
  return input.lastStep !== null && step <= input.lastStep ? null : step;
}

/** Ten fresh recovery codes, formatted `XXXXX-XXXXX`. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    let s = '';
    for (let i = 0; i < RECOVERY_LENGTH; i++) {
      s += RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)];
    }
    return `${s.slice(0, 5)}-${s.slice(5)}`;
  });
}

/** Upper case without spaces or dashes, so that `abcde fghij` matches `ABCDE-FGHIJ`. */
export function normalizeRecoveryCode(code: string): string {
  return code.replace(/[\s-]/g, '').toUpperCase();
}

/**
 * Keyed hashes of recovery codes (HMAC-SHA256 with a key derived from FIELD_KEY, bound to the
 * user): a copy of the database alone does not allow guessing codes offline.
 */
export function createRecoveryCodeHasher(fieldKey: string) {
  const key = createHash('sha256').update(`fannao-recovery:${fieldKey}`).digest();
  return (userId: string, code: string): string =>
    createHmac('sha256', key)
      .update(`${userId}:${normalizeRecoveryCode(code)}`)
      .digest('hex');
}
