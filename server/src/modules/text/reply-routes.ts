import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

import { errorResponses, idParams } from '../../shared/http/schemas';
import { localeFromHeader } from '../../shared/messages';
import type { ReplyQualityService } from './reply-service';

const score = z.number().int().min(0).max(100);

/** 答复质量 next to a problem's answer (docs/text-hot-and-replies.md). */
export function replyRoutes(deps: { replies: ReplyQualityService }): FastifyPluginAsyncZod {
  // eslint-disable-next-line @typescript-eslint/require-await
  return async (app) => {
    app.get(
      '/problems/:id/reply-quality',
      {
        config: { access: 'problem.read' },
        schema: {
          tags: ['problems'],
          summary: '答复质量 Relevance, completeness, explainability and timeliness of the answer',
          params: idParams,
          response: {
            200: z.object({
              problemId: z.string(),
              code: z.string(),
              kind: z.string(),
              answeredBy: z.string().nullable(),
              answeredAt: z.number().nullable(),
              dueAt: z.number(),
              reply: z.string(),
              version: z.string(),
              relevance: score,
              completeness: score,
              explainability: score,
              timeliness: score.nullable(),
              overall: score,
              reasons: z.array(
                z.object({
                  dimension: z.enum(['relevance', 'completeness', 'explainability', 'timeliness']),
                  code: z.string(),
                  effect: z.enum(['plus', 'minus']),
                  evidence: z.string().optional(),
                  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
                  text: z.string(),
                }),
              ),
            }),
            ...errorResponses,
          },
        },
      },
      (req) =>
        deps.replies.forProblem(
          req.actor,
          req.params.id,
          localeFromHeader(req.headers['accept-language']),
        ),
    );
  };
}
