import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z, ZodError } from 'zod';

import type { Config } from '../../config';
import { AppError } from '../../shared/errors';
import { localeFromHeader, messageFor } from '../../shared/messages';
import {
  CONTENT_TYPE,
  errorsBody,
  type Format,
  type OpenError,
  serviceDefinitionXml,
  toXml,
} from './open311-format';
import { type Open311Service, parseIdList } from './open311-service';

/** The format of a request: its path ends in .json or .xml (Open311 errors follow it). */
function formatOf(url: string): Format {
  return /\.xml$/i.test(url.split('?')[0] ?? '') ? 'xml' : 'json';
}

function send(reply: FastifyReply, format: Format, status: number, body: string) {
  return reply.code(status).type(CONTENT_TYPE[format]).send(body);
}

/** One status filters; both (or none) do not. */
function statusFilter(raw: string | undefined): 'open' | 'closed' | undefined {
  const set = new Set(raw?.split(',') ?? []);
  return set.size === 1 ? ([...set][0] as 'open' | 'closed') : undefined;
}

/** `name.json` / `name.xml` → [name, format], or null. */
function splitFormat(file: string): [string, Format] | null {
  const m = /^(.+)\.(json|xml)$/i.exec(file);
  return m ? [m[1]!, m[2]!.toLowerCase() as Format] : null;
}

/** Any error as GeoReport errors: [{code, description}] or <errors><error>…, with its status. */
function open311Errors(
  error: unknown,
  request: FastifyRequest,
): { status: number; errors: OpenError[] } {
  const locale = localeFromHeader(request.headers['accept-language']);
  if (error instanceof AppError) {
    if (error.code === 'FORBIDDEN' && error.params.action === 'apiKey') {
      return {
        status: 403,
        errors: [
          {
            code: 403,
            description: messageFor('BAD_REQUEST', { reason: 'open311ApiKey' }, locale).replace(
              /^[^：:]*[：:]\s*/,
              '',
            ),
          },
        ],
      };
    }
    if (error.errors && error.errors.length > 0) {
      return {
        status: error.status,
        errors: error.errors.map((e) => ({
          code: error.status,
          description: `${e.path}: ${e.message}`,
        })),
      };
    }
    return {
      status: error.status,
      errors: [{ code: error.status, description: error.detail(locale) }],
    };
  }
  if (error instanceof ZodError) {
    return {
      status: 400,
      errors: error.issues.map((i) => ({
        code: 400,
        description: `${i.path.join('.') || 'request'}: ${i.message}`,
      })),
    };
  }
  const fe = error as FastifyError;
  if (hasZodFastifySchemaValidationErrors(fe)) {
    return {
      status: 400,
      errors: fe.validation.map((v) => ({
        code: 400,
        description: `${v.instancePath.replace(/^\//, '') || fe.validationContext || 'request'}: ${v.message ?? 'invalid'}`,
      })),
    };
  }
  const status = fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500 ? fe.statusCode : 500;
  if (status === 429) {
    return { status, errors: [{ code: 429, description: messageFor('RATE_LIMITED', {}, locale) }] };
  }
  if (status === 500) {
    request.log.error({ err: error }, 'open311 error');
    return { status, errors: [{ code: 500, description: messageFor('INTERNAL', {}, locale) }] };
  }
  return {
    status,
    errors: [
      { code: status, description: messageFor('BAD_REQUEST', { reason: 'badInput' }, locale) },
    ],
  };
}

/**
 * Errors and unknown paths answered in Open311's error format (not problem+json), in the format
 * of the path. Every Open311 plugin (v2 and discovery) calls it.
 */
export function useOpen311Errors(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const { status, errors } = open311Errors(error, request);
    return send(reply, formatOf(request.url), status, errorsBody(formatOf(request.url), errors));
  });
  app.setNotFoundHandler((request, reply) => {
    const locale = localeFromHeader(request.headers['accept-language']);
    const description = messageFor(
      'NOT_FOUND',
      { entity: 'route', id: request.url.split('?')[0] ?? '' },
      locale,
    );
    return send(
      reply,
      formatOf(request.url),
      404,
      errorsBody(formatOf(request.url), [{ code: 404, description }]),
    );
  });
}

const dateParam = z.iso.datetime({ offset: true }).transform((s) => Date.parse(s));

/*
 * Query strings are not strict: Open311 clients commonly send api_key and jurisdiction_id with
 * every call, and GeoReport servers ignore parameters they do not know.
 */
const requestsQuery = z.object({
  service_request_id: z.string().max(30_000).optional(),
  /** One or more service codes, comma-delimited. */
  service_code: z.string().trim().max(2000).optional(),
  start_date: dateParam.optional(),
  end_date: dateParam.optional(),
  /** `open`, `closed` or both, comma-delimited (both = no filter). */
  status: z
    .string()
    .regex(/^(open|closed)(,(open|closed))*$/, 'open, closed or both, comma-delimited')
    .optional(),
  jurisdiction_id: z.string().trim().max(100).optional(),
  api_key: z.string().max(200).optional(),
});

const jurisdictionQuery = z.object({
  jurisdiction_id: z.string().trim().max(100).optional(),
  api_key: z.string().max(200).optional(),
});

/**
 * Open311 GeoReport v2 endpoints under /open311/v2 (docs/open311.md). Reads are public (the
 * public view of troubles); POST requests needs an `api_key` (access `apiKey`, checked by the
 * auth plugin) and is rate-limited per key. Errors use Open311's own format, in the format of
 * the path (.json or .xml).
 */
export function open311Routes(deps: {
  open311: Open311Service;
  config: Config;
}): FastifyPluginAsyncZod {
  const { open311, config } = deps;
  // eslint-disable-next-line @typescript-eslint/require-await
  return async (app) => {
    const tags = ['open311'];
    const readLimit = { max: config.intakeRatePerMinute * 2, timeWindow: '1 minute' };

    // application/x-www-form-urlencoded, as the specification's POST uses (JSON is parsed as usual).
    app.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 256 * 1024 },
      (_req, body, done) => {
        const out: Record<string, string> = {};
        for (const [k, v] of new URLSearchParams(body as string)) {
          out[k] = v;
        }
        done(null, out);
      },
    );

    useOpen311Errors(app);

    for (const format of ['json', 'xml'] as const) {
      app.get(
        `/services.${format}`,
        {
          config: { access: 'public', rateLimit: readLimit },
          schema: {
            tags,
            summary: `Open311 服务列表 Service list (${format})`,
            querystring: jurisdictionQuery,
          },
        },
        async (_req, reply) => {
          const services = await open311.services();
          return send(
            reply,
            format,
            200,
            format === 'json' ? JSON.stringify(services) : toXml('services', 'service', services),
          );
        },
      );
      app.get(
        `/requests.${format}`,
        {
          config: { access: 'public', rateLimit: readLimit },
          schema: {
            tags,
            summary: `Open311 服务请求 Service requests (${format})`,
            querystring: requestsQuery,
          },
        },
        async (req, reply) => {
          const q = req.query;
          const list = await open311.requests({
            ids: q.service_request_id !== undefined ? parseIdList(q.service_request_id) : undefined,
            serviceCodes: q.service_code
              ?.split(',')
              .map((c) => c.trim())
              .filter((c) => c.length > 0),
            jurisdictionId: q.jurisdiction_id,
            start: q.start_date,
            end: q.end_date,
            status: statusFilter(q.status),
          });
          return send(
            reply,
            format,
            200,
            format === 'json' ? JSON.stringify(list) : toXml('service_requests', 'request', list),
          );
        },
      );
      app.post(
        `/requests.${format}`,
        {
          config: {
            access: 'apiKey',
            rateLimit: {
              max: config.open311RatePerMinute,
              timeWindow: '1 minute',
              keyGenerator: (req: FastifyRequest) => `open311:${req.apiClient?.keyId ?? req.ip}`,
            },
          },
          schema: {
            tags,
            summary: `Open311 提交服务请求 Create a service request (${format}; api_key)`,
            consumes: ['application/x-www-form-urlencoded', 'application/json'],
          },
        },
        async (req, reply) => {
          const header = req.headers['idempotency-key'];
          const idem =
            typeof header === 'string' && /^[A-Za-z0-9_.:-]{8,100}$/.test(header)
              ? header
              : undefined;
          const raw = {
            ...(req.query as Record<string, unknown>),
            ...((req.body ?? {}) as Record<string, unknown>),
          };
          const answer = await open311.submit({
            client: req.apiClient!,
            raw,
            idempotencyKey: idem,
          });
          return send(
            reply,
            format,
            201,
            format === 'json'
              ? JSON.stringify([answer])
              : toXml('service_requests', 'request', [answer]),
          );
        },
      );
    }

    /** One resource named `{name}.json|.xml`: `render` gives the body in that format. */
    const oneResource = (
      url: string,
      summary: string,
      render: (name: string, format: Format) => Promise<string>,
    ) =>
      app.get(
        url,
        {
          config: { access: 'public', rateLimit: readLimit },
          schema: {
            tags,
            summary,
            params: z.object({ file: z.string().max(120) }).strict(),
            querystring: jurisdictionQuery,
          },
        },
        async (req, reply) => {
          const parts = splitFormat(req.params.file);
          if (!parts) {
            throw new AppError('BAD_REQUEST', { reason: 'open311Format' });
          }
          const [name, format] = parts;
          return send(reply, format, 200, await render(name, format));
        },
      );

    oneResource(
      '/services/:file',
      'Open311 服务定义 Service definition ({service_code}.json|.xml)',
      async (code, format) => {
        const def = await open311.serviceDefinition(code);
        return format === 'json'
          ? JSON.stringify(def)
          : serviceDefinitionXml(def.service_code, def.attributes);
      },
    );
    oneResource(
      '/requests/:file',
      'Open311 单个服务请求 One service request ({id}.json|.xml)',
      async (id, format) => {
        const one = await open311.request(parseIdList(id)[0]!);
        return format === 'json'
          ? JSON.stringify([one])
          : toXml('service_requests', 'request', [one]);
      },
    );
  };
}
