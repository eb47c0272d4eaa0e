import { z } from 'zod';

import { idSchema } from '../../shared/http/schemas';
import { IMPORT_KINDS } from './import-fields';
import { ROW_ERROR_CODES } from './row-errors';

export const importQuery = z
  .object({
    kind: z.enum(IMPORT_KINDS).optional(),
    community: z.string().trim().min(1).max(40).optional(),
  })
  .strict();

export const importGetQuery = z
  .object({ errors: z.coerce.number().int().min(0).max(1000).default(100) })
  .strict();

export const importParams = z.object({ id: idSchema }).strict();

export const importView = z.object({
  id: z.string(),
  kind: z.enum(IMPORT_KINDS),
  status: z.enum(['validating', 'validated', 'committing', 'committed', 'failed', 'interrupted']),
  communityId: z.string().nullable(),
  fileName: z.string(),
  format: z.enum(['xlsx', 'csv']),
  encoding: z.string().nullable().describe('CSV only: UTF-8, UTF-8 (BOM), GBK/GB18030, UTF-16LE'),
  headerRow: z.number().nullable(),
  columns: z.array(
    z.object({ column: z.string(), header: z.string(), field: z.string().nullable() }),
  ),
  progress: z.object({
    rowsRead: z.number(),
    totalEstimate: z.number().nullable(),
    bytesRead: z.number(),
    bytesTotal: z.number(),
    percent: z.number(),
  }),
  counts: z.object({
    good: z.number(),
    bad: z.number(),
    skipped: z.number().describe('rows an earlier import already committed (not duplicated)'),
    committed: z.number(),
  }),
  committedThroughRow: z.number(),
  errors: z.array(
    z.object({
      row: z.number(),
      column: z.string(),
      field: z.string(),
      code: z.enum(ROW_ERROR_CODES),
      message: z.string(),
    }),
  ),
  failure: z.object({ code: z.string(), message: z.string() }).nullable(),
  createdAt: z.number(),
  validatedAt: z.number().nullable(),
  committedAt: z.number().nullable(),
});
