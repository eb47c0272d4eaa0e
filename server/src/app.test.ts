import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { anonymousClient, buildTestApp } from '../test/build-test-app';
import { createTestDatabase, type TestDatabase } from '../test/test-db';
import type { BuiltApp } from './app';

let database: TestDatabase;
let built: BuiltApp;

beforeAll(async () => {
  database = await createTestDatabase();
  built = await buildTestApp(database);
});
afterAll(async () => {
  await built.app.close();
  await database.destroy();
});

describe('application', () => {
  it('serves health and readiness', async () => {
    const anon = anonymousClient(built.app);
    expect((await anon.get('/healthz')).json()).toEqual({ status: 'ok' });
    expect((await anon.get('/readyz')).json()).toMatchObject({ status: 'ready' });
  });

  it('serves the OpenAPI document with the main routes', async () => {
    const res = await anonymousClient(built.app).get('/api/v1/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json<{ openapi: string; paths: Record<string, unknown> }>();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/troubles',
        '/api/v1/problems/{id}/dispatch',
        '/api/v1/track/{code}',
      ]),
    );
    const docs = await anonymousClient(built.app).get('/api/docs/');
    expect(docs.statusCode).toBe(200);
  });

  it('answers unknown API routes with problem+json 404', async () => {
    const res = await anonymousClient(built.app).get('/api/v1/nothing-here');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json<{ code: string }>().code).toBe('NOT_FOUND');
  });

  it('maps malformed JSON to a 400 problem', async () => {
    const res = await built.app.inject({
      method: 'POST',
      url: '/api/v1/troubles',
      headers: { 'content-type': 'application/json' },
      payload: '{"body": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ code: string }>().code).toBe('BAD_REQUEST');
  });

  it('sets security headers', async () => {
    const res = await anonymousClient(built.app).get('/healthz');
    expect(res.headers['content-security-policy']).toContain("object-src 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('declares an access rule on every API route', () => {
    expect(built.routeTable.length).toBeGreaterThan(40);
    for (const r of built.routeTable) {
      expect(r.access, `${r.method} ${r.url}`).toBeDefined();
    }
  });
});
