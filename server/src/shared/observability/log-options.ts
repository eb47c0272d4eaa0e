import type { FastifyBaseLogger, FastifyRequest } from 'fastify';
import type { Bindings, ChildLoggerOptions, Level, LogFn } from 'pino';

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

type PinoLike = FastifyBaseLogger & { isLevelEnabled?: (level: string) => boolean };

/**
 * The request logger (Fastify's `childLoggerFactory`): the pino child with the request id is
 * made on the first line the request actually writes. Fastify makes a child for every request,
 * and with redaction on, pino runs the request id through the redaction of every binding — a
 * few µs per request for a logger that at `LOG_LEVEL=warn` almost never writes. A line that is
 * written goes through the same child (same `reqId`, serializers, redaction) as before.
 */
export function lazyRequestLogger(
  logger: FastifyBaseLogger,
  bindings: Bindings,
  options: ChildLoggerOptions,
): FastifyBaseLogger {
  const parent = logger as PinoLike;
  // A route with its own level or serializers, or a parent that cannot say what it writes, gets
  // its child at once.
  if (!parent.isLevelEnabled || options.level !== undefined || options.serializers !== undefined) {
    return logger.child(bindings, options);
  }
  return new LazyRequestLogger(parent, bindings, options);
}

class LazyRequestLogger implements FastifyBaseLogger {
  #parent: PinoLike;
  #bindings: Bindings;
  #options: ChildLoggerOptions;
  #child: FastifyBaseLogger | undefined;

  constructor(parent: PinoLike, bindings: Bindings, options: ChildLoggerOptions) {
    this.#parent = parent;
    this.#bindings = bindings;
    this.#options = options;
  }

  get level(): string {
    return this.#child?.level ?? this.#parent.level;
  }

  set level(level: string) {
    this.#real().level = level;
  }

  fatal(...args: unknown[]): void {
    this.#write('fatal', args);
  }

  error(...args: unknown[]): void {
    this.#write('error', args);
  }

  warn(...args: unknown[]): void {
    this.#write('warn', args);
  }

  info(...args: unknown[]): void {
    this.#write('info', args);
  }

  debug(...args: unknown[]): void {
    this.#write('debug', args);
  }

  trace(...args: unknown[]): void {
    this.#write('trace', args);
  }

  silent(): void {}

  child(bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return this.#real().child(bindings, options);
  }

  #real(): FastifyBaseLogger {
    return (this.#child ??= this.#parent.child(this.#bindings, this.#options));
  }

  #write(level: Level, args: unknown[]): void {
    if (this.#child || this.#parent.isLevelEnabled!(level)) {
      this.#real()[level](...(args as Parameters<LogFn>));
    }
  }
}
