import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildTestApp, type Client, login } from '../../../test/build-test-app';
import { buildStaffSet, buildWorld } from '../../../test/factories';
import { createTestDatabase, type TestDatabase } from '../../../test/test-db';
import type { BuiltApp } from '../../app';
import { FakeClock } from '../../shared/clock';

/*
 * Conformance with Open311 GeoReport v2 (open311.github.io GeoReport_v2): the six methods in
 * JSON and XML, field names and types, XML roots, the error format, api_key enforcement.
 */
const DAY = 86_400_000;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/;
const SERVICE_FIELDS = [
  'service_code',
  'service_name',
  'description',
  'metadata',
  'type',
  'keywords',
  'group',
].sort();
const REQUEST_FIELDS = [
  'service_request_id',
  'status',
  'status_notes',
  'service_name',
  'service_code',
  'description',
  'agency_responsible',
  'service_notice',
  'requested_datetime',
  'updated_datetime',
  'expected_datetime',
  'address',
  'address_id',
  'zipcode',
  'lat',
  'long',
  'media_url',
].sort();

const xml = new XMLParser({
  parseTagValue: false,
  isArray: (name) => ['service', 'request', 'error', 'attribute', 'value'].includes(name),
});

let clock: FakeClock;
let database: TestDatabase;
let built: BuiltApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
let users: Awaited<ReturnType<typeof buildStaffSet>>;
let admin: Client;
let apiKey: string;
/** The first request filed through POST (夜班食堂). */
let created: string;

beforeAll(async () => {
  clock = new FakeClock(Date.parse('2026-05-10T02:00:00Z'));
  database = await createTestDatabase({ clock });
  built = await buildTestApp(database, {
    clock,
    env: { PUBLIC_URL: 'https://fannao.example.cn', OPEN311_RATE_PER_MINUTE: '12' },
  });
  world = await buildWorld(database.db, clock.now());
  users = await buildStaffSet(database.db, world);
  admin = await login(built.app, users.admin.username);
  const res = await admin.post('/api/v1/admin/open311-keys', {
    communityId: world.community.id,
    label: '市民热线对接',
  });
  expect(res.statusCode, res.body).toBe(201);
  apiKey = res.json<{ key: string }>().key;
});
afterAll(async () => {
  await built.app.close();
  await database.destroy();
});

const get = (url: string) => built.app.inject({ method: 'GET', url });
const postForm = (
  url: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
) =>
  built.app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    payload: new URLSearchParams(fields).toString(),
  });

function expectJsonErrors(
  res: { statusCode: number; headers: Record<string, unknown>; body: string },
  status: number,
) {
  expect(res.statusCode).toBe(status);
  expect(String(res.headers['content-type'])).toContain('application/json');
  const errors = JSON.parse(res.body) as { code: number; description: string }[];
  expect(Array.isArray(errors)).toBe(true);
  expect(errors.length).toBeGreaterThan(0);
  for (const e of errors) {
    expect(Object.keys(e).sort()).toEqual(['code', 'description']);
    expect(e.code).toBe(status);
    expect(typeof e.description).toBe('string');
  }
  return errors;
}

function expectXmlErrors(
  res: { statusCode: number; headers: Record<string, unknown>; body: string },
  status: number,
) {
  expect(res.statusCode).toBe(status);
  expect(String(res.headers['content-type'])).toContain('text/xml');
  expect(res.body.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
  const doc = xml.parse(res.body) as { errors: { error: { code: string; description: string }[] } };
  expect(doc.errors.error[0]!.code).toBe(String(status));
  expect(doc.errors.error[0]!.description.length).toBeGreaterThan(0);
}

describe('service discovery', () => {
  it('points clients at the GeoReport v2 endpoint in JSON and XML', async () => {
    const res = await get('/open311/discovery.json');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    const doc = res.json<{
      changeset: string;
      contact: string;
      key_service: string;
      endpoints: Record<string, unknown>[];
    }>();
    expect(doc.changeset).toMatch(ISO);
    expect(doc.endpoints).toEqual([
      {
        specification: 'http://wiki.open311.org/GeoReport_v2',
        url: 'https://fannao.example.cn/open311/v2',
        changeset: doc.changeset,
        type: 'production',
        formats: ['text/xml', 'application/json'],
      },
    ]);
    // The advertised endpoint answers.
    expect((await get('/open311/v2/services.json')).statusCode).toBe(200);

    const x = await get('/open311/discovery.xml');
    expect(x.headers['content-type']).toContain('text/xml');
    const parsed = new XMLParser({
      parseTagValue: false,
      isArray: (name) => ['endpoint', 'format'].includes(name),
    }).parse(x.body) as {
      discovery: { endpoints: { endpoint: { url: string; formats: { format: string[] } }[] } };
    };
    expect(parsed.discovery.endpoints.endpoint[0]!.url).toBe(
      'https://fannao.example.cn/open311/v2',
    );
    expect(parsed.discovery.endpoints.endpoint[0]!.formats.format).toEqual([
      'text/xml',
      'application/json',
    ]);
  });
});

describe('GET services', () => {
  it('lists second-level categories as services, with the first level as group (JSON)', async () => {
    const res = await get('/open311/v2/services.json');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    const services = res.json<Record<string, unknown>[]>();
    expect(services.length).toBeGreaterThan(10);
    for (const s of services) {
      expect(Object.keys(s).sort()).toEqual(SERVICE_FIELDS);
      expect(typeof s.service_code).toBe('string');
      expect(typeof s.metadata).toBe('boolean');
      expect(['realtime', 'batch', 'blackbox']).toContain(s.type);
      expect(typeof s.keywords).toBe('string');
    }
    expect(services.find((s) => s.service_code === 'recruitment.shortage')).toMatchObject({
      service_name: '招工难',
      group: '招工用工',
      metadata: true,
      type: 'realtime',
    });
    // First-level categories are groups, not services.
    expect(services.some((s) => s.service_code === 'recruitment')).toBe(false);
  });

  it('returns the same list as <services><service>… (XML)', async () => {
    const res = await get('/open311/v2/services.xml');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/xml');
    const doc = xml.parse(res.body) as { services: { service: Record<string, string>[] } };
    const json = (await get('/open311/v2/services.json')).json<{ service_code: string }[]>();
    expect(doc.services.service.map((s) => s.service_code)).toEqual(
      json.map((s) => s.service_code),
    );
    const one = doc.services.service.find((s) => s.service_code === 'recruitment.shortage')!;
    expect(Object.keys(one).sort()).toEqual(SERVICE_FIELDS);
    expect(one.metadata).toBe('true');
  });

  it('defines a service with its attributes (JSON and XML)', async () => {
    const res = await get('/open311/v2/services/recruitment.shortage.json');
    expect(res.statusCode).toBe(200);
    const def = res.json<{ service_code: string; attributes: Record<string, unknown>[] }>();
    expect(def.service_code).toBe('recruitment.shortage');
    for (const a of def.attributes) {
      expect(Object.keys(a).sort()).toEqual(
        [
          'code',
          'datatype',
          'datatype_description',
          'description',
          'order',
          'required',
          'values',
          'variable',
        ].sort(),
      );
      expect([
        'string',
        'number',
        'datetime',
        'text',
        'singlevaluelist',
        'multivaluelist',
      ]).toContain(a.datatype);
    }
    expect(def.attributes.find((a) => a.code === 'urgency')).toMatchObject({
      datatype: 'singlevaluelist',
      values: [
        { key: 'normal', name: '缓' },
        { key: 'urgent', name: '急' },
      ],
    });
    const x = await get('/open311/v2/services/recruitment.shortage.xml');
    const doc = xml.parse(x.body) as {
      service_definition: {
        service_code: string;
        attributes: { attribute: { code: string; values: { value?: { key: string }[] } }[] };
      };
    };
    expect(doc.service_definition.service_code).toBe('recruitment.shortage');
    expect(doc.service_definition.attributes.attribute.map((a) => a.code)).toEqual([
      'severity',
      'urgency',
      'workers_affected',
    ]);
    expect(doc.service_definition.attributes.attribute[0]!.values.value!.map((v) => v.key)).toEqual(
      ['minor', 'major'],
    );
  });

  it('ignores the api_key and jurisdiction_id that clients send with every call', async () => {
    const res = await get(`/open311/v2/services.xml?jurisdiction_id=baohua&api_key=${apiKey}`);
    expect(res.statusCode).toBe(200);
  });

  it('answers an unknown service with 404 in Open311 error format', async () => {
    expectJsonErrors(await get('/open311/v2/services/nope.json'), 404);
    expectXmlErrors(await get('/open311/v2/services/nope.xml'), 404);
  });
});

describe('POST requests', () => {
  const form = {
    service_code: 'living.canteen',
    description: '夜班食堂晚上没有热饭，联系电话13812345678',
    address_string: '宝华工业园 3 号厂房',
    first_name: '涛',
    last_name: '周',
    phone: '13812345678',
    email: 'zhoutao@example.cn',
    'attribute[severity]': 'major',
    'attribute[urgency]': 'urgent',
    'attribute[workers_affected]': '300',
    account_id: 'acc-42',
  };

  it('requires a valid api_key (403)', async () => {
    expectJsonErrors(await postForm('/open311/v2/requests.json', form), 403);
    expectXmlErrors(
      await postForm('/open311/v2/requests.xml', { ...form, api_key: 'o311_wrong' }),
      403,
    );
  });

  it('files a form-encoded request as a trouble through the intake (JSON answer)', async () => {
    const res = await postForm('/open311/v2/requests.json', { ...form, api_key: apiKey });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json<Record<string, unknown>[]>();
    expect(body).toHaveLength(1);
    expect(Object.keys(body[0]!).sort()).toEqual([
      'account_id',
      'service_notice',
      'service_request_id',
    ]);
    expect(body[0]!.account_id).toBe('acc-42');
    created = String(body[0]!.service_request_id);
    const t = await database.db
      .selectFrom('troubles')
      .selectAll()
      .where('id', '=', created)
      .executeTakeFirstOrThrow();
    expect(t).toMatchObject({
      channel: 'open311',
      community_id: world.community.id,
      priority: 'P1',
      workers_affected: 300,
      reporter_type: 'worker',
      reporter_name: '周涛',
    });
    expect(t.reporter_phone_enc).not.toContain('13812345678');
    expect(t.body).toContain('地点：宝华工业园 3 号厂房');
    expect(String(body[0]!.service_notice)).toContain(t.code);
    expect(String(body[0]!.service_notice)).toContain('24小时内协调');
  });

  it('accepts a JSON body and answers <service_requests><request>… (XML)', async () => {
    const res = await built.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.xml',
      headers: { 'content-type': 'application/json' },
      payload: {
        api_key: apiKey,
        service_code: 'schooling.transfer',
        lat: 27.88,
        long: 113.85,
        description: '孩子下学期转学需要哪些材料',
        attribute: { workers_affected: '2' },
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const doc = xml.parse(res.body) as { service_requests: { request: Record<string, string>[] } };
    const r = doc.service_requests.request[0]!;
    expect(Object.keys(r).sort()).toEqual(['account_id', 'service_notice', 'service_request_id']);
    expect(r.account_id).toBe('');
    const t = await database.db
      .selectFrom('troubles')
      .select(['reporter_type', 'body'])
      .where('id', '=', r.service_request_id!)
      .executeTakeFirstOrThrow();
    expect(t.reporter_type).toBe('anonymous');
    expect(t.body).toContain('坐标：27.88,113.85');
  });

  it('is idempotent: a client retry returns the first request', async () => {
    const again = await postForm('/open311/v2/requests.json', { ...form, api_key: apiKey });
    expect(again.statusCode).toBe(201);
    expect(again.json<{ service_request_id: string }[]>()[0]!.service_request_id).toBe(created);
    const a = await postForm(
      '/open311/v2/requests.json',
      { ...form, description: '另一件事：宿舍漏水', api_key: apiKey },
      { 'idempotency-key': 'client-retry-0001' },
    );
    const b = await postForm(
      '/open311/v2/requests.json',
      { ...form, description: '另一件事：宿舍漏水', api_key: apiKey },
      { 'idempotency-key': 'client-retry-0001' },
    );
    expect(a.json<{ service_request_id: string }[]>()[0]!.service_request_id).toBe(
      b.json<{ service_request_id: string }[]>()[0]!.service_request_id,
    );
  });

  it('refuses a missing location, unknown service or bad attribute in Open311 format', async () => {
    const noPlace = { service_code: 'living.canteen', description: '没有地点', api_key: apiKey };
    expect(
      expectJsonErrors(await postForm('/open311/v2/requests.json', noPlace), 400)[0]!.description,
    ).toContain('lat');
    expectJsonErrors(
      await postForm('/open311/v2/requests.json', {
        ...noPlace,
        address_string: 'x',
        service_code: 'nope',
      }),
      404,
    );
    expectXmlErrors(
      await postForm('/open311/v2/requests.xml', {
        ...noPlace,
        address_string: 'x',
        'attribute[urgency]': 'tomorrow',
      }),
      400,
    );
    expectJsonErrors(
      await postForm('/open311/v2/requests.json', {
        ...noPlace,
        address_string: 'x',
        'attribute[colour]': 'red',
      }),
      400,
    );
    expectJsonErrors(
      await postForm('/open311/v2/requests.json', {
        ...noPlace,
        address_string: 'x',
        jurisdiction_id: 'another-community',
      }),
      404,
    );
    const ok = await postForm('/open311/v2/requests.json', {
      ...noPlace,
      address_string: 'x',
      jurisdiction_id: world.community.slug,
    });
    expect(ok.statusCode).toBe(201);
  });
});

describe('GET requests', () => {
  let openId: string;
  let oldId: string;

  beforeAll(async () => {
    const { trouble } = await built.services.intake({
      actor: users.staff.actor,
      body: {
        communityId: world.community.id,
        body: '去年冬天的宿舍供暖问题',
        categoryId: null,
        channel: 'visit',
        severity: 'minor',
        urgency: 'normal',
        workersAffected: 1,
        anonymous: true,
        attachmentIds: [],
        receivedAt: clock.now() - 120 * DAY,
      },
    });
    oldId = trouble.id;
    openId = created;
  });

  it('lists requests of the last 90 days with every GeoReport field and no personal data', async () => {
    const res = await get('/open311/v2/requests.json');
    expect(res.statusCode).toBe(200);
    const list = res.json<Record<string, unknown>[]>();
    expect(list.length).toBeGreaterThanOrEqual(3);
    expect(list.map((r) => r.service_request_id)).not.toContain(oldId);
    for (const r of list) {
      expect(Object.keys(r).sort()).toEqual(REQUEST_FIELDS);
      expect(['open', 'closed']).toContain(r.status);
      expect(r.requested_datetime).toMatch(ISO);
      expect(r.updated_datetime).toMatch(ISO);
    }
    const mine = list.find((r) => r.service_request_id === openId)!;
    expect(mine).toMatchObject({
      status: 'open',
      service_code: 'living.canteen',
      address: world.community.name,
      status_notes: null,
    });
    expect(res.body).not.toContain('13812345678');
    expect(res.body).not.toContain('周涛');
    expect(res.body).not.toContain('zhoutao');
    expect(String(mine.description)).toContain('138****5678');
  });

  it('filters by ids (overriding the rest), service_code, status and dates', async () => {
    const byIds = (
      await get(`/open311/v2/requests.json?service_request_id=${openId},${oldId}&status=closed`)
    ).json<{ service_request_id: string }[]>();
    expect(byIds.map((r) => r.service_request_id).sort()).toEqual([openId, oldId].sort());
    const schooling = (await get('/open311/v2/requests.json?service_code=schooling.transfer')).json<
      { service_code: string }[]
    >();
    expect(schooling.length).toBe(1);
    expect((await get('/open311/v2/requests.json?status=closed')).json<unknown[]>()).toEqual([]);
    const both = (
      await get(
        '/open311/v2/requests.json?service_code=living.canteen,schooling.transfer&status=open,closed',
      )
    ).json<{ service_code: string }[]>();
    expect(new Set(both.map((r) => r.service_code))).toEqual(
      new Set(['living.canteen', 'schooling.transfer']),
    );
    const zulu = new Date(clock.now() - 10 * DAY).toISOString().replace(/\.\d{3}Z$/, 'Z');
    expect((await get(`/open311/v2/requests.json?start_date=${zulu}`)).statusCode).toBe(200);
    const start = new Date(clock.now() - 125 * DAY).toISOString();
    const end = new Date(clock.now() - 100 * DAY).toISOString();
    const old = (await get(`/open311/v2/requests.json?start_date=${start}&end_date=${end}`)).json<
      { service_request_id: string }[]
    >();
    expect(old.map((r) => r.service_request_id)).toEqual([oldId]);
    const tooLong = new Date(clock.now() - 200 * DAY).toISOString();
    expectJsonErrors(
      await get(`/open311/v2/requests.json?start_date=${tooLong}&end_date=${end}`),
      400,
    );
    expectXmlErrors(await get('/open311/v2/requests.xml?start_date=yesterday'), 400);
  });

  it('reports closed with status notes once the linked problem is resolved', async () => {
    const problemId = await built.services.problems.createFromTroubles({
      actor: users.staff.actor,
      troubleIds: [openId],
      title: '夜班食堂热饭',
    });
    await built.services.problems.answer({
      actor: users.staff.actor,
      problemId,
      kind: 'resolve',
      text: '食堂已增设夜班窗口。',
      publicSummary: '食堂夜班窗口已开放至凌晨两点。',
    });
    const res = await get(`/open311/v2/requests/${openId}.json`);
    expect(res.statusCode).toBe(200);
    const [one] = res.json<Record<string, unknown>[]>();
    expect(one).toMatchObject({
      service_request_id: openId,
      status: 'closed',
      status_notes: '食堂夜班窗口已开放至凌晨两点。',
    });
    const x = xml.parse((await get(`/open311/v2/requests/${openId}.xml`)).body) as {
      service_requests: { request: Record<string, string>[] };
    };
    const r = x.service_requests.request[0]!;
    expect(Object.keys(r).sort()).toEqual(REQUEST_FIELDS);
    expect(r.status).toBe('closed');
    expect(r.lat).toBe('');
  });

  it('answers an unknown request with 404 (JSON and XML)', async () => {
    expectJsonErrors(await get('/open311/v2/requests/01HZZZZZZZZZZZZZZZZZZZZZZZ.json'), 404);
    expectXmlErrors(await get('/open311/v2/requests/01HZZZZZZZZZZZZZZZZZZZZZZZ.xml'), 404);
    expectJsonErrors(await get('/open311/v2/nothing.json'), 404);
  });
});

describe('API keys', () => {
  it('are admin-only, hashed at rest, revocable, and writes are rate-limited per key', async () => {
    const row = await database.db
      .selectFrom('open311_api_keys')
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(row.key_hash).not.toContain(apiKey);
    expect(apiKey.startsWith(row.key_prefix)).toBe(true);
    const staff = await login(built.app, users.staff.username);
    expect((await staff.get('/api/v1/admin/open311-keys')).statusCode).toBe(403);
    const list = await admin.get('/api/v1/admin/open311-keys');
    expect(list.body).not.toContain(apiKey);

    const extra = await admin.post('/api/v1/admin/open311-keys', {
      communityId: world.community.id,
      label: '限流测试',
    });
    const key = extra.json<{ id: string; key: string }>();
    let last = 0;
    for (let i = 0; i < 13; i++) {
      last = (
        await postForm('/open311/v2/requests.json', {
          service_code: 'living.canteen',
          address_string: 'x',
          description: `限流 ${i}`,
          api_key: key.key,
        })
      ).statusCode;
    }
    expect(last).toBe(429);
    expect((await admin.delete(`/api/v1/admin/open311-keys/${key.id}`)).statusCode).toBe(204);
    expect((await admin.delete(`/api/v1/admin/open311-keys/${key.id}`)).statusCode).toBe(404);
    // Creation and revocation are in the audit trail (target, who, the key's prefix, never the key).
    const trail = await database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_user_id', 'detail', 'outcome'])
      .where('target_type', '=', 'open311_api_key')
      .where('target_id', '=', key.id)
      .orderBy('seq')
      .execute();
    expect(trail.map((r) => [r.action, r.outcome])).toEqual([
      ['open311.key.create', 'success'],
      ['open311.key.revoke', 'success'],
    ]);
    expect(trail.every((r) => r.actor_user_id === users.admin.id)).toBe(true);
    expect(JSON.parse(trail[0]!.detail!)).toMatchObject({ label: '限流测试' });
    expect(trail.some((r) => (r.detail ?? '').includes(key.key))).toBe(false);
    clock.advance(2 * 60_000);
    expectJsonErrors(
      await postForm('/open311/v2/requests.json', {
        service_code: 'living.canteen',
        address_string: 'x',
        api_key: key.key,
      }),
      403,
    );
  });

  it('every Open311 route declares its access', () => {
    const routes = built.routeTable.filter((r) => r.url.startsWith('/open311/'));
    expect(routes.length).toBe(10);
    expect(routes.every((r) => r.access !== undefined)).toBe(true);
    expect(routes.filter((r) => r.method === 'POST').every((r) => r.access === 'apiKey')).toBe(
      true,
    );
  });
});
