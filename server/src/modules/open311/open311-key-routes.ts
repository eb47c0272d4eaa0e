import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

import { clientIp } from '../../shared/http/auth-plugin';
import { errorResponses, idParams, idSchema, requiredText } from '../../shared/http/schemas';
import type { Open311Service } from './open311-service';

const keyView = z.object({
  id: z.string(),
  communityId: z.string(),
  keyPrefix: z.string(),
  label: z.string(),
  createdAt: z.number(),
  lastUsedAt: z.number().nullable(),
  revokedAt: z.number().nullable(),
});

/** Admin routes for Open311 API keys (per community; hashed at rest; shown once). */
export function open311KeyRoutes(deps: { open311: Open311Service }): FastifyPluginAsyncZod {
  const { open311 } = deps;
  // eslint-disable-next-line @typescript-eslint/require-await
  return async (app) => {
    const tags = ['open311'];
    const access = 'integrations.manage' as const;
    app.get(
      '/admin/open311-keys',
      {
        config: { access },
        schema: {
          tags,
          summary: 'Open311 API 密钥 API keys',
          querystring: z.object({ communityId: idSchema.optional() }).strict(),
          response: { 200: z.object({ items: z.array(keyView) }), ...errorResponses },
        },
      },
      async (req) => ({ items: await open311.listKeys(req.actor, req.query.communityId) }),
    );
    app.post(
      '/admin/open311-keys',
      {
        config: { access },
        schema: {
          tags,
          summary: '新建 Open311 API 密钥 Create a key (shown once)',
          body: z.object({ communityId: idSchema, label: requiredText(60) }).strict(),
          response: {
            201: z.object({ id: z.string(), key: z.string(), keyPrefix: z.string() }),
            ...errorResponses,
          },
        },
      },
      async (req, reply) =>
        reply
          .code(201)
          .send(await open311.createKey({ actor: req.actor, ip: clientIp(req), ...req.body })),
    );
    app.delete(
      '/admin/open311-keys/:id',
      {
        config: { access },
        schema: {
          tags,
          summary: '吊销 Open311 API 密钥 Revoke a key',
          params: idParams,
          response: { 204: z.null(), ...errorResponses },
        },
      },
      async (req, reply) => {
        await open311.revokeKey(req.actor, req.params.id, clientIp(req));
        return reply.code(204).send(null);
      },
    );
  };
}
