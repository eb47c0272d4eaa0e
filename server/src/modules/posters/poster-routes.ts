import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import { errorResponses, idParams } from '../../shared/http/schemas';
import { encodeFileName } from '../reports';
import type { PosterService } from './poster-service';

const CONTENT_TYPES = { pdf: 'application/pdf', png: 'image/png' } as const;

function sendFile(
  reply: FastifyReply,
  file: { body: Buffer; fileName: string },
  format: keyof typeof CONTENT_TYPES,
) {
  return reply
    .type(CONTENT_TYPES[format])
    .header(
      'content-disposition',
      `inline; filename="qr-poster.${format}"; filename*=UTF-8''${encodeFileName(file.fileName)}`,
    )
    .header('cache-control', 'private, no-cache')
    .send(file.body);
}

/** Printable QR posters (扫码海报): per enterprise (PDF or PNG) and per community (PDF). */
export function posterRoutes(deps: { posters: PosterService }): FastifyPluginAsyncZod {
  const { posters } = deps;
  // eslint-disable-next-line @typescript-eslint/require-await
  return async (app) => {
    const tags = ['directory'];
    const limit = { max: 20, timeWindow: '1 minute' };
    for (const format of ['pdf', 'png'] as const) {
      app.get(
        `/enterprises/:id/qr-poster.${format}`,
        {
          config: { access: 'enterprise.manage', rateLimit: limit },
          schema: {
            tags,
            summary: `企业扫码海报 A4 ${format.toUpperCase()} QR poster of an enterprise (opens the report form with it filled in)`,
            params: idParams,
            response: errorResponses,
          },
        },
        async (req, reply) =>
          sendFile(
            reply,
            await posters.enterprisePoster({
              actor: req.actor,
              enterpriseId: req.params.id,
              format,
            }),
            format,
          ),
      );
    }
    app.get(
      '/communities/:id/qr-posters.pdf',
      {
        config: { access: 'enterprise.manage', rateLimit: limit },
        schema: {
          tags,
          summary: '社区全部企业扫码海报 QR posters of every enterprise of a community (one PDF)',
          params: idParams,
          response: errorResponses,
        },
      },
      async (req, reply) =>
        sendFile(
          reply,
          await posters.communityPosters({ actor: req.actor, communityId: req.params.id }),
          'pdf',
        ),
    );
  };
}
