import type { FastifyRequest } from 'fastify';

/** Request fields, header names and query parameters never written to the logs in plain text. */
const SENSITIVE_KEYS = [
  'password',
  'currentPassword',
  'newPassword',
  'phone',
  'reporterPhone',
  'contactPhone',
  'idNumber',
  'token',
  'secret',
  'totpCode',
  'recoveryCode',
  'recoveryCodes',
  'otpauthUri',
];

const SENSITIVE_QUERY = new RegExp(`([?&](?:${SENSITIVE_KEYS.join('|')})=)[^&#]*`, 'gi');

/** pino redaction paths: headers with secrets, and sensitive fields up to three levels deep. */
export const REDACT_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  ...SENSITIVE_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]),
];

/**
 * The URL as logged: the values of sensitive query parameters are replaced, so that a phone
 * number or token sent in a query string never reaches the log.
 */
export function maskUrl(url: string): string {
  return url.replace(SENSITIVE_QUERY, '$1[redacted]');
}

/** Fastify's request serializer with the query string masked (no headers, no body). */
export function serializeRequest(req: FastifyRequest) {
  return {
    method: req.method,
    url: maskUrl(req.url),
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}

/**
 * Structured JSON logs (pino through Fastify): one line per event with the request id (`reqId`,
 * also sent as problem+json `requestId`), secrets redacted.
 */
export function loggerOptions(input: { level: string; stream?: { write(line: string): void } }) {
  return {
    level: input.level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: { req: serializeRequest },
    ...(input.stream ? { stream: input.stream } : {}),
  };
}
