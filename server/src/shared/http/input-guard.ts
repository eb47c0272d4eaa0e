import type { FastifyInstance } from 'fastify';

import { badRequest } from '../errors';

const MAX_DEPTH = 64;

/** True when a string anywhere in the value holds a NUL character (U+0000). */
export function containsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') {
    return value.includes('\u0000');
  }
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') {
    return false;
  }
  if (Buffer.isBuffer(value)) {
    return false;
  }
  // for…in over own keys: no entries array per object (this runs on every request).
  for (const k in value) {
    if (
      Object.hasOwn(value, k) &&
      (k.includes('\u0000') || containsNul((value as Record<string, unknown>)[k], depth + 1))
    ) {
      return true;
    }
  }
  return false;
}

/**
 * Refuses NUL characters in any JSON body, query string or path parameter before validation:
 * PostgreSQL cannot store U+0000 in text (the driver error would surface as a 500), and no
 * field of this API has a use for it. Runs for every route, so a new field is covered too.
 */
export function registerInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', (request, _reply, done) => {
    if (containsNul(request.params) || containsNul(request.query) || containsNul(request.body)) {
      done(badRequest('nulCharacter'));
      return;
    }
    done();
  });
}
