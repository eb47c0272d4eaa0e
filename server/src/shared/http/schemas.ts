import { z } from 'zod';

/** Shared request/response pieces. Every string is bounded (STYLE §7.6). */
export const idSchema = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[0-9A-Za-z_-]+$/, 'not an id');

export const idParams = z.object({ id: idSchema }).strict();

export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
};

export const problemDetails = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string(),
    requestId: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .describe('application/problem+json');

/** Standard error responses for OpenAPI. */
export const errorResponses = {
  400: problemDetails,
  401: problemDetails,
  403: problemDetails,
  404: problemDetails,
  409: problemDetails,
  422: problemDetails,
  429: problemDetails,
};

/** Bounded free text: trimmed, with a maximum length in characters. */
export const text = (max: number) => z.string().trim().max(max);
export const requiredText = (max: number) => z.string().trim().min(1).max(max);

/** Epoch milliseconds in responses and an ISO-8601 string or epoch ms in requests. */
export const instantInput = z.union([
  z.number().int().min(0).max(8_640_000_000_000),
  z.iso.datetime({ offset: true }).transform((s) => Date.parse(s)),
]);

/** An instant in a query string: epoch milliseconds or ISO-8601 with an offset. */
export const instantQuery = z.union([
  z
    .string()
    .regex(/^\d{1,16}$/)
    .transform(Number),
  z.iso.datetime({ offset: true }).transform((s) => Date.parse(s)),
]);

export const okResponse = z.object({ ok: z.literal(true) });
