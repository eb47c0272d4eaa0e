import fc from 'fast-check';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildTestApp, type Client } from '../../test/build-test-app';
import { expectedOutcome, isOpen311, type Rule, RULES } from '../../test/security-routes';
import {
  buildSecurityWorld,
  databaseChecksum,
  ROLE_KEYS,
  type RoleKey,
  type SecurityWorld,
} from '../../test/security-world';
import { createTestDatabase, type TestDatabase } from '../../test/test-db';
import type { BuiltApp } from '../app';

/**
 * Property-based fuzzing of every request schema (issue 8; ASVS 2.2.1, reliability note F-B1):
 * for each route, called by a role that may use it, hostile bodies, query strings, path
 * parameters and headers never produce a 5xx, every 4xx is problem+json with a stable code, a
 * rejected request writes no row, and no HTML response reflects markup. Seeded and bounded.
 */

const SEED = 20_261_123;
const RUNS_PER_ROUTE = 6;

const HOSTILE_STRINGS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "' OR '1'='1",
  "1'; DROP TABLE troubles; --",
  "'; select pg_sleep(3); --",
  '" OR ""="',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '\u202e\u202dgnp.exe',
  '\u200b\u200c\u200d\ufeff',
  'مرحبا بالعالم',
  '𠮷野家😀👨‍👩‍👧',
  '../../etc/passwd',
  '%00%2e%2e%2f',
  '${7*7}{{7*7}}<%= 7*7 %>',
  '__proto__',
  'constructor',
  'prototype',
  'null',
  'NaN',
  '-1',
  '1e309',
  '9'.repeat(400),
  'Ａ'.repeat(3000),
  'x'.repeat(70_000),
  '\r\nSet-Cookie: injected=1',
];
const HOSTILE_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '$where',
  'a.b',
  '',
];

const hostileString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
);
const hostileNumber = fc.oneof(
  fc.constantFrom(0, -1, 2 ** 53, -(2 ** 63), 1e308, Number.MIN_VALUE, 0.5),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);
const { value: hostileValue } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    hostileNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc
      .array(
        fc.tuple(
          fc.oneof(fc.constantFrom(...HOSTILE_KEYS), fc.string({ maxLength: 8 })),
          tie('value'),
        ),
        {
          maxLength: 4,
        },
      )
      .map((entries) => objectWithOwnKeys(entries)),
  ),
}));

/** An object whose own keys may be `__proto__` (JSON.parse makes such keys own properties too). */
function objectWithOwnKeys(entries: [string, unknown][]): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const [k, v] of entries) {
    Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  }
  return o;
}

/** Percent-encodes the UTF-8 bytes (lone surrogates become U+FFFD, as a browser would send). */
function pct(s: string): string {
  return [...Buffer.from(s, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
}
const RAW_QUERY_PARTS = [
  '%ZZ',
  '%ED%A0%80',
  '%00',
  '%',
  'a[b]=1',
  'a[__proto__][x]=1',
  '__proto__[admin]=1',
];

type Mutation =
  | { kind: 'body'; value: unknown }
  | { kind: 'field'; key: string; value: unknown }
  | { kind: 'extraKey'; key: string; value: unknown }
  | { kind: 'raw'; payload: string; contentType: string }
  | { kind: 'query'; pairs: [string, string][]; raw: string | null }
  | { kind: 'path'; value: string }
  | { kind: 'header'; name: string; value: string };

const printable = (s: string) => s.replace(/[^\x20-\x7e]/g, '?').slice(0, 200);
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  hostileValue.map((value) => ({ kind: 'body', value }) as const),
  fc
    .tuple(fc.nat(), hostileValue)
    .map(([i, value]) => ({ kind: 'field', key: String(i), value }) as const),
  fc
    .tuple(fc.constantFrom(...HOSTILE_KEYS), hostileValue)
    .map(([key, value]) => ({ kind: 'extraKey', key, value }) as const),
  fc
    .constantFrom(
      { payload: `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`, contentType: 'application/json' },
      { payload: `${'['.repeat(20_000)}${']'.repeat(20_000)}`, contentType: 'application/json' },
      { payload: '{"body": "unterminated', contentType: 'application/json' },
      {
        payload: '{"__proto__": {"isAdmin": true}, "constructor": {"prototype": {"x": 1}}}',
        contentType: 'application/json',
      },
      { payload: `{"body": "${'长'.repeat(200_000)}"}`, contentType: 'application/json' },
      {
        payload: 'body=<script>alert(1)</script>',
        contentType: 'application/x-www-form-urlencoded',
      },
      {
        payload:
          '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
        contentType: 'application/xml',
      },
      { payload: '{"a":1}', contentType: 'application/json; charset=utf-7' },
      { payload: '\u0000\u0001\u0002', contentType: 'text/plain' },
    )
    .map((r) => ({ kind: 'raw', ...r }) as const),
  fc
    .tuple(
      fc.array(
        fc.tuple(
          fc.oneof(
            fc.constantFrom(...HOSTILE_KEYS, 'q', 'limit', 'offset', 'from', 'status', 'community'),
            hostileString,
          ),
          hostileString,
        ),
        {
          maxLength: 3,
        },
      ),
      fc.option(fc.constantFrom(...RAW_QUERY_PARTS)),
    )
    .map(([pairs, raw]) => ({ kind: 'query', pairs, raw }) as const),
  hostileString.map((value) => ({ kind: 'path', value }) as const),
  fc
    .tuple(
      fc.constantFrom(
        'accept-language',
        'idempotency-key',
        'x-forwarded-for',
        'user-agent',
        'content-type',
        'accept',
      ),
      hostileString.map(printable),
    )
    .map(([name, value]) => ({ kind: 'header', name, value }) as const),
);

let database: TestDatabase;
let built: BuiltApp;
let world: SecurityWorld;

beforeAll(async () => {
  database = await createTestDatabase();
  built = await buildTestApp(database);
  world = await buildSecurityWorld(database, built);
}, 120_000);
afterAll(async () => {
  await built.app.close();
  await database.destroy();
});

/** A role that may use the route (the first in the matrix order), or anonymous for public ones. */
function callerOf(access: string, rule: Rule): RoleKey {
  const preferred: RoleKey[] = [
    'admin',
    'staff',
    'supervisor',
    'deptAssigned',
    'worker',
    'enterprise',
  ];
  for (const role of [...preferred, ...ROLE_KEYS]) {
    if (expectedOutcome(access, rule, role) === 'allow') {
      return role;
    }
  }
  return 'anonymous';
}

function buildRequest(key: string, rule: Rule, m: Mutation, n: number): InjectOptions {
  const [method, template] = key.split(' ') as [InjectOptions['method'], string];
  let url = rule.url(world.ids);
  const valid = rule.body?.(world.ids, n);
  const headers: Record<string, string> = { ...rule.headers?.() };
  let payload: InjectOptions['payload'] | undefined =
    valid === undefined ? undefined : (valid as InjectOptions['payload']);
  switch (m.kind) {
    case 'body':
      payload = JSON.stringify(m.value ?? null);
      headers['content-type'] = 'application/json';
      break;
    case 'field': {
      const base = (valid && typeof valid === 'object' ? valid : {}) as Record<string, unknown>;
      const keys = Object.keys(base);
      const k = keys.length ? keys[Number(m.key) % keys.length]! : 'x';
      payload = JSON.stringify({ ...base, [k]: m.value });
      headers['content-type'] = 'application/json';
      break;
    }
    case 'extraKey': {
      const base = (valid && typeof valid === 'object' ? valid : {}) as Record<string, unknown>;
      payload = JSON.stringify(objectWithOwnKeys([...Object.entries(base), [m.key, m.value]]));
      headers['content-type'] = 'application/json';
      break;
    }
    case 'raw':
      payload = m.payload;
      headers['content-type'] = m.contentType;
      break;
    case 'query': {
      const parts = m.pairs.map(([k, v]) => `${pct(k)}=${pct(v)}`);
      if (m.raw) {
        parts.push(m.raw);
      }
      if (parts.length) {
        url += `${url.includes('?') ? '&' : '?'}${parts.join('&')}`;
      }
      break;
    }
    case 'path': {
      const segments = url.split('?')[0]!.split('/');
      const params = template.split('/').flatMap((s, i) => (s.startsWith(':') ? [i] : []));
      const at = params.length ? params[n % params.length]! : segments.length - 1;
      segments[at] = pct(m.value) || '%20';
      url = segments.join('/');
      break;
    }
    case 'header':
      headers[m.name] = m.value;
      break;
  }
  if (method === 'GET' || method === 'DELETE') {
    if (m.kind === 'body' || m.kind === 'field' || m.kind === 'extraKey' || m.kind === 'raw') {
      // GET and DELETE bodies are not used; put the hostile value in the query string instead.
      url += `${url.includes('?') ? '&' : '?'}q=${pct(typeof payload === 'string' ? payload.slice(0, 2000) : '')}`;
    }
    payload = undefined;
    delete headers['content-type'];
  }
  return { method, url, headers, ...(payload === undefined ? {} : { payload }) };
}

/** Tables a rejected request may change by design (failed logins are counted and audited). */
function mayChangeOnRejection(key: string): string[] {
  if (key === 'POST /api/v1/auth/login') {
    return ['users', 'audit_log'];
  }
  if (key === 'POST /api/v1/auth/password') {
    return ['audit_log'];
  }
  return [];
}

function checkResponse(res: LightMyRequestResponse, what: string, key: string): string[] {
  const problems: string[] = [];
  if (res.statusCode >= 500) {
    problems.push(`${what}: ${res.statusCode} ${res.body.slice(0, 300)}`);
  }
  const type = String(res.headers['content-type'] ?? '');
  if (res.statusCode >= 400 && isOpen311(key)) {
    // The exception to problem+json: Open311 clients expect the GeoReport v2 error list
    // (docs/open311.md), JSON `[{"code","description"}]` or XML `<errors>`, per the path's format.
    problems.push(...checkOpen311Error(res, what));
  } else if (res.statusCode >= 400) {
    if (!type.includes('application/problem+json')) {
      problems.push(`${what}: ${res.statusCode} without problem+json (${type})`);
    } else {
      const p = res.json<{ type?: string; title?: string; status?: number; code?: string }>();
      if (
        p.status !== res.statusCode ||
        !p.code ||
        !/^[A-Z_]+$/.test(p.code) ||
        !p.type ||
        !p.title
      ) {
        problems.push(`${what}: malformed problem ${res.body.slice(0, 200)}`);
      }
    }
  }
  if (type.includes('html') && /<script|<img|onerror=/i.test(res.body)) {
    problems.push(`${what}: HTML response reflects markup`);
  }
  return problems;
}

/** An Open311 error answer: the status repeated as `code`, and a description. */
function checkOpen311Error(res: LightMyRequestResponse, what: string): string[] {
  const type = String(res.headers['content-type'] ?? '');
  if (type.includes('xml')) {
    return res.body.includes('<errors>') &&
      res.body.includes(`<code>${res.statusCode}</code>`) &&
      res.body.includes('<description>')
      ? []
      : [`${what}: malformed Open311 XML error ${res.body.slice(0, 200)}`];
  }
  if (!type.includes('application/json')) {
    return [`${what}: ${res.statusCode} without an Open311 error (${type})`];
  }
  const errors = res.json<unknown>();
  const ok =
    Array.isArray(errors) &&
    errors.length > 0 &&
    errors.every(
      (e: { code?: unknown; description?: unknown }) =>
        e.code === res.statusCode && typeof e.description === 'string' && e.description.length > 0,
    );
  return ok ? [] : [`${what}: malformed Open311 error ${res.body.slice(0, 200)}`];
}

describe('router-level refusals', () => {
  it('answers a path parameter over the router limit and a malformed URL with a 400 problem', async () => {
    for (const url of [
      `/api/v1/troubles/${'x'.repeat(500)}`,
      `/api/v1/troubles/${world.ids.troubleA}/attachments/${'%41'.repeat(300)}`,
      '/api/v1/track/%E0%A4%A',
    ]) {
      const res = await world.clients.admin.request({ method: 'GET', url });
      expect(res.statusCode, url).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json<{ code: string }>().code).toBe('BAD_REQUEST');
    }
  });
});

describe('NUL characters', () => {
  it('refuses U+0000 in a body, a query string or a path parameter with a 400 problem, writing nothing', async () => {
    const before = await databaseChecksum(database);
    const attempts: [string, InjectOptions][] = [
      [
        'body',
        {
          method: 'POST',
          url: '/api/v1/troubles',
          payload: { communityId: world.ids.communityA1, body: '宿舍\u0000停水' },
        },
      ],
      [
        'nested body',
        {
          method: 'POST',
          url: `/api/v1/problems/${world.ids.problemA}/notes`,
          payload: { text: 'ok\u0000' },
        },
      ],
      ['query', { method: 'GET', url: '/api/v1/troubles?q=%00' }],
      ['query key', { method: 'GET', url: '/api/v1/enterprises?q%00=1' }],
      ['path', { method: 'GET', url: '/api/v1/track/SA-%00%00%00%00%00' }],
    ];
    for (const [what, req] of attempts) {
      const res = await world.clients.admin.request(req);
      expect(res.statusCode, what).toBe(400);
      expect(res.json<{ code: string }>().code, what).toBe('BAD_REQUEST');
    }
    const after = await databaseChecksum(database);
    expect(Object.keys(after).filter((t) => after[t] !== before[t])).toEqual([]);
  });
});

describe('fuzzing every route', () => {
  it('covers every route of the route table', () => {
    const routes = built.routeTable.map((r) => `${r.method} ${r.url}`);
    expect(routes.filter((k) => !(k in RULES))).toEqual([]);
  });

  for (const [key, rule] of Object.entries(RULES)) {
    it(`${key}: hostile input → no 5xx, problem+json, no write when rejected`, async () => {
      const route = built.routeTable.find((r) => `${r.method} ${r.url}` === key)!;
      const role = callerOf(route.access!, rule);
      const write = !key.startsWith('GET ');
      const ignore = ['sessions', ...mayChangeOnRejection(key)];
      const problems: string[] = [];
      let n = 0;
      let snapshot = write ? await databaseChecksum(database, ignore) : null;
      const seed = SEED + [...key].reduce((a, c) => a + c.charCodeAt(0), 0);
      const samples = fc.sample(mutation, { seed, numRuns: RUNS_PER_ROUTE });
      for (const m of samples) {
        const client: Client = rule.fresh ? await world.relogin(role) : world.clients[role];
        if (rule.fresh && snapshot) {
          snapshot = await databaseChecksum(database, ignore); // the login itself is audited
        }
        const req = buildRequest(key, rule, m, n++);
        const res = await client.request(req);
        await world.settle(); // an accepted upload's dry run finishes before the checksum
        const what = `${key} as ${role} [${m.kind}${m.kind === 'header' ? ` ${m.name}` : ''}]`;
        problems.push(...checkResponse(res, what, key));
        if (snapshot) {
          const now = await databaseChecksum(database, ignore);
          if (res.statusCode >= 400) {
            const changed = Object.keys(now).filter((t) => now[t] !== snapshot![t]);
            if (changed.length) {
              problems.push(
                `${what}: rejected with ${res.statusCode} but changed ${changed.join(', ')}`,
              );
            }
          }
          snapshot = now;
        }
      }
      expect(problems).toEqual([]);
    });
  }
});
