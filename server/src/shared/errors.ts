import { type Locale, messageFor } from './messages';

/**
 * The closed list of error codes the API returns (problem+json `code`). Clients may rely on them;
 * never rename one. Readable texts live in messages.ts (zh-CN and English).
 */
export const ERROR_CODES = {
  VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  /** The password was right; this account also needs a TOTP code or a recovery code. */
  TOTP_REQUIRED: 401,
  /** The TOTP or recovery code at login is wrong, already used or outside the time window. */
  TOTP_INVALID: 401,
  ACCOUNT_LOCKED: 423,
  FORBIDDEN: 403,
  CSRF_FAILED: 403,
  /** TOTP_REQUIRED_ROLES: the session may only use the auth endpoints until TOTP is set up. */
  TOTP_ENROLLMENT_REQUIRED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID_TRANSITION: 409,
  IDEMPOTENCY_KEY_REUSED: 422,
  RULE_VIOLATION: 422,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  SERVICE_UNAVAILABLE: 503,
  INTERNAL: 500,
} as const;
export type ErrorCode = keyof typeof ERROR_CODES;

export interface FieldError {
  path: string;
  message: string;
}

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly params: Record<string, string | number> = {},
    readonly errors?: FieldError[],
  ) {
    super(messageFor(code, params, 'en'));
    this.status = ERROR_CODES[code];
  }

  /** The readable message in the caller's language. */
  detail(locale: Locale): string {
    return messageFor(this.code, this.params, locale);
  }
}

/** Out-of-scope records answer 404 just like missing ones, so that ids cannot be probed. */
export const notFound = (entity: string, id: string): AppError =>
  new AppError('NOT_FOUND', { entity, id });

export const forbidden = (action: string): AppError => new AppError('FORBIDDEN', { action });

export const invalidTransition = (entity: string, from: string, action: string): AppError =>
  new AppError('INVALID_TRANSITION', { entity, from, action });

export const ruleViolation = (
  rule: string,
  params: Record<string, string | number> = {},
): AppError => new AppError('RULE_VIOLATION', { rule, ...params });

export const conflict = (reason: string): AppError => new AppError('CONFLICT', { reason });

/** A request that cannot be served; `reason` is a key of the rule texts in messages.ts. */
export const badRequest = (
  reason: string,
  params: Record<string, string | number> = {},
): AppError => new AppError('BAD_REQUEST', { reason, ...params });
