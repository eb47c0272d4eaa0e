import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  isResponseSerializationError,
} from 'fastify-type-provider-zod';

import { isForeignKeyViolation, isRetryableConflict, isUniqueViolation } from '../../db/dialect';
import { AppError, type ErrorCode, type FieldError } from '../errors';
import { type Locale, localeFromHeader, messageFor } from '../messages';

/**
 * The one error handler (STYLE §7.7): every error leaves as application/problem+json (RFC 9457)
 * with a stable `code`, a readable `detail` in the caller's language and the request id.
 * Driver and stack details are logged, never sent.
 */
export function registerErrorHandler(
  app: FastifyInstance,
  options: { spa: boolean; uploadMaxBytes: number; bodyLimitBytes: number },
): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const locale = localeFromHeader(request.headers['accept-language']);
    if (error instanceof AppError) {
      return sendProblem(reply, request, error.code, error.detail(locale), error.errors);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const errors: FieldError[] = error.validation.map((v) => ({
        path: `${error.validationContext ?? 'body'}${v.instancePath.replace(/\//g, '.')}`,
        message: v.message ?? 'invalid',
      }));
      const summary = errors
        .slice(0, 3)
        .map((e) => `${e.path}: ${e.message}`)
        .join('; ');
      return sendProblem(
        reply,
        request,
        'VALIDATION_FAILED',
        messageFor('VALIDATION_FAILED', { summary }, locale),
        errors,
      );
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error }, 'response did not match its schema');
      return sendProblem(reply, request, 'INTERNAL', messageFor('INTERNAL', {}, locale));
    }
    // Constraint violations that a service did not anticipate still get a clear 4xx, never a 500.
    if (isUniqueViolation(error)) {
      return sendProblem(
        reply,
        request,
        'CONFLICT',
        messageFor('CONFLICT', { reason: 'duplicate' }, locale),
      );
    }
    if (isForeignKeyViolation(error)) {
      return sendProblem(
        reply,
        request,
        'RULE_VIOLATION',
        messageFor('RULE_VIOLATION', { rule: 'referenceMissing' }, locale),
      );
    }
    if (isRetryableConflict(error)) {
      return sendProblem(
        reply,
        request,
        'CONFLICT',
        messageFor('CONFLICT', { reason: 'concurrentChange' }, locale),
      );
    }
    const mapped = mapFrameworkError(error);
    if (mapped) {
      return sendProblem(
        reply,
        request,
        mapped,
        messageFor(mapped, frameworkParams(mapped, error, options), locale),
      );
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(reply, request, 'INTERNAL', messageFor('INTERNAL', {}, locale));
  });

  app.setNotFoundHandler((request, reply) => {
    // Two single-page apps: the worker phone pages (worker.html) at /report and /track…, the
    // staff app (index.html) for every other non-API GET that accepts HTML.
    const wantsHtml =
      request.method === 'GET' && (request.headers.accept ?? '').includes('text/html');
    if (options.spa && wantsHtml && !request.url.startsWith('/api/')) {
      return reply.type('text/html; charset=utf-8').sendFile(spaPageFor(request.url));
    }
    const locale = localeFromHeader(request.headers['accept-language']);
    return sendProblem(
      reply,
      request,
      'NOT_FOUND',
      messageFor(
        'NOT_FOUND',
        { entity: 'route', id: `${request.method} ${request.url.split('?')[0] ?? ''}` },
        locale,
      ),
    );
  });
}

/** The worker pages' paths: `/report`, `/track` and `/track/<code>` (query strings allowed). */
const WORKER_PAGE = /^\/(report|track(\/[^/?#]+)?)\/?(\?|$)/;

/** Which page of the web build answers an HTML request for `url`. */
export function spaPageFor(url: string): 'worker.html' | 'index.html' {
  return WORKER_PAGE.test(url) ? 'worker.html' : 'index.html';
}

function frameworkParams(
  code: ErrorCode,
  error: FastifyError,
  limits: { uploadMaxBytes: number; bodyLimitBytes: number },
): Record<string, string> {
  if (code === 'BAD_REQUEST') {
    const json =
      error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
      error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY';
    return { reason: json ? 'malformedBody' : 'badInput' };
  }
  if (code === 'PAYLOAD_TOO_LARGE') {
    const bytes =
      error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? limits.bodyLimitBytes : limits.uploadMaxBytes;
    return {
      limit:
        bytes >= 1024 * 1024
          ? `${(bytes / 1024 / 1024).toFixed(0)} MB`
          : `${Math.round(bytes / 1024)} KB`,
    };
  }
  return {};
}

/** Maps Fastify's own errors (bad JSON, body too large, rate limit) onto our codes. */
function mapFrameworkError(error: FastifyError): ErrorCode | null {
  const status = error.statusCode ?? 500;
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || status === 413) {
    return 'PAYLOAD_TOO_LARGE';
  }
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || status === 415) {
    return 'UNSUPPORTED_MEDIA_TYPE';
  }
  if (status === 429) {
    return 'RATE_LIMITED';
  }
  if (
    status === 400 ||
    error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
    error.code === 'FST_ERR_CTP_INVALID_JSON_BODY'
  ) {
    return 'BAD_REQUEST';
  }
  if (status === 404) {
    return 'NOT_FOUND';
  }
  if (status === 406 || (status > 400 && status < 500)) {
    return 'BAD_REQUEST';
  }
  return null;
}

export function sendProblem(
  reply: FastifyReply,
  request: FastifyRequest,
  code: ErrorCode,
  detail: string,
  errors?: FieldError[],
): FastifyReply {
  const status = code === 'NOT_FOUND' ? 404 : new AppError(code).status;
  return reply
    .code(status)
    .type('application/problem+json; charset=utf-8')
    .send({
      type: `https://fannao.dev/problems/${code.toLowerCase().replace(/_/g, '-')}`,
      title: titleFor(code, 'en'),
      status,
      detail,
      code,
      requestId: request.id,
      ...(errors && errors.length > 0 ? { errors } : {}),
    });
}

function titleFor(code: ErrorCode, _locale: Locale): string {
  return code
    .toLowerCase()
    .split('_')
    .map((w, i) => (i === 0 ? w[0]!.toUpperCase() + w.slice(1) : w))
    .join(' ');
}
