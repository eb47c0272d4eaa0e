import { z } from 'zod';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** True for an 18-character resident identity number (GB 11643-1999) with a valid check digit. */
export function isValidIdNumber(value: string): boolean {
  if (!/^\d{17}[\dX]$/.test(value)) {
    return false;
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    sum += Number(value[i]) * WEIGHTS[i]!;
  }
  return CHECK[sum % 11] === value[17];
}

/** Request field for an identity number: 18 characters, lower-case x accepted, checksum verified. */
export const idNumberInput = z
  .string()
  .trim()
  .regex(/^\d{17}[\dXx]$/, 'not a valid 18-digit identity number')
  .refine((v) => isValidIdNumber(v.toUpperCase()), 'not a valid 18-digit identity number');
