import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

import { errorResponses, requiredText } from '../../shared/http/schemas';
import type { SimilarService } from './similar-service';

/** Free-text search for open problems (the suggestions for a trouble live in text-routes.ts). */
export function similarRoutes(deps: { similar: SimilarService }): FastifyPluginAsyncZod {
  // eslint-disable-next-line @typescript-eslint/require-await
  return async (app) => {
    app.get(
      '/text/similar',
      {
        config: { access: 'problem.read' },
        schema: {
          tags: ['text'],
          summary: '相似类问题 Open problems similar to a text, within the caller’s scope',
          querystring: z
            .object({
              q: requiredText(2000),
              limit: z.coerce.number().int().min(1).max(50).default(10),
            })
            .strict(),
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  problemId: z.string(),
                  code: z.string(),
                  title: z.string(),
                  status: z.string(),
                  score: z.number(),
                }),
              ),
            }),
            ...errorResponses,
          },
        },
      },
      async (req) => ({
        items: await deps.similar.searchText(req.actor, req.query.q, req.query.limit),
      }),
    );
  };
}
