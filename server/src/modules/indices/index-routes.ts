import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

import { CHANNELS, REPORTER_TYPES } from '../../../../common/enums';
import type { Deps } from '../../deps';
import { notFound } from '../../shared/errors';
import { errorResponses, idParams, requiredText, text } from '../../shared/http/schemas';
import { createDisplayToken, listDisplayTokens, revokeDisplayToken } from './display-tokens';
import type { IndexService } from './index-service';
import type { createScreenService } from './screen-service';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD');
const periodQuery = {
  from: day.optional(),
  to: day.optional(),
  month: z
    .string()
    .regex(/^\d{4}-\d{2}$/, 'use YYYY-MM')
    .optional(),
  quarter: z
    .string()
    .regex(/^\d{4}-Q[1-4]$/, 'use YYYY-Q1…Q4')
    .optional(),
  year: z
    .string()
    .regex(/^\d{4}$/, 'use YYYY')
    .optional(),
};
const scopeQuery = {
  community: z.string().trim().min(1).max(40).optional(),
  county: z.enum(['true', 'false']).optional(),
};
const indexQuery = z
  .object({
    ...periodQuery,
    ...scopeQuery,
    enterprise: z.string().trim().min(1).max(40).optional(),
    industry: text(50).optional(),
    channel: z.enum(CHANNELS).optional(),
    reporterType: z.enum(REPORTER_TYPES).optional(),
  })
  .strict();
const plainQuery = z.object({ ...periodQuery, ...scopeQuery }).strict();
/** Response bodies follow the TypeScript types in common/indices-types.ts (documented in docs/indices.md). */
const typed = (name: string) => ({
  200: z.any().describe(`${name} (common/indices-types.ts)`),
  ...errorResponses,
});

/** `county=true` means the whole county; otherwise `community` narrows the scope. */
const scoped = <T extends { county?: string; community?: string }>(q: T) =>
  q.county === 'true' ? { ...q, community: undefined } : q;

export function indexRoutes(
  deps: { indices: IndexService; screen: ReturnType<typeof createScreenService> } & Pick<
    Deps,
    'db' | 'clock'
  >,
): FastifyPluginAsyncZod {
  const { indices, screen } = deps;
  // eslint-disable-next-line @typescript-eslint/require-await
  return async (app) => {
    const tags = ['indices'];
    const access = { access: 'indices.read' as const };
    app.get(
      '/indices/trouble-index',
      {
        config: access,
        schema: {
          tags,
          summary: '烦恼指数 Trouble index (shares, ranks, change; problem figures)',
          querystring: indexQuery,
          response: typed('TroubleIndex'),
        },
      },
      (req) => indices.troubleIndex(req.actor, scoped(req.query)),
    );
    app.get(
      '/indices/trend',
      {
        config: access,
        schema: {
          tags,
          summary: '月度趋势 Monthly trend by category',
          querystring: plainQuery,
          response: typed('TroubleTrend'),
        },
      },
      (req) => indices.trend(req.actor, scoped(req.query)),
    );
    app.get(
      '/indices/intensity',
      {
        config: access,
        schema: {
          tags,
          summary: '烦恼强度 Intensity 0–100',
          querystring: plainQuery,
          response: typed('TroubleIntensity'),
        },
      },
      (req) => indices.intensity(req.actor, scoped(req.query)),
    );
    app.get(
      '/indices/three-rates',
      {
        config: access,
        schema: {
          tags,
          summary: '三率 Response, resolution and satisfaction rates',
          querystring: plainQuery,
          response: typed('ThreeRates'),
        },
      },
      (req) => indices.threeRates(req.actor, scoped(req.query)),
    );
    app.get(
      '/indices/happiness',
      {
        config: access,
        schema: {
          tags,
          summary: '幸福指数 Happiness index',
          querystring: plainQuery,
          response: typed('HappinessIndex'),
        },
      },
      (req) => indices.happiness(req.actor, scoped(req.query)),
    );
    app.get(
      '/indices/warnings',
      {
        config: access,
        schema: {
          tags,
          summary: '预警 Early warnings of a month',
          querystring: z
            .object({ community: scopeQuery.community, month: periodQuery.month })
            .strict(),
          response: typed('{ items: EarlyWarning[] }'),
        },
      },
      async (req) => ({ items: await indices.warnings(req.actor, scoped(req.query)) }),
    );

    app.get(
      '/screen/:slug',
      {
        config: { access: 'public', rateLimit: { max: 120, timeWindow: '1 minute' } },
        schema: {
          tags: ['public'],
          summary: '大屏数据 Big-screen data (display token)',
          params: z.object({ slug: z.string().trim().min(1).max(40) }).strict(),
          querystring: z.object({ token: z.string().min(8).max(100) }).strict(),
          response: typed('ScreenData'),
        },
      },
      (req) => screen(req.params.slug, req.query.token),
    );

    app.get(
      '/communities/:id/display-tokens',
      {
        config: { access: 'settings.manage' },
        schema: {
          tags,
          summary: '大屏令牌 Display tokens',
          params: idParams,
          response: typed('{ items: { id, label, createdAt, revokedAt }[] }'),
        },
      },
      async (req) => {
        await assertCommunity(req.params.id, req.actor.countyId);
        return {
          items: (await listDisplayTokens(deps.db, req.params.id)).map((t) => ({
            id: t.id,
            label: t.label,
            createdAt: t.created_at,
            revokedAt: t.revoked_at,
          })),
        };
      },
    );
    app.post(
      '/communities/:id/display-tokens',
      {
        config: { access: 'settings.manage' },
        schema: {
          tags,
          summary: '新建大屏令牌 Create a display token (shown once)',
          params: idParams,
          body: z.object({ label: requiredText(60) }).strict(),
          response: { 201: z.object({ id: z.string(), token: z.string() }), ...errorResponses },
        },
      },
      async (req, reply) => {
        await assertCommunity(req.params.id, req.actor.countyId);
        return reply.code(201).send(
          await createDisplayToken(deps.db, {
            communityId: req.params.id,
            label: req.body.label,
            createdBy: req.actor.userId,
            now: deps.clock.now(),
          }),
        );
      },
    );
    app.delete(
      '/communities/:id/display-tokens/:tokenId',
      {
        config: { access: 'settings.manage' },
        schema: {
          tags,
          summary: '吊销大屏令牌 Revoke',
          params: z.object({ id: z.string().max(40), tokenId: z.string().max(40) }).strict(),
          response: { 204: z.null(), ...errorResponses },
        },
      },
      async (req, reply) => {
        await assertCommunity(req.params.id, req.actor.countyId);
        if (
          !(await revokeDisplayToken(deps.db, req.params.id, req.params.tokenId, deps.clock.now()))
        ) {
          throw notFound('route', req.params.tokenId);
        }
        return reply.code(204).send(null);
      },
    );

    async function assertCommunity(id: string, countyId: string | null) {
      const c = await deps.db
        .selectFrom('communities')
        .select('id')
        .where('id', '=', id)
        .where('county_id', '=', countyId ?? '')
        .executeTakeFirst();
      if (!c) {
        throw notFound('community', id);
      }
    }
  };
}
