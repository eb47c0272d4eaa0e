/**
 * Thin fetch wrapper for the Fannao JSON API.
 *
 * - Same-origin cookies carry the session; the CSRF token from login/session is sent as
 *   `x-csrf-token` on every non-GET request while logged in.
 * - `Accept-Language` follows the UI language, so server-side problem details arrive localised.
 * - Non-2xx responses become an {@link ApiError}; RFC 9457 `application/problem+json` bodies are
 *   parsed and their `detail` (else `title`) becomes the error message.
 */

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One entry of the optional `errors` array of a problem document (e.g. per-field validation). */
export interface ProblemFieldError {
  readonly path?: string;
  readonly message?: string;
  readonly code?: string;
  readonly [key: string]: unknown;
}

/** The problem+json body the server sends on errors. */
export interface ProblemDetails {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly code?: string;
  readonly errors?: readonly ProblemFieldError[];
}

/** Codes the client itself assigns when the server gave none. */
export const CLIENT_ERROR_CODES = {
  network: 'NETWORK_ERROR',
  aborted: 'ABORTED',
  invalidResponse: 'INVALID_RESPONSE',
} as const;

export class ApiError extends Error {
  override readonly name = 'ApiError';
  /** HTTP status, or 0 when no response was received. */
  readonly status: number;
  /** Server `code` from the problem document, else a client code (`HTTP_<status>`, …). */
  readonly code: string;
  /** The parsed problem document, when the server sent one. */
  readonly problem: ProblemDetails | undefined;

  constructor(
    message: string,
    init: { status: number; code: string; problem?: ProblemDetails; cause?: unknown },
  ) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.status = init.status;
    this.code = init.code;
    this.problem = init.problem;
  }

  get errors(): readonly ProblemFieldError[] {
    return this.problem?.errors ?? [];
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  method?: HttpMethod;
  /** Serialised as JSON unless it is already a `FormData`/`Blob`/`URLSearchParams`/string. */
  body?: unknown;
  query?: Readonly<Record<string, QueryValue>>;
  headers?: Readonly<Record<string, string>>;
  signal?: AbortSignal;
  /** Do not notify unauthorized listeners on 401 (used by login and the session probe). */
  skipUnauthorizedHandler?: boolean;
}

export type UnauthorizedListener = (error: ApiError) => void;

export interface ApiClientOptions {
  /** Prefix for relative paths; defaults to '' (same origin). */
  baseUrl?: string;
  /** Injected for tests; defaults to the global `fetch`. */
  fetch?: typeof fetch;
  /** Current UI language, sent as `Accept-Language`. */
  getLanguage?: () => string;
}

export interface ApiClient {
  request: <T>(path: string, options?: RequestOptions) => Promise<T>;
  get: <T>(path: string, options?: Omit<RequestOptions, 'method' | 'body'>) => Promise<T>;
  post: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'method'>) => Promise<T>;
  put: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'method'>) => Promise<T>;
  patch: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'method'>) => Promise<T>;
  delete: <T>(path: string, options?: Omit<RequestOptions, 'method'>) => Promise<T>;
  /** Set on login/session, cleared on logout or expiry. */
  setCsrfToken: (token: string | null) => void;
  getCsrfToken: () => string | null;
  /** Called on every 401 (unless the request opted out). Returns an unsubscribe function. */
  onUnauthorized: (listener: UnauthorizedListener) => () => void;
}

const SAFE_METHODS: ReadonlySet<HttpMethod> = new Set(['GET', 'HEAD']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** Reads a problem document leniently: any JSON object with a title, detail or code counts. */
export function parseProblemDetails(
  value: unknown,
  httpStatus: number,
): ProblemDetails | undefined {
  if (!isRecord(value)) {
    return undefined;
  }
  const title = optionalString(value.title);
  const detail = optionalString(value.detail);
  const code = optionalString(value.code);
  if (title === undefined && detail === undefined && code === undefined) {
    return undefined;
  }
  const errors = Array.isArray(value.errors) ? value.errors.filter(isRecord) : undefined;
  return {
    type: optionalString(value.type) ?? 'about:blank',
    title: title ?? '',
    status: typeof value.status === 'number' ? value.status : httpStatus,
    ...(detail === undefined ? {} : { detail }),
    ...(code === undefined ? {} : { code }),
    ...(errors === undefined ? {} : { errors }),
  };
}

function isJsonContentType(contentType: string | null): boolean {
  if (contentType === null) {
    return false;
  }
  const mediaType = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return mediaType === 'application/json' || mediaType.endsWith('+json');
}

function parseJsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Builds the error thrown for a non-2xx response. */
export async function errorFromResponse(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  const json =
    text !== '' && isJsonContentType(response.headers.get('content-type'))
      ? parseJsonOrUndefined(text)
      : undefined;
  const problem = parseProblemDetails(json, response.status);
  const fallback = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
  const message = problem?.detail ?? (problem?.title || fallback);
  return new ApiError(message, {
    status: response.status,
    code: problem?.code ?? `HTTP_${response.status}`,
    ...(problem === undefined ? {} : { problem }),
  });
}

function isRawBody(body: unknown): body is BodyInit {
  return (
    typeof body === 'string' ||
    body instanceof FormData ||
    body instanceof Blob ||
    body instanceof URLSearchParams ||
    body instanceof ArrayBuffer
  );
}

function buildUrl(baseUrl: string, path: string, query: RequestOptions['query']): string {
  let url = /^https?:\/\//.test(path) ? path : `${baseUrl}${path}`;
  if (query !== undefined) {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== null) {
        params.append(key, String(value));
      }
    }
    const search = params.toString();
    if (search !== '') {
      url += `${url.includes('?') ? '&' : '?'}${search}`;
    }
  }
  return url;
}

async function readSuccessBody<T>(response: Response): Promise<T> {
  if (response.status === 204 || response.status === 205) {
    return undefined as T;
  }
  const text = await response.text();
  if (text === '') {
    return undefined as T;
  }
  if (!isJsonContentType(response.headers.get('content-type'))) {
    return text as T;
  }
  try {
    return JSON.parse(text) as T;
  } catch (cause) {
    throw new ApiError('Invalid JSON in response', {
      status: response.status,
      code: CLIENT_ERROR_CODES.invalidResponse,
      cause,
    });
  }
}

export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const baseUrl = options.baseUrl ?? '';
  const listeners = new Set<UnauthorizedListener>();
  let csrfToken: string | null = null;

  async function request<T>(path: string, requestOptions: RequestOptions = {}): Promise<T> {
    const method = requestOptions.method ?? 'GET';
    const headers = new Headers(requestOptions.headers);
    headers.set('accept', 'application/json, application/problem+json');
    const language = options.getLanguage?.();
    if (language) {
      headers.set('accept-language', language);
    }
    if (!SAFE_METHODS.has(method) && csrfToken !== null) {
      headers.set('x-csrf-token', csrfToken);
    }

    let body: BodyInit | undefined;
    if (requestOptions.body !== undefined) {
      if (isRawBody(requestOptions.body)) {
        body = requestOptions.body;
      } else {
        body = JSON.stringify(requestOptions.body);
        headers.set('content-type', 'application/json');
      }
    }

    const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
    let response: Response;
    try {
      response = await fetchImpl(buildUrl(baseUrl, path, requestOptions.query), {
        method,
        headers,
        credentials: 'same-origin',
        ...(body === undefined ? {} : { body }),
        ...(requestOptions.signal === undefined ? {} : { signal: requestOptions.signal }),
      });
    } catch (cause) {
      const aborted = cause instanceof DOMException && cause.name === 'AbortError';
      throw new ApiError(aborted ? 'Request aborted' : 'Network request failed', {
        status: 0,
        code: aborted ? CLIENT_ERROR_CODES.aborted : CLIENT_ERROR_CODES.network,
        cause,
      });
    }

    if (!response.ok) {
      const error = await errorFromResponse(response);
      if (response.status === 401 && requestOptions.skipUnauthorizedHandler !== true) {
        for (const listener of [...listeners]) {
          listener(error);
        }
      }
      throw error;
    }
    return readSuccessBody<T>(response);
  }

  return {
    request,
    get: (path, rest) => request(path, { ...rest, method: 'GET' }),
    post: (path, body, rest) => request(path, { ...rest, method: 'POST', body }),
    put: (path, body, rest) => request(path, { ...rest, method: 'PUT', body }),
    patch: (path, body, rest) => request(path, { ...rest, method: 'PATCH', body }),
    delete: (path, rest) => request(path, { ...rest, method: 'DELETE' }),
    setCsrfToken: (token) => {
      csrfToken = token;
    },
    getCsrfToken: () => csrfToken,
    onUnauthorized: (listener) => {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
