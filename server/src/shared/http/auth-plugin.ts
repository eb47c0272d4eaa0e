import { timingSafeEqual } from 'node:crypto';

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

import type { Config } from '../../config';
import type { AccountService, ResolvedSession } from '../../modules/accounts/account-service';
import { toActor } from '../../modules/accounts/account-service';
import { type Actor, anonymousActor } from '../actor';
import { AppError } from '../errors';
import { assertCan, type Permission } from '../permissions';

/**
 * Route access: `public` (anyone), `session` (any logged-in user), a named permission, or
 * `apiKey` (an integration's key in the `api_key` parameter, e.g. Open311 writes).
 */
export type Access = 'public' | 'session' | 'apiKey' | Permission;

/** The integration behind a valid API key (Open311 clients are keyed per community). */
export interface ApiClient {
  keyId: string;
  communityId: string;
  countyId: string;
  label: string;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    actor: Actor;
    session: ResolvedSession | null;
    apiClient: ApiClient | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function cookieName(config: Config): string {
  return config.secureCookies ? '__Host-fannao_session' : 'fannao_session';
}

export function setSessionCookie(reply: FastifyReply, config: Config, token: string): void {
  reply.setCookie(cookieName(config), token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.secureCookies,
    maxAge: Math.floor(config.sessionAbsoluteMs / 1000),
  });
}

export function clearSessionCookie(reply: FastifyReply, config: Config): void {
  reply.clearCookie(cookieName(config), {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.secureCookies,
  });
}

/**
 * Resolves the session from its cookie on every request, enforces CSRF on state-changing
 * requests that carry a session (synchroniser token in `x-csrf-token` plus an Origin check),
 * and applies each route's declared access before its handler runs. Routes without a declared
 * access are refused, so a new route cannot be open by accident.
 */
export function registerAuth(
  app: FastifyInstance,
  deps: {
    config: Config;
    accounts: AccountService;
    apiKeys?: { verify(key: string): Promise<ApiClient | null> };
  },
): void {
  const { config, accounts } = deps;
  const publicOrigin = new URL(config.publicUrl).origin;

  app.decorateRequest('actor', null as unknown as Actor);
  app.decorateRequest('session', null);
  app.decorateRequest('apiClient', null);

  // Callback hooks, not async ones: a request without a session (every anonymous intake) then
  // costs no promise; the ones that look something up continue when the look-up settles.
  app.addHook('onRequest', (request, _reply, done) => {
    request.actor = anonymousActor;
    request.session = null;
    request.apiClient = null;
    const token = request.cookies[cookieName(config)];
    // Static files need no session; only the API reads it (one query per request).
    if (!request.url.startsWith('/api/') || !token || token.length > 200) {
      done();
      return;
    }
    accounts.resolve(token).then((session) => {
      if (session) {
        request.session = session;
        request.actor = toActor(session.user);
      }
      done();
    }, done);
  });

  app.addHook('preValidation', (request, _reply, done) => {
    try {
      checkAccess(request, publicOrigin);
    } catch (error) {
      done(error as Error);
      return;
    }
    if (request.routeOptions.config.access !== 'apiKey' || request.is404) {
      done();
      return;
    }
    const key = apiKeyOf(request);
    (key && deps.apiKeys ? deps.apiKeys.verify(key) : Promise.resolve(null)).then((client) => {
      if (!client) {
        done(new AppError('FORBIDDEN', { action: 'apiKey' }));
        return;
      }
      request.apiClient = client;
      done();
    }, done);
  });
}

/** The `api_key` parameter from the query string or a form/JSON body. */
function apiKeyOf(request: FastifyRequest): string | null {
  const fromQuery = (request.query as Record<string, unknown> | undefined)?.api_key;
  const body = request.body;
  const fromBody =
    typeof body === 'object' && body !== null
      ? (body as Record<string, unknown>).api_key
      : undefined;
  const key = typeof fromBody === 'string' ? fromBody : fromQuery;
  return typeof key === 'string' && key.length > 0 && key.length <= 200 ? key : null;
}

/** Routes whose access is checked here: the API and the Open311 endpoints. */
const GUARDED = ['/api/v1/', '/open311/'];

/** Applies the route's declared access and CSRF rules (see registerAuth). */
function checkAccess(request: FastifyRequest, publicOrigin: string): void {
  const access = request.routeOptions.config.access;
  if (!GUARDED.some((p) => request.url.startsWith(p)) || request.is404) {
    return;
  }
  if (access === undefined) {
    throw new AppError('FORBIDDEN', { action: 'undeclared route' });
  }
  if (access === 'apiKey') {
    return;
  }
  if (request.session && !SAFE_METHODS.has(request.method)) {
    assertCsrf(request, request.session, publicOrigin);
  }
  if (access === 'public') {
    return;
  }
  if (!request.session) {
    throw new AppError('UNAUTHENTICATED');
  }
  if (access !== 'session') {
    // TOTP_REQUIRED_ROLES: until TOTP is set up, only the auth endpoints (`session`) answer.
    if (request.session.user.mustEnrollTotp) {
      throw new AppError('TOTP_ENROLLMENT_REQUIRED');
    }
    assertCan(request.actor, access);
  }
}

function assertCsrf(request: FastifyRequest, session: ResolvedSession, publicOrigin: string): void {
  const origin = request.headers.origin;
  if (origin && origin !== publicOrigin && origin !== `${request.protocol}://${request.host}`) {
    throw new AppError('CSRF_FAILED');
  }
  const sent = request.headers['x-csrf-token'];
  if (typeof sent !== 'string') {
    throw new AppError('CSRF_FAILED');
  }
  const a = Buffer.from(sent);
  const b = Buffer.from(session.csrfToken);
  if (a.length !== b.length || !timingSafeEqual(a, b)) {
    throw new AppError('CSRF_FAILED');
  }
}

/** The client address for audit records. */
export function clientIp(request: FastifyRequest): string {
  return request.ip;
}
