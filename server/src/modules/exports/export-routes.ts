import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

import {
  CHANNELS,
  PRIORITIES,
  PROBLEM_STATUSES,
  REPORTER_TYPES,
  ROLES,
  TROUBLE_STATUSES,
} from '../../../../common/enums';
import type { Access } from '../../shared/http/auth-plugin';
import { clientIp } from '../../shared/http/auth-plugin';
import { errorResponses, idSchema, instantQuery, text } from '../../shared/http/schemas';
import type { ExportService } from './export-service';
import { sendTable } from './send-table';
import { CONTENT_TYPES, type TableFormat } from './table-writer';

const FORMATS: TableFormat[] = ['xlsx', 'csv'];
const mask = { mask: z.enum(['true', 'false']).optional() };
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD');
const indexQuery = z
  .object({
    from: day.optional(),
    to: day.optional(),
    month: z
      .string()
      .regex(/^\d{4}-\d{2}$/)
      .optional(),
    quarter: z
      .string()
      .regex(/^\d{4}-Q[1-4]$/)
      .optional(),
    year: z
      .string()
      .regex(/^\d{4}$/)
      .optional(),
    community: z.string().trim().min(1).max(40).optional(),
    enterprise: z.string().trim().min(1).max(40).optional(),
    industry: text(50).optional(),
    channel: z.enum(CHANNELS).optional(),
    reporterType: z.enum(REPORTER_TYPES).optional(),
  })
  .strict();
const troubleQuery = z
  .object({
    communityId: idSchema.optional(),
    status: z.enum(TROUBLE_STATUSES).optional(),
    categoryId: idSchema.optional(),
    enterpriseId: idSchema.optional(),
    problemId: idSchema.optional(),
    channel: z.enum(CHANNELS).optional(),
    unlinked: z.enum(['true', 'false']).optional(),
    q: text(50).optional(),
    from: instantQuery.optional(),
    to: instantQuery.optional(),
    ...mask,
  })
  .strict();
const problemQuery = z
  .object({
    communityId: idSchema.optional(),
    status: z
      .string()
      .max(200)
      .transform((s) => s.split(',').filter(Boolean))
      .pipe(z.array(z.enum(PROBLEM_STATUSES)))
      .optional(),
    priority: z.enum(PRIORITIES).optional(),
    categoryId: idSchema.optional(),
    departmentId: idSchema.optional(),
    overdue: z.enum(['true', 'false']).optional(),
    q: text(50).optional(),
    from: instantQuery.optional(),
    to: instantQuery.optional(),
  })
  .strict();
const enterpriseQuery = z
  .object({
    communityId: idSchema.optional(),
    q: text(50).optional(),
    industry: text(50).optional(),
    ...mask,
  })
  .strict();
const workerQuery = z
  .object({
    communityId: idSchema.optional(),
    enterpriseId: idSchema.optional(),
    q: text(50).optional(),
    ...mask,
  })
  .strict();
const userQuery = z
  .object({ role: z.enum(ROLES).optional(), communityId: idSchema.optional(), ...mask })
  .strict();
const bool = (v: 'true' | 'false' | undefined) => (v === undefined ? undefined : v === 'true');

/**
 * GET /api/v1/exports/<list>.xlsx|.csv — every list and index table, with the list's own filters
 * as query parameters and the list's access; CSV is UTF-8 with a BOM.
 */
export function exportRoutes(deps: { exports: ExportService }): FastifyPluginAsyncZod {
  const { exports } = deps;
  // eslint-disable-next-line @typescript-eslint/require-await
  return async (app) => {
    const tags = ['exports'];
    const schema = <Q extends z.ZodTypeAny>(summary: string, querystring: Q) => ({
      tags,
      summary,
      querystring,
      produces: [CONTENT_TYPES.xlsx, CONTENT_TYPES.csv],
      response: errorResponses,
    });
    const cfg = (access: Access) => ({ access });

    for (const format of FORMATS) {
      app.get(
        `/exports/troubles.${format}`,
        {
          config: cfg('trouble.list'),
          schema: schema(`导出烦恼列表 Troubles (${format})`, troubleQuery),
        },
        async (req, reply) => {
          const { mask: m, unlinked, ...f } = req.query;
          const plan = await exports.troubles(
            req.actor,
            { ...f, unlinked: bool(unlinked) },
            { mask: bool(m), format, ip: clientIp(req) },
          );
          return sendTable(reply, plan, format);
        },
      );
      app.get(
        `/exports/problems.${format}`,
        {
          config: cfg('problem.read'),
          schema: schema(`导出类问题 Problems (${format})`, problemQuery),
        },
        async (req, reply) => {
          const { overdue, ...f } = req.query;
          const plan = await Promise.resolve(
            exports.problems(req.actor, { ...f, overdue: bool(overdue) }),
          );
          return sendTable(reply, plan, format);
        },
      );
      app.get(
        `/exports/enterprises.${format}`,
        {
          config: cfg('directory.read'),
          schema: schema(`导出企业 Enterprises (${format})`, enterpriseQuery),
        },
        async (req, reply) => {
          const { mask: m, ...f } = req.query;
          return sendTable(
            reply,
            await exports.enterprises(req.actor, f, { mask: bool(m), format, ip: clientIp(req) }),
            format,
          );
        },
      );
      app.get(
        `/exports/workers.${format}`,
        {
          config: cfg('enterprise.manage'),
          schema: schema(`导出职工名册 Workers (${format})`, workerQuery),
        },
        async (req, reply) => {
          const { mask: m, ...f } = req.query;
          return sendTable(
            reply,
            await exports.workers(req.actor, f, { mask: bool(m), format, ip: clientIp(req) }),
            format,
          );
        },
      );
      app.get(
        `/exports/departments.${format}`,
        {
          config: cfg('directory.read'),
          schema: schema(`导出职能部门 Departments (${format})`, z.object({}).strict()),
        },
        async (req, reply) => sendTable(reply, await exports.departments(req.actor), format),
      );
      app.get(
        `/exports/users.${format}`,
        { config: cfg('users.manage'), schema: schema(`导出用户 Users (${format})`, userQuery) },
        async (req, reply) => {
          const { mask: m, ...f } = req.query;
          return sendTable(
            reply,
            await exports.users(req.actor, f, { mask: bool(m), format, ip: clientIp(req) }),
            format,
          );
        },
      );
      app.get(
        `/exports/trouble-index.${format}`,
        {
          config: cfg('indices.read'),
          schema: schema(`导出烦恼指数 Trouble index table (${format})`, indexQuery),
        },
        async (req, reply) =>
          sendTable(reply, await exports.troubleIndex(req.actor, req.query), format),
      );
      app.get(
        `/exports/three-rates.${format}`,
        {
          config: cfg('indices.read'),
          schema: schema(`导出三率 Three rates table (${format})`, indexQuery),
        },
        async (req, reply) =>
          sendTable(reply, await exports.threeRates(req.actor, req.query), format),
      );
    }
  };
}
