import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildTestApp } from '../../test/build-test-app';
import {
  expectedOutcome,
  PROBLEM_A,
  type Rule,
  RULES,
  TROUBLE_A,
} from '../../test/security-routes';
import {
  buildSecurityWorld,
  databaseChecksum,
  ROLE_KEYS,
  ROLE_LABELS,
  type RoleKey,
  SECRET_ID_NUMBER,
  SECRET_PHONE,
  type SecurityWorld,
} from '../../test/security-world';
import { createTestDatabase, type TestDatabase } from '../../test/test-db';
import type { BuiltApp } from '../app';

/**
 * The authorisation matrix (issue 8, ASVS 8.2.1–8.2.3): every /api/v1 route × every role, the
 * expected outcome derived from the route's declared access plus a rule per route naming which
 * roles reach the record in the URL. A route without a rule fails the coverage test, so a new
 * route cannot ship without one. Denied writes must leave every table unchanged.
 */

/** Text a role must never see: markers of records outside its scope, plaintext personal data. */
function secretsHiddenFrom(world: SecurityWorld, role: RoleKey, routeKey: string): string[] {
  const hidden: string[] = [];
  if (!TROUBLE_A.includes(role)) {
    hidden.push(world.markers.troubleA);
  }
  if (!PROBLEM_A.includes(role)) {
    hidden.push(world.markers.problemNoteA);
  }
  // Admins hold personal.unmask: the personal view and the exports (unless mask=true) show
  // personal data in clear by design, each use audited (export-service.ts); nobody else sees it.
  const unmasked =
    routeKey === 'GET /api/v1/troubles/:id/personal' || routeKey.startsWith('GET /api/v1/exports/');
  if (!(unmasked && role === 'admin')) {
    hidden.push(SECRET_PHONE, SECRET_ID_NUMBER);
  }
  return hidden;
}

let database: TestDatabase;
let built: BuiltApp;
let world: SecurityWorld;
let counter = 0;

beforeAll(async () => {
  database = await createTestDatabase();
  built = await buildTestApp(database);
  world = await buildSecurityWorld(database, built);
}, 120_000);
afterAll(async () => {
  await built.app.close();
  await database.destroy();
});

const SAFE = new Set(['GET', 'HEAD']);

async function call(key: string, rule: Rule, role: RoleKey): Promise<LightMyRequestResponse> {
  const method = key.split(' ')[0];
  const client = rule.fresh ? await world.relogin(role) : world.clients[role];
  const body = rule.body?.(world.ids, counter++);
  return client.request({
    method,
    url: rule.url(world.ids),
    ...(rule.headers ? { headers: rule.headers() } : {}),
    ...(body === undefined ? {} : { payload: body as InjectOptions['payload'] }),
  });
}

describe('authorisation matrix', () => {
  it('has a rule for every API route, and no rule for a route that does not exist', () => {
    const routes = built.routeTable.map((r) => `${r.method} ${r.url}`);
    const missing = routes.filter((k) => !(k in RULES));
    const stale = Object.keys(RULES).filter((k) => !routes.includes(k));
    expect(missing, 'routes without a rule in scope-matrix.security.test.ts').toEqual([]);
    expect(stale, 'rules for routes that no longer exist').toEqual([]);
    expect(routes.length).toBeGreaterThan(80);
  });

  for (const [key, rule] of Object.entries(RULES)) {
    it(key, async () => {
      const route = built.routeTable.find((r) => `${r.method} ${r.url}` === key);
      expect(route, `route ${key}`).toBeDefined();
      const access = route!.access!;
      const method = key.split(' ')[0]!;
      const outcomes = ROLE_KEYS.map((role) => ({
        role,
        expected: expectedOutcome(access, rule, role),
      }));
      const denied = outcomes.filter((o) => o.expected !== 'allow');
      const allowed = outcomes.filter((o) => o.expected === 'allow');
      const failures: string[] = [];

      // Denied callers first: they must change nothing.
      await rule.prepare?.(world);
      // Background work of an earlier call (an import's dry run) must not count as a write.
      await world.settle();
      const before = SAFE.has(method) ? null : await databaseChecksum(database);
      for (const { role, expected } of denied) {
        const res = await call(key, rule, role);
        if (res.statusCode !== expected) {
          failures.push(
            `${ROLE_LABELS[role]}: expected ${expected}, got ${res.statusCode} ${res.body.slice(0, 200)}`,
          );
        } else {
          expect(res.headers['content-type']).toContain('application/problem+json');
        }
      }
      if (before) {
        await world.settle();
        const after = await databaseChecksum(database);
        const changed = Object.keys(after).filter((t) => after[t] !== before[t]);
        expect(changed, `tables changed by denied ${key}`).toEqual([]);
      }

      for (const { role } of allowed) {
        await rule.prepare?.(world);
        const res = await call(key, rule, role);
        if ([401, 403, 404].includes(res.statusCode) || res.statusCode >= 500) {
          failures.push(
            `${ROLE_LABELS[role]}: expected access, got ${res.statusCode} ${res.body.slice(0, 200)}`,
          );
        }
        for (const secret of secretsHiddenFrom(world, role, key)) {
          if (res.body.includes(secret)) {
            failures.push(`${ROLE_LABELS[role]}: response leaks ${secret}`);
          }
        }
      }
      await world.settle();
      expect(failures).toEqual([]);
    });
  }

  // The api_key, not the session, authorises an Open311 submission (docs/open311.md): without
  // a valid key every caller — a signed-in admin of the key's county included — gets 403 in the
  // Open311 error format, and nothing is written.
  for (const key of Object.keys(RULES).filter((k) => k.startsWith('POST /open311/'))) {
    it(`${key} refuses a missing, unknown or revoked api_key`, async () => {
      const rule = RULES[key]!;
      const xml = key.endsWith('.xml');
      const valid = rule.body!(world.ids, counter++) as Record<string, unknown>;
      const rest = { ...valid };
      delete rest.api_key;
      const revoked = await world.clients.admin.post('/api/v1/admin/open311-keys', {
        communityId: world.ids.communityA1,
        label: '矩阵吊销',
      });
      const r = revoked.json<{ id: string; key: string }>();
      expect(
        (
          await world.clients.admin.request({
            method: 'DELETE',
            url: `/api/v1/admin/open311-keys/${r.id}`,
          })
        ).statusCode,
      ).toBe(204);
      const before = await databaseChecksum(database);
      const failures: string[] = [];
      for (const role of ROLE_KEYS) {
        for (const apiKey of [undefined, `o311_${'x'.repeat(32)}`, r.key]) {
          const res = await world.clients[role].request({
            method: 'POST',
            url: rule.url(world.ids),
            payload: apiKey === undefined ? rest : { ...rest, api_key: apiKey },
          });
          const shaped = xml
            ? res.body.includes('<errors>') && res.body.includes('<code>403</code>')
            : JSON.stringify(res.json()).startsWith('[{"code":403,"description":');
          if (res.statusCode !== 403 || !shaped) {
            failures.push(
              `${ROLE_LABELS[role]} key ${apiKey?.slice(0, 9)}: ${res.statusCode} ${res.body.slice(0, 200)}`,
            );
          }
        }
      }
      expect(failures).toEqual([]);
      const after = await databaseChecksum(database);
      expect(Object.keys(after).filter((t) => after[t] !== before[t])).toEqual([]);
    });
  }
});
