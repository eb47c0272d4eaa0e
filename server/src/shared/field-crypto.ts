import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Encryption at rest for personal data (phone numbers; SPEC §10, PIPL Art. 51):
 * AES-256-GCM, stored as `v1.<iv>.<tag>.<ciphertext>` in base64url.
 */
export interface FieldCrypto {
  encrypt(plain: string): string;
  decrypt(stored: string): string;
}

/**
 * 12-byte GCM nonces cut from a pool of CSPRNG bytes refilled 1,024 nonces at a time: the same
 * randomness as randomBytes(12) per call, without a system call per encrypted field (imports
 * encrypt one phone number per row). Each nonce is copied out, so no two ciphertexts share one.
 */
const IV_POOL = 12 * 1024;
let ivPool = Buffer.alloc(0);
let ivAt = IV_POOL;
function nextIv(): Buffer {
  if (ivAt + 12 > ivPool.length) {
    ivPool = randomBytes(IV_POOL);
    ivAt = 0;
  }
  const iv = Buffer.from(ivPool.subarray(ivAt, ivAt + 12));
  ivAt += 12;
  return iv;
}

export function createFieldCrypto(secret: string): FieldCrypto {
  const key = createHash('sha256').update(`fannao-field:${secret}`).digest();
  return {
    encrypt(plain) {
      const iv = nextIv();
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return ['v1', iv, tag, data]
        .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
        .join('.');
    },
    decrypt(stored) {
      const [version, iv, tag, data] = stored.split('.');
      if (version !== 'v1' || !iv || !tag || data === undefined) {
        throw new Error('unknown field encryption format');
      }
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([
        decipher.update(Buffer.from(data, 'base64url')),
        decipher.final(),
      ]).toString('utf8');
    },
  };
}

/** Masks a mobile number for display: 138****5678 (GB/T 35273 display restriction). */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\s+/g, '');
  if (digits.length < 7) {
    return '*'.repeat(digits.length);
  }
  return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
}

/** Masks a personal name for public views: 张* / 欧阳** . */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) {
    return '*';
  }
  return `${chars[0]}${'*'.repeat(chars.length - 1)}`;
}

/** Masks an identity number (身份证号) for display: first 3 and last 4 kept, 360***********1234. */
export function maskIdNumber(idNumber: string): string {
  const chars = idNumber.replace(/\s+/g, '');
  if (chars.length < 8) {
    return '*'.repeat(chars.length);
  }
  return `${chars.slice(0, 3)}${'*'.repeat(chars.length - 7)}${chars.slice(-4)}`;
}
