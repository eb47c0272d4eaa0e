import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

import { errorResponses, idParams } from '../../shared/http/schemas';
import {
  channelCreateBody,
  channelListQuery,
  channelPatchBody,
  channelView,
  deliveryListQuery,
  deliveryView,
} from './channel-schemas';
import type { NotificationAdmin } from './notification-admin';

/** Admin routes: notification channels (CRUD, test) and the delivery log (failures, retry). */
export function notificationAdminRoutes(deps: { admin: NotificationAdmin }): FastifyPluginAsyncZod {
  const { admin } = deps;
  // eslint-disable-next-line @typescript-eslint/require-await
  return async (app) => {
    const tags = ['notifications'];
    const access = 'integrations.manage' as const;
    app.get(
      '/admin/channels',
      {
        config: { access },
        schema: {
          tags,
          summary: '通知渠道 Notification channels',
          querystring: channelListQuery,
          response: { 200: z.object({ items: z.array(channelView) }), ...errorResponses },
        },
      },
      async (req) => ({ items: await admin.listChannels(req.actor, req.query.communityId) }),
    );
    app.post(
      '/admin/channels',
      {
        config: { access },
        schema: {
          tags,
          summary: '新建通知渠道 Create a channel (e-mail, WeCom, DingTalk, Feishu, webhook)',
          body: channelCreateBody,
          response: { 201: channelView, ...errorResponses },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await admin.createChannel({ actor: req.actor, body: req.body })),
    );
    app.get(
      '/admin/channels/:id',
      {
        config: { access },
        schema: {
          tags,
          summary: '通知渠道详情 Channel',
          params: idParams,
          response: { 200: channelView, ...errorResponses },
        },
      },
      async (req) => admin.getChannel(req.actor, req.params.id),
    );
    app.patch(
      '/admin/channels/:id',
      {
        config: { access },
        schema: {
          tags,
          summary: '修改通知渠道 Update a channel (secret: null removes, absent keeps)',
          params: idParams,
          body: channelPatchBody,
          response: { 200: channelView, ...errorResponses },
        },
      },
      async (req) => admin.updateChannel({ actor: req.actor, id: req.params.id, body: req.body }),
    );
    app.delete(
      '/admin/channels/:id',
      {
        config: { access },
        schema: {
          tags,
          summary: '删除通知渠道 Delete (a channel with deliveries is deactivated)',
          params: idParams,
          response: {
            200: z.object({ result: z.enum(['deleted', 'deactivated']) }),
            ...errorResponses,
          },
        },
      },
      async (req) => ({ result: await admin.removeChannel(req.actor, req.params.id) }),
    );
    app.post(
      '/admin/channels/:id/test',
      {
        config: { access },
        schema: {
          tags,
          summary: '发送测试消息 Queue a test message',
          params: idParams,
          response: { 202: z.object({ deliveryId: z.string() }), ...errorResponses },
        },
      },
      async (req, reply) => reply.code(202).send(await admin.testChannel(req.actor, req.params.id)),
    );
    app.get(
      '/admin/deliveries',
      {
        config: { access },
        schema: {
          tags,
          summary: '投递记录 Deliveries (status=failed lists failures)',
          querystring: deliveryListQuery,
          response: { 200: z.object({ items: z.array(deliveryView) }), ...errorResponses },
        },
      },
      async (req) => ({ items: await admin.listDeliveries(req.actor, req.query) }),
    );
    app.post(
      '/admin/deliveries/:id/retry',
      {
        config: { access },
        schema: {
          tags,
          summary: '重新投递 Retry a failed delivery',
          params: idParams,
          response: { 200: deliveryView, ...errorResponses },
        },
      },
      async (req) => admin.retryDelivery(req.actor, req.params.id),
    );
  };
}
