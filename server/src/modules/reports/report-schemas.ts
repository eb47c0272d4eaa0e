import { z } from 'zod';

import { idSchema } from '../../shared/http/schemas';

/** Request and response schemas of the report routes (STYLE §7.6: separate, bounded). */

export const monthSchema = z
  .string()
  .trim()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'month must be written YYYY-MM');

export const reportListQuery = z
  .object({ communityId: idSchema.optional().describe('社区 id 或 slug') })
  .strict();

export const createReportBody = z
  .object({ communityId: idSchema.describe('社区 id 或 slug'), month: monthSchema })
  .strict();

export const reportResponse = z.object({
  id: z.string(),
  communityId: z.string(),
  communityName: z.string(),
  month: z.string(),
  pdfBytes: z.number().int(),
  xlsxBytes: z.number().int(),
  generatedAt: z.number().int(),
  generatedBy: z.string().nullable(),
  generatedByName: z.string().nullable(),
  pdfUrl: z.string(),
  xlsxUrl: z.string(),
});

export type ReportResponse = z.infer<typeof reportResponse>;
