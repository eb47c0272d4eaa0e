import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

import type { Config } from '../../config';
import { errorResponses, idParams } from '../../shared/http/schemas';
import { ratingBody, trackParams } from '../troubles/trouble-schemas';
import type { SatisfactionService } from './satisfaction-service';

const ratingResult = z.object({ reopened: z.boolean() });

export function satisfactionRoutes(deps: {
  satisfaction: SatisfactionService;
  config: Config;
}): FastifyPluginAsyncZod {
  const { satisfaction, config } = deps;
  // eslint-disable-next-line @typescript-eslint/require-await
  return async (app) => {
    app.post(
      '/track/:code/rating',
      {
        config: {
          access: 'public',
          rateLimit: { max: config.intakeRatePerMinute, timeWindow: '1 minute' },
        },
        schema: {
          tags: ['public'],
          summary: '评价办理结果 Rate the outcome by code',
          params: trackParams,
          body: ratingBody,
          response: { 201: ratingResult, ...errorResponses },
        },
      },
      async (req, reply) =>
        reply.code(201).send(
          await satisfaction.rateByCode(req.params.code, {
            rating: req.body.rating,
            comment: req.body.comment ?? null,
          }),
        ),
    );
    app.post(
      '/troubles/:id/callbacks',
      {
        config: { access: 'trouble.callback' },
        schema: {
          tags: ['troubles'],
          summary: '电话回访 Record a call-back',
          params: idParams,
          body: ratingBody,
          response: { 201: ratingResult, ...errorResponses },
        },
      },
      async (req, reply) =>
        reply.code(201).send(
          await satisfaction.recordCallback(req.actor, req.params.id, {
            rating: req.body.rating,
            comment: req.body.comment ?? null,
          }),
        ),
    );
  };
}
