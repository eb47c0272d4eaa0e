import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';

import { buildApp, type BuiltApp } from '../src/app';
import { type Config, loadConfig } from '../src/config';
import type { Clock } from '../src/shared/clock';
import { TEST_PASSWORD } from './factories';
import type { TestDatabase } from './test-db';

export function testConfig(dataDir: string, overrides: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    GROUP_COMMIT_MAX_WAIT_MS: '1',
    INTAKE_RATE_PER_MINUTE: '100000',
    LOGIN_RATE_PER_MINUTE: '10000',
    ...overrides,
  });
}

export async function buildTestApp(
  database: TestDatabase,
  options: { clock?: Clock; env?: Record<string, string> } = {},
): Promise<BuiltApp> {
  const built = await buildApp({
    config: testConfig(database.dataDir, options.env),
    database,
    clock: options.clock,
    logger: false,
  });
  await built.app.ready();
  return built;
}

/** A logged-in HTTP client: sends the session cookie and the CSRF token on every request. */
export interface Client {
  request(options: InjectOptions): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(
    url: string,
    payload?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
  patch(url: string, payload?: unknown): Promise<LightMyRequestResponse>;
  put(url: string, payload?: unknown): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
  csrfToken: string | null;
}

function cookieOf(res: LightMyRequestResponse): string {
  const set = res.headers['set-cookie'];
  const first = Array.isArray(set) ? set[0] : set;
  if (!first) {
    throw new Error(`login did not set a cookie: ${res.statusCode} ${res.body}`);
  }
  return first.split(';')[0]!;
}

export function anonymousClient(app: FastifyInstance): Client {
  return makeClient(app, null, null);
}

export async function login(
  app: FastifyInstance,
  username: string,
  password = TEST_PASSWORD,
  /** More login fields, e.g. `{ totpCode }` for an account with TOTP. */
  extra: Record<string, string> = {},
): Promise<Client> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password, ...extra },
  });
  if (res.statusCode !== 200) {
    throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  }
  return makeClient(app, cookieOf(res), res.json<{ csrfToken: string }>().csrfToken);
}

function makeClient(app: FastifyInstance, cookie: string | null, csrfToken: string | null): Client {
  const request = (options: InjectOptions) =>
    app.inject({
      ...options,
      headers: {
        ...(cookie ? { cookie } : {}),
        ...(csrfToken && options.method !== 'GET' ? { 'x-csrf-token': csrfToken } : {}),
        ...(options.headers ?? {}),
      },
    });
  return {
    csrfToken,
    request,
    get: (url) => request({ method: 'GET', url }),
    post: (url, payload, headers) =>
      request({
        method: 'POST',
        url,
        ...(payload === undefined ? {} : { payload: payload as InjectOptions['payload'] }),
        headers,
      }),
    patch: (url, payload) =>
      request({ method: 'PATCH', url, payload: payload as InjectOptions['payload'] }),
    put: (url, payload) =>
      request({ method: 'PUT', url, payload: payload as InjectOptions['payload'] }),
    delete: (url) => request({ method: 'DELETE', url }),
  };
}
