import fs from 'node:fs';

import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

import type { Actor } from '../../shared/actor';
import { errorResponses, idParams } from '../../shared/http/schemas';
import {
  createReportBody,
  reportListQuery,
  type ReportResponse,
  reportResponse,
} from './report-schemas';
import type { ReportRecord, ReportService } from './report-service';
import type { ReportFormat } from './report-storage';

function present(r: ReportRecord): ReportResponse {
  return {
    ...r,
    pdfUrl: `/api/v1/reports/${r.id}/file.pdf`,
    xlsxUrl: `/api/v1/reports/${r.id}/file.xlsx`,
  };
}

/** RFC 6266/8187 `filename*` value: UTF-8, percent-encoded (also ' ( ) *). */
export function encodeFileName(name: string): string {
  return encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** Routes of the monthly reports (月报): list, generate on demand, download PDF or XLSX. */
export function reportRoutes(deps: { reports: ReportService }): FastifyPluginAsyncZod {
  const { reports } = deps;
  // eslint-disable-next-line @typescript-eslint/require-await
  return async (app) => {
    const tags = ['reports'];

    app.get(
      '/reports',
      {
        config: { access: 'problem.read' },
        schema: {
          tags,
          summary: '月报列表 Monthly reports',
          querystring: reportListQuery,
          response: { 200: z.object({ items: z.array(reportResponse) }), ...errorResponses },
        },
      },
      async (req) => ({
        items: (await reports.list(req.actor, req.query.communityId)).map(present),
      }),
    );

    app.post(
      '/reports',
      {
        config: {
          access: 'settings.read',
          rateLimit: { max: 10, timeWindow: '1 minute' },
        },
        schema: {
          tags,
          summary: '生成月报 Generate (or regenerate) a monthly report',
          body: createReportBody,
          response: { 201: reportResponse, ...errorResponses },
        },
      },
      async (req, reply) =>
        reply.code(201).send(
          present(
            await reports.generate({
              communityId: req.body.communityId,
              month: req.body.month,
              actor: req.actor,
            }),
          ),
        ),
    );

    const download = async (
      actor: Actor,
      id: string,
      format: ReportFormat,
      reply: FastifyReply,
    ) => {
      const file = await reports.file(actor, id, format);
      const fallback = `report-${id}.${format}`;
      return reply
        .type(file.contentType)
        .header('content-length', file.size)
        .header(
          'content-disposition',
          `attachment; filename="${fallback}"; filename*=UTF-8''${encodeFileName(file.fileName)}`,
        )
        .header('cache-control', 'private, no-cache')
        .send(fs.createReadStream(file.path));
    };

    app.get(
      '/reports/:id/file.pdf',
      {
        config: { access: 'problem.read' },
        schema: { tags, summary: '下载月报 PDF Download the PDF', params: idParams },
      },
      (req, reply) => download(req.actor, req.params.id, 'pdf', reply),
    );

    app.get(
      '/reports/:id/file.xlsx',
      {
        config: { access: 'problem.read' },
        schema: { tags, summary: '下载月报 XLSX Download the XLSX', params: idParams },
      },
      (req, reply) => download(req.actor, req.params.id, 'xlsx', reply),
    );
  };
}
