import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import type { Config } from '../../config';
import { CONTENT_TYPE, type Format, toXml } from './open311-format';
import { useOpen311Errors } from './open311-routes';

/** When the endpoint list below last changed (Open311 clients cache the discovery document). */
export const DISCOVERY_CHANGESET = '2026-11-23T00:00:00+08:00';

/**
 * The Open311 service discovery document (wiki.open311.org/Service_discovery): where the
 * GeoReport v2 endpoint is, its formats and how to get an API key. Pure.
 */
export function discoveryDocument(config: Pick<Config, 'publicUrl'>) {
  const base = config.publicUrl.replace(/\/+$/, '');
  return {
    changeset: DISCOVERY_CHANGESET,
    contact: `${base}/ — 社区服务中心（烦恼指数）`,
    key_service: `${base}/admin（管理员在“Open311 密钥”中为每个社区签发 api_key）`,
    endpoints: [
      {
        specification: 'http://wiki.open311.org/GeoReport_v2',
        url: `${base}/open311/v2`,
        changeset: DISCOVERY_CHANGESET,
        type: 'production',
        formats: ['text/xml', 'application/json'],
      },
    ],
  };
}

export function discoveryXml(doc: ReturnType<typeof discoveryDocument>): string {
  return toXml('discovery', null, {
    ...doc,
    endpoints: {
      endpoint: doc.endpoints.map((e) => ({ ...e, formats: { format: e.formats } })),
    },
  });
}

/** GET /open311/discovery.json|.xml — public, cacheable for an hour. */
export function open311DiscoveryRoutes(deps: { config: Config }): FastifyPluginAsyncZod {
  const doc = discoveryDocument(deps.config);
  const bodies: Record<Format, string> = { json: JSON.stringify(doc), xml: discoveryXml(doc) };
  // eslint-disable-next-line @typescript-eslint/require-await
  return async (app) => {
    useOpen311Errors(app);
    for (const format of ['json', 'xml'] as const) {
      app.get(
        `/discovery.${format}`,
        {
          config: { access: 'public' },
          schema: { tags: ['open311'], summary: `Open311 服务发现 Service discovery (${format})` },
        },
        (_req, reply) =>
          reply
            .code(200)
            .type(CONTENT_TYPE[format])
            .header('cache-control', 'public, max-age=3600')
            .send(bodies[format]),
      );
    }
  };
}
