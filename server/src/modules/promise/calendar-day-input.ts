import { z } from 'zod';

/** A real calendar day written YYYY-MM-DD (2023-02-30 is refused). */
export const calendarDayInput = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD')
  .refine((s) => {
    const t = Date.parse(`${s}T00:00:00Z`);
    return !Number.isNaN(t) && new Date(t).toISOString().startsWith(s);
  }, 'not a real date');
