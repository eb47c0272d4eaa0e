import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import { AppError } from '../../shared/errors';
import { clientIp } from '../../shared/http/auth-plugin';
import { errorResponses } from '../../shared/http/schemas';
import { CONTENT_TYPES, sendTable } from '../exports';
import {
  auditExportQuery,
  auditListQuery,
  auditListResponse,
  auditVerifyResponse,
} from './audit-schemas';
import type { AuditService } from './audit-service';

/**
 * The audit trail for the auditor (`audit.read`): GET only — there is no route that changes or
 * deletes an audit row, and no purge. Answers are `no-store`. Verification and export read the
 * whole trail, so they are rate-limited per user.
 */
export function auditRoutes(deps: { audit: AuditService }): FastifyPluginAsyncZod {
  const { audit } = deps;
  // eslint-disable-next-line @typescript-eslint/require-await
  return async (app) => {
    const tags = ['audit'];
    const heavy = { max: 20, timeWindow: '1 minute' };

    // Another role asking for the trail (an admin included) is refused by the access check;
    // the refusal is itself recorded, so that the auditor sees who tried.
    app.addHook('onError', async (req, _reply, error) => {
      if (error instanceof AppError && error.code === 'FORBIDDEN' && req.actor.userId !== null) {
        await audit
          .recordDenied(req.actor, req.routeOptions.url ?? req.url, clientIp(req))
          .catch((err: unknown) => req.log.error({ err }, 'audit: recording a refusal failed'));
      }
    });

    app.get(
      '/audit',
      {
        config: { access: 'audit.read' },
        schema: {
          tags,
          summary: '审计日志 The audit trail (newest first, keyset paging on seq)',
          description:
            'Filters: `from`/`to` (to exclusive), `actor` (user id, or part of the name or username), `action` (prefix), `targetType`, `targetId`, `outcome`. Pass `nextBefore` as `before` for the next page. IP addresses are masked unless `fullIp=true`. The first page of a search is recorded as `audit.read`.',
          querystring: auditListQuery,
          response: { 200: auditListResponse, ...errorResponses },
        },
      },
      async (req, reply) => {
        const { before, limit, fullIp, ...filters } = req.query;
        void reply.header('cache-control', 'no-store');
        return audit.list(req.actor, filters, {
          before,
          limit,
          fullIp: fullIp === 'true',
          ip: clientIp(req),
        });
      },
    );

    app.get(
      '/audit/verify',
      {
        config: { access: 'audit.read', rateLimit: heavy },
        schema: {
          tags,
          summary: '校验审计链 Verify the hash chain (and the exported heads)',
          response: { 200: auditVerifyResponse, ...errorResponses },
        },
      },
      async (req, reply) => {
        void reply.header('cache-control', 'no-store');
        return audit.verify(req.actor, clientIp(req));
      },
    );

    app.get(
      '/audit/export.csv',
      {
        config: { access: 'audit.read', rateLimit: heavy },
        schema: {
          tags,
          summary: '导出审计日志 Export the audit trail (CSV, UTF-8 with BOM, chain order)',
          querystring: auditExportQuery,
          produces: [CONTENT_TYPES.csv],
          response: errorResponses,
        },
      },
      async (req, reply) => {
        const { fullIp, ...filters } = req.query;
        const plan = await audit.exportPlan(req.actor, filters, {
          fullIp: fullIp === 'true',
          ip: clientIp(req),
        });
        // CSV: UTF-8 with BOM, formula-guarded cells (exports/table-writer).
        return sendTable(reply, plan, 'csv');
      },
    );
  };
}
