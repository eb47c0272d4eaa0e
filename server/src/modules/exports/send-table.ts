import { PassThrough } from 'node:stream';

import type { FastifyReply } from 'fastify';

import type { TablePlan } from './export-service';
import {
  CONTENT_TYPES,
  contentDisposition,
  createTableSink,
  type TableFormat,
} from './table-writer';

/**
 * Streams a plan as XLSX or CSV with a safe UTF-8 file name, `no-store`, and whether personal
 * data is in clear (`x-personal-data`); an error after the head aborts the body.
 */
export function sendTable(reply: FastifyReply, plan: TablePlan, format: TableFormat) {
  const out = new PassThrough();
  const sink = createTableSink(format, out, { sheetName: plan.sheet, headers: plan.headers });
  void (async () => {
    for await (const row of plan.rows()) {
      await sink.addRow(row);
    }
    await sink.end();
  })().catch((error: unknown) => out.destroy(error as Error));
  return reply
    .type(CONTENT_TYPES[format])
    .header('content-disposition', contentDisposition(`${plan.fileBase}.${format}`))
    .header('cache-control', 'no-store')
    .header('x-personal-data', plan.unmasked ? 'unmasked' : 'masked')
    .send(out);
}
