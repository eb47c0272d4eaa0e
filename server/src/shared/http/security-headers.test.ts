import fastifyHelmet from '@fastify/helmet';
import Fastify, { type FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';

import { registerSecurityHeaders, securityHeaderOptions } from './security-headers';

async function headersOf(register: (app: FastifyInstance) => Promise<void>) {
  const app: FastifyInstance = Fastify();
  await register(app);
  app.get('/x', () => ({ ok: true }));
  app.post('/x', () => ({ ok: true }));
  const got = await Promise.all([
    app.inject({ method: 'GET', url: '/x' }),
    app.inject({ method: 'POST', url: '/x', payload: {} }),
    app.inject({ method: 'GET', url: '/missing' }),
  ]);
  await app.close();
  return got.map((res) => {
    const headers = { ...res.headers };
    delete headers.date;
    return { status: res.statusCode, headers };
  });
}

describe('security headers', () => {
  for (const hsts of [false, true]) {
    it(`are the headers @fastify/helmet sets with the same options (hsts ${hsts})`, async () => {
      const options = securityHeaderOptions({ hsts });
      const ours = await headersOf(async (app) => {
        registerSecurityHeaders(app, options);
        await Promise.resolve();
      });
      const theirs = await headersOf(async (app) => {
        await app.register(fastifyHelmet, options);
      });
      expect(ours).toEqual(theirs);
      expect(ours[0]!.headers['content-security-policy']).toContain("object-src 'none'");
      expect(ours[0]!.headers['x-content-type-options']).toBe('nosniff');
      expect(ours[0]!.headers['strict-transport-security'] !== undefined).toBe(hsts);
    });
  }

  it('refuses per-request CSP directives (they cannot be recorded once)', () => {
    expect(() =>
      registerSecurityHeaders(Fastify(), {
        contentSecurityPolicy: { directives: { scriptSrc: ["'self'", () => "'nonce-x'"] } },
      }),
    ).toThrow(/must not be functions/);
  });
});
