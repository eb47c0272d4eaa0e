import { customAlphabet } from 'nanoid';

/**
 * Public tracking codes: the community prefix and 10 symbols from a 31-letter alphabet without
 * look-alikes (0/O, 1/I/L), about 49.5 bits — unguessable for anonymous look-ups, which are also
 * rate-limited. Shown as `BH-7K3Q9-XW2MZ`; look-ups ignore case, spaces and dashes.
 */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const random = customAlphabet(CODE_ALPHABET, 10);

export function newTrackingCode(prefix: string): string {
  const r = random();
  return `${prefix}-${r.slice(0, 5)}-${r.slice(5)}`;
}

/** Canonical form of a typed code, or null when it cannot be one. */
export function normalizeTrackingCode(input: string): string | null {
  const compact = input.toUpperCase().replace(/[\s-]/g, '');
  const match = /^([A-Z]{2,4})([2-9A-HJKMNP-Z]{10})$/.exec(compact);
  if (!match) {
    return null;
  }
  const [, prefix, body] = match as unknown as [string, string, string];
  return `${prefix}-${body.slice(0, 5)}-${body.slice(5)}`;
}
