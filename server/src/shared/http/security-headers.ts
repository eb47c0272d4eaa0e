import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';

import type { FastifyHelmetOptions } from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/** helmet's options, as @fastify/helmet passes them on. */
export type HelmetOptions = FastifyHelmetOptions;

// helmet is the engine of @fastify/helmet (its dependency, not a direct one of ours): load the
// very copy that plugin uses, so upgrading @fastify/helmet upgrades the headers too.
const requireHere = createRequire(import.meta.url);
const helmet = createRequire(requireHere.resolve('@fastify/helmet'))('helmet') as {
  default: (
    options: HelmetOptions,
  ) => (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;
};

/** The security headers of every answer (CSP, nosniff, frame-ancestors, HSTS on https, …). */
export function securityHeaderOptions(input: { hsts: boolean }): HelmetOptions {
  return {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
      },
    },
    hsts: input.hsts,
  };
}

/**
 * Sets helmet's headers on every answer, like `@fastify/helmet` with global options — but helmet
 * runs once, here: `@fastify/helmet` rebuilds the middleware (parsing the CSP directives again)
 * on every request, which cost about 5 % of an intake request's CPU, and even a prebuilt
 * middleware walks a chain of a dozen callbacks per request. With our options (no function
 * directives, no nonce) helmet's headers do not depend on the request, so they are recorded once
 * and copied onto every answer; a test checks them against `@fastify/helmet`'s.
 */
export function registerSecurityHeaders(app: FastifyInstance, options: HelmetOptions): void {
  const { set, removed } = recordHelmet(options);
  app.addHook('onRequest', (request, reply, done) => {
    const res = reply.raw;
    for (const name of removed) {
      if (res.hasHeader(name)) {
        res.removeHeader(name);
      }
    }
    for (const [name, value] of set) {
      res.setHeader(name, value);
    }
    done();
  });
}

/** The headers helmet sets (in order) and removes, recorded on a stand-in response. */
function recordHelmet(options: HelmetOptions): {
  set: [string, string | number | readonly string[]][];
  removed: string[];
} {
  const csp = options.contentSecurityPolicy;
  const directives = typeof csp === 'object' ? Object.values(csp.directives ?? {}) : [];
  if (directives.flat().some((d) => typeof d === 'function')) {
    // A per-request directive (a nonce) cannot be recorded once.
    throw new Error('security headers: CSP directives must not be functions');
  }
  const set = new Map<string, string | number | readonly string[]>();
  const removed: string[] = [];
  const res = {
    setHeader(name: string, value: string | number | readonly string[]) {
      set.set(name, value);
      return res;
    },
    removeHeader(name: string) {
      set.delete(name);
      removed.push(name);
    },
  };
  let finished = false;
  helmet.default(options)(
    {} as IncomingMessage,
    res as unknown as ServerResponse,
    (error?: unknown) => {
      if (error) {
        throw error instanceof Error ? error : new Error('helmet failed');
      }
      finished = true;
    },
  );
  if (!finished) {
    throw new Error('helmet did not finish synchronously');
  }
  return { set: [...set], removed };
}
