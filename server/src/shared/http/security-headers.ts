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
 * Sets helmet's headers on every answer, like `@fastify/helmet` with global options — but the
 * helmet middleware is built once here, where `@fastify/helmet` rebuilds it (parsing the CSP
 * directives again) on every request, which cost about 5 % of an intake request's CPU.
 */
export function registerSecurityHeaders(app: FastifyInstance, options: HelmetOptions): void {
  const apply = helmet.default(options);
  app.addHook('onRequest', (request, reply, done) => {
    apply(request.raw, reply.raw, (error?: unknown) => {
      done(error instanceof Error ? error : undefined);
    });
  });
}
