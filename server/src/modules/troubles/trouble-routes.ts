import fs from 'node:fs';

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

import type { Config } from '../../config';
import { AppError, badRequest } from '../../shared/errors';
import { clientIp } from '../../shared/http/auth-plugin';
import { errorResponses, idParams, idSchema } from '../../shared/http/schemas';
import { timelineEvent } from '../../shared/http/timeline-schema';
import type { TroubleIntake } from './trouble-intake';
import {
  idempotencyHeaders,
  intakeBody,
  intakeResponse,
  onSpotBody,
  publicTrackView,
  trackParams,
  triageBody,
  troubleListItem,
  troubleListQuery,
  troublePersonalView,
  troubleView,
} from './trouble-schemas';
import type { TroubleService } from './trouble-service';
import type { createTroubleTracking } from './trouble-tracking';
import type { UploadService } from './upload-service';

export function troubleRoutes(deps: {
  config: Config;
  troubles: TroubleService;
  intake: TroubleIntake;
  track: ReturnType<typeof createTroubleTracking>;
  uploads: UploadService;
}): FastifyPluginAsyncZod {
  const { config, troubles, intake, track, uploads } = deps;
  const publicLimit = { max: config.intakeRatePerMinute, timeWindow: '1 minute' };
  // eslint-disable-next-line @typescript-eslint/require-await
  return async (app) => {
    const tags = ['troubles'];

    app.post(
      '/troubles',
      {
        config: { access: 'public', rateLimit: publicLimit },
        schema: {
          tags,
          summary: '反映烦恼 Report a trouble (anonymous allowed; staff on behalf)',
          description:
            'Send an `Idempotency-Key` header so that a retry never creates a second trouble; a replay answers 200 with the first trouble.',
          headers: idempotencyHeaders,
          body: intakeBody,
          response: { 200: intakeResponse, 201: intakeResponse, ...errorResponses },
        },
      },
      async (req, reply) => {
        const { trouble, replayed } = await intake({
          actor: req.actor,
          body: req.body,
          idempotencyKey: req.headers['idempotency-key'],
        });
        if (replayed) {
          reply.header('idempotent-replayed', 'true');
        }
        return reply.code(replayed ? 200 : 201).send({
          id: trouble.id,
          code: trouble.code,
          status: trouble.status,
          priority: trouble.priority,
          receivedAt: trouble.received_at,
          trackUrl: `${config.publicUrl}/track/${trouble.code}`,
        });
      },
    );

    app.get(
      '/troubles',
      {
        config: { access: 'trouble.list' },
        schema: {
          tags,
          summary: '烦恼列表 Troubles in scope',
          querystring: troubleListQuery,
          response: { 200: z.object({ items: z.array(troubleListItem) }), ...errorResponses },
        },
      },
      async (req) => ({
        items: await troubles.list(req.actor, {
          ...req.query,
          unlinked: req.query.unlinked === undefined ? undefined : req.query.unlinked === 'true',
        }),
      }),
    );

    app.get(
      '/troubles/:id',
      {
        config: { access: 'trouble.list' },
        schema: {
          tags,
          summary: '烦恼详情 Trouble',
          params: idParams,
          response: { 200: troubleView, ...errorResponses },
        },
      },
      (req) => troubles.get(req.actor, req.params.id),
    );

    app.get(
      '/troubles/:id/personal',
      {
        config: { access: 'personal.unmask' },
        schema: {
          tags,
          summary: '查看完整个人信息 Reporter personal data unmasked (audited)',
          description:
            'Phone and identity numbers in plain text; needs the personal.unmask permission and writes an audit record for every call.',
          params: idParams,
          response: { 200: troublePersonalView, ...errorResponses },
        },
      },
      async (req, reply) => {
        reply.header('cache-control', 'no-store');
        return troubles.personal(req.actor, req.params.id, clientIp(req));
      },
    );

    app.get(
      '/troubles/:id/timeline',
      {
        config: { access: 'trouble.list' },
        schema: {
          tags,
          summary: '烦恼时间线 Trouble timeline',
          params: idParams,
          response: { 200: z.object({ items: z.array(timelineEvent) }), ...errorResponses },
        },
      },
      async (req) => ({
        items: await troubles.timeline(req.actor, req.params.id),
      }),
    );

    app.patch(
      '/troubles/:id',
      {
        config: { access: 'trouble.triage' },
        schema: {
          tags,
          summary: '分拣 Triage (category, 轻重缓急, workers affected)',
          params: idParams,
          body: triageBody,
          response: { 200: troubleView, ...errorResponses },
        },
      },
      (req) => troubles.triage(req.actor, req.params.id, req.body),
    );

    app.post(
      '/troubles/:id/resolve-on-spot',
      {
        config: { access: 'trouble.resolveOnSpot' },
        schema: {
          tags,
          summary: '当场解决 Resolve on the spot',
          params: idParams,
          body: onSpotBody,
          response: { 200: troubleView, ...errorResponses },
        },
      },
      (req) => troubles.resolveOnSpot(req.actor, req.params.id, req.body.answer),
    );

    app.get(
      '/track/:code',
      {
        config: {
          access: 'public',
          rateLimit: { max: config.intakeRatePerMinute * 2, timeWindow: '1 minute' },
        },
        schema: {
          tags: ['public'],
          summary: '按查询码查看进度 Track by code',
          params: trackParams,
          response: { 200: publicTrackView, ...errorResponses },
        },
      },
      (req) => track(req.params.code),
    );

    app.post(
      '/uploads',
      {
        config: { access: 'public', rateLimit: publicLimit },
        schema: {
          tags,
          summary: '上传照片 Upload a photo (multipart field "file"; JPEG, PNG or WebP)',
          consumes: ['multipart/form-data'],
          response: {
            201: z.object({
              id: z.string(),
              width: z.number(),
              height: z.number(),
              sizeBytes: z.number(),
            }),
            ...errorResponses,
          },
        },
      },
      async (req, reply) => {
        if (!req.isMultipart()) {
          throw new AppError('UNSUPPORTED_MEDIA_TYPE');
        }
        const file = await req.file();
        if (!file) {
          throw new AppError('UNSUPPORTED_MEDIA_TYPE');
        }
        // The stored name is always server-generated; a client name with a path in it
        // (../../etc/passwd.jpg) or control characters is refused outright.
        if (unsafeFileName(file.filename)) {
          file.file.resume();
          throw badRequest('uploadFileName');
        }
        const data = await file.toBuffer();
        return reply.code(201).send(await uploads.store(req.actor, data));
      },
    );

    app.get(
      '/troubles/:id/attachments/:attachmentId',
      {
        config: { access: 'trouble.list' },
        schema: {
          tags,
          summary: '查看照片 Attachment file',
          params: z.object({ id: idSchema, attachmentId: idSchema }).strict(),
        },
      },
      async (req, reply) => {
        const a = await troubles.attachment(req.actor, req.params.id, req.params.attachmentId);
        return reply
          .type(a.mime)
          .header('content-disposition', `inline; filename="${a.id}.jpg"`)
          .header('cache-control', 'private, max-age=3600')
          .send(fs.createReadStream(uploads.filePath(a.storage_name)));
      },
    );
  };
}

/** A client file name with a path, a parent reference or control characters. */
function unsafeFileName(name: string): boolean {
  return (
    name.includes('/') ||
    name.includes('\\') ||
    name.includes('..') ||
    [...name].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)
  );
}
