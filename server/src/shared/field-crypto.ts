import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Encryption at rest for personal data (phone numbers; SPEC §10, PIPL Art. 51):
 * AES-256-GCM, stored as `v1.<iv>.<tag>.<ciphertext>` in base64url.
 */
export interface FieldCrypto {
  encrypt(plain: string): string;
  decrypt(stored: string): string;
}

export function createFieldCrypto(secret: string): FieldCrypto {
  const key = createHash('sha256').update(`fannao-field:${secret}`).digest();
  return {
    encrypt(plain) {
      const iv = randomBytes(12);
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
