import { describe, expect, it } from 'vitest';

import {
  createRecoveryCodeHasher,
  matchTotp,
  newRecoveryCodes,
  newTotpSecret,
  normalizeRecoveryCode,
  totpCodeAt,
  totpStep,
  totpUri,
} from './totp';

/** RFC 6238 appendix B: the SHA-1 seed "12345678901234567890" in base32. */
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
/** A fixed instant in the middle of a 30-second step. */
const T = Date.parse('2026-11-24T08:00:15Z');

describe('TOTP codes (RFC 6238)', () => {
  it('matches the RFC 6238 SHA-1 test vectors (last six digits)', () => {
    expect(totpCodeAt(RFC_SECRET, 59_000)).toBe('287082');
    expect(totpCodeAt(RFC_SECRET, 1_111_111_109_000)).toBe('081804');
    expect(totpCodeAt(RFC_SECRET, 1_234_567_890_000)).toBe('005924');
    expect(totpCodeAt(RFC_SECRET, 2_000_000_000_000)).toBe('279037');
  });

  it('accepts the code of the current step and of one step either side, and returns its step', () => {
    const step = totpStep(T);
    for (const offset of [-1, 0, 1]) {
      const code = totpCodeAt(RFC_SECRET, T + offset * 30_000);
      expect(matchTotp({ secretBase32: RFC_SECRET, code, nowMs: T, lastStep: null })).toBe(
        step + offset,
      );
    }
  });

  it('refuses codes two steps away (a minute of drift) and malformed codes', () => {
    for (const offset of [-2, 2, 10]) {
      const code = totpCodeAt(RFC_SECRET, T + offset * 30_000);
      expect(matchTotp({ secretBase32: RFC_SECRET, code, nowMs: T, lastStep: null })).toBeNull();
    }
    const good = totpCodeAt(RFC_SECRET, T);
    for (const code of ['', '12345', '1234567', `${good} `, 'abcdef', `${good.slice(0, 5)}x`]) {
      expect(matchTotp({ secretBase32: RFC_SECRET, code, nowMs: T, lastStep: null })).toBeNull();
    }
  });

  it('refuses a replay: a code of the last accepted step or an older one', () => {
    const step = totpStep(T);
    const now = totpCodeAt(RFC_SECRET, T);
    const before = totpCodeAt(RFC_SECRET, T - 30_000);
    expect(matchTotp({ secretBase32: RFC_SECRET, code: now, nowMs: T, lastStep: step })).toBeNull();
    expect(
      matchTotp({ secretBase32: RFC_SECRET, code: before, nowMs: T, lastStep: step }),
    ).toBeNull();
    // The previous step's code after the current one was used: still refused (older).
    expect(
      matchTotp({ secretBase32: RFC_SECRET, code: before, nowMs: T, lastStep: step - 1 }),
    ).toBeNull();
    // The next step's code (clock drift ahead) is newer than the last accepted: accepted.
    const next = totpCodeAt(RFC_SECRET, T + 30_000);
    expect(matchTotp({ secretBase32: RFC_SECRET, code: next, nowMs: T, lastStep: step })).toBe(
      step + 1,
    );
  });

  it('makes 160-bit base32 secrets and an otpauth URI with the issuer and the account', () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(secret);
    const uri = new URL(totpUri(secret, 'baohua1'));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe('/烦恼指数 Fannao:baohua1');
    expect(uri.searchParams.get('issuer')).toBe('烦恼指数 Fannao');
    expect(uri.searchParams.get('secret')).toBe(secret);
    expect(uri.searchParams.get('digits')).toBe('6');
    expect(uri.searchParams.get('period')).toBe('30');
  });
});

describe('recovery codes', () => {
  it('makes ten distinct codes of ten unambiguous characters', () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) {
      expect(c).toMatch(/^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/);
    }
  });

  it('hashes with a key and the user: case, spaces and dashes do not matter', () => {
    const hash = createRecoveryCodeHasher('field-key-for-tests-0123456789abcdef');
    const h = hash('user-1', 'ABCDE-FGHJK');
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(hash('user-1', 'abcde fghjk')).toBe(h);
    expect(hash('user-1', 'ABCDEFGHJK')).toBe(h);
    expect(hash('user-2', 'ABCDE-FGHJK')).not.toBe(h);
    expect(
      createRecoveryCodeHasher('another-field-key-0123456789abcdef')('user-1', 'ABCDE-FGHJK'),
    ).not.toBe(h);
    expect(normalizeRecoveryCode(' ab-cd ')).toBe('ABCD');
  });
});
