import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

import { errorResponses } from '../../shared/http/schemas';
import type { HeatService } from './heat-service';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD');

const hotProblem = z.object({
  rank: z.number(),
  problemId: z.string(),
  code: z.string(),
  title: z.string(),
  status: z.string(),
  communityId: z.string(),
  communityName: z.string(),
  enterprises: z.array(z.object({ id: z.string(), name: z.string(), troubles: z.number() })),
  heat: z.number(),
  reporters: z.number(),
  messages: z.number(),
  votes: z.number(),
  previousReporters: z.number(),
  growth: z.number(),
  spanDays: z.number(),
  firstAt: z.number().nullable(),
  lastAt: z.number().nullable(),
});

/** 热点问题 for the dashboard: GET /indices/hot-problems (docs/text-hot-and-replies.md). */
export function heatRoutes(deps: { heat: HeatService }): FastifyPluginAsyncZod {
  // eslint-disable-next-line @typescript-eslint/require-await
  return async (app) => {
    app.get(
      '/indices/hot-problems',
      {
        config: { access: 'indices.read' },
        schema: {
          tags: ['indices'],
          summary: '热点问题 Hot problems of a period, by heat index',
          querystring: z
            .object({
              community: z.string().trim().min(1).max(40).optional(),
              from: day.optional(),
              to: day.optional(),
              month: z
                .string()
                .regex(/^\d{4}-\d{2}$/, 'use YYYY-MM')
                .optional(),
              limit: z.coerce.number().int().min(1).max(100).default(10),
            })
            .strict(),
          response: {
            200: z.object({
              formulaVersion: z.string(),
              period: z.object({
                from: z.string(),
                to: z.string(),
                previousFrom: z.string(),
                previousTo: z.string(),
              }),
              communityId: z.string().nullable(),
              items: z.array(hotProblem),
            }),
            ...errorResponses,
          },
        },
      },
      (req) => deps.heat.hotProblems(req.actor, req.query),
    );
  };
}
