import { hash, verify } from '@node-rs/argon2';

import { ruleViolation } from '../../shared/errors';

/** argon2id with the OWASP baseline (m = 19 MiB, t = 2, p = 1); ~100 ms on the 2-core box. */
// algorithm 2 = Argon2id (the package's const enum cannot be imported under verbatimModuleSyntax).
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(plain: string): Promise<string> {
  return hash(plain, OPTIONS);
}

export async function verifyPassword(stored: string, plain: string): Promise<boolean> {
  try {
    return await verify(stored, plain);
  } catch {
    return false;
  }
}

/**
 * A hash of a random password, verified against when the username does not exist so that the
 * answer takes the same time either way (no user enumeration by timing).
 */
let dummyHash: Promise<string> | null = null;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(`dummy-${Math.random()}`);
  return dummyHash;
}

/** Common passwords refused outright (ASVS 6.2.4; a Chinese context list). */
const COMMON = new Set([
  '12345678',
  '123456789',
  '1234567890',
  '87654321',
  '11111111',
  '00000000',
  '88888888',
  '66666666',
  'password',
  'password1',
  'passw0rd',
  'qwertyui',
  'qwerty123',
  'abc12345',
  'a1234567',
  'aa123456',
  'abcd1234',
  '1qaz2wsx',
  'woaini1314',
  'woaini520',
  '5201314520',
  'iloveyou',
  'admin123',
  'admin888',
  'administrator',
  'fannao123',
  'baohua123',
  'zhongguo',
  'changeme',
  'welcome1',
  '147258369',
  '123123123',
  '12341234',
  '11223344',
  '1q2w3e4r',
]);

/** ASVS 6.2: at least 8 characters, at most 128, no composition rules, not a common password. */
export function assertPasswordAcceptable(plain: string): void {
  if (COMMON.has(plain.toLowerCase())) {
    throw ruleViolation('passwordTooCommon');
  }
}
