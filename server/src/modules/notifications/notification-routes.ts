import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

import type { Deps } from '../../deps';
import { notFound } from '../../shared/errors';
import { errorResponses, idParams, pageQuery } from '../../shared/http/schemas';
import { createNotificationRepository } from './notification-repository';

const notificationResponse = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  entityType: z.string().nullable(),
  entityId: z.string().nullable(),
  createdAt: z.number(),
  readAt: z.number().nullable(),
});

export function notificationRoutes(deps: Pick<Deps, 'db' | 'clock'>): FastifyPluginAsyncZod {
  const repo = createNotificationRepository(deps.db);
  // eslint-disable-next-line @typescript-eslint/require-await
  return async (app) => {
    const tags = ['notifications'];
    app.get(
      '/notifications',
      {
        config: { access: 'notifications.read' },
        schema: {
          tags,
          summary: '站内通知 Notifications',
          querystring: z
            .object({ unreadOnly: z.enum(['true', 'false']).default('false'), ...pageQuery })
            .strict(),
          response: {
            200: z.object({ unread: z.number(), items: z.array(notificationResponse) }),
            ...errorResponses,
          },
        },
      },
      async (req) => {
        const userId = req.actor.userId!;
        const rows = await repo.list(userId, {
          ...req.query,
          unreadOnly: req.query.unreadOnly === 'true',
        });
        return {
          unread: await repo.unreadCount(userId),
          items: rows.map((n) => ({
            id: n.id,
            kind: n.kind,
            title: n.title,
            body: n.body,
            entityType: n.entity_type,
            entityId: n.entity_id,
            createdAt: n.created_at,
            readAt: n.read_at,
          })),
        };
      },
    );
    app.get(
      '/notifications/unread-count',
      {
        config: { access: 'notifications.read' },
        schema: {
          tags,
          summary: '未读数 Unread count (for the bell)',
          response: { 200: z.object({ unread: z.number() }), ...errorResponses },
        },
      },
      async (req) => ({ unread: await repo.unreadCount(req.actor.userId!) }),
    );
    app.post(
      '/notifications/:id/read',
      {
        config: { access: 'notifications.read' },
        schema: {
          tags,
          summary: '标记已读 Mark read',
          params: idParams,
          response: { 204: z.null(), ...errorResponses },
        },
      },
      async (req, reply) => {
        const n = await repo.markRead(req.actor.userId!, req.params.id, deps.clock.now());
        if (n === 0 && !(await repo.exists(req.actor.userId!, req.params.id))) {
          throw notFound('notification', req.params.id);
        }
        return reply.code(204).send(null);
      },
    );
    app.post(
      '/notifications/read-all',
      {
        config: { access: 'notifications.read' },
        schema: {
          tags,
          summary: '全部已读 Mark all read',
          response: { 200: z.object({ updated: z.number() }), ...errorResponses },
        },
      },
      async (req) => ({ updated: await repo.markRead(req.actor.userId!, null, deps.clock.now()) }),
    );
  };
}
