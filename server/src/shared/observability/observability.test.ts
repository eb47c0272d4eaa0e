import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { testConfig } from '../../../test/build-test-app';
import { buildWorld } from '../../../test/factories';
import { createTestDatabase, type TestDatabase } from '../../../test/test-db';
import { buildApp, type BuiltApp } from '../../app';
import { enqueueJob } from '../jobs/job-queue';
import { lazyRequestLogger, loggerOptions, maskUrl } from './log-options';

const PHONE = '13912345678';
const PASSWORD = 'Very-Secret-Passw0rd';

let database: TestDatabase;
let built: BuiltApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
const lines: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  world = await buildWorld(database.db);
  built = await buildApp({
    config: testConfig(database.dataDir, { LOG_LEVEL: 'trace' }),
    database,
    logStream: { write: (line) => void lines.push(line) },
  });
  await built.app.ready();
});
afterAll(async () => {
  await built.app.close();
  await database.destroy();
});

describe('structured logs', () => {
  it('writes JSON lines with request ids and never a phone number or password in plain text', async () => {
    const created = await built.app.inject({
      method: 'POST',
      url: '/api/v1/troubles',
      headers: { 'idempotency-key': 'log-scan-0001', authorization: 'Bearer abc.def.ghi' },
      payload: {
        communityId: world.community.id,
        body: '宿舍没有热水，请帮忙联系房东。',
        anonymous: false,
        reporterName: '王五',
        reporterPhone: PHONE,
      },
    });
    expect(created.statusCode).toBe(201);
    const rejected = await built.app.inject({
      method: 'POST',
      url: '/api/v1/troubles',
      payload: { communityId: world.community.id, body: 'x', reporterPhone: PHONE, extra: 1 },
    });
    expect(rejected.statusCode).toBe(400);
    await built.app.inject({ method: 'GET', url: `/api/v1/track/BX-AAAAA-AAAAA?phone=${PHONE}` });
    await built.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'nobody', password: PASSWORD, phone: PHONE },
    });
    built.app.log.info({ body: { reporterPhone: PHONE, password: PASSWORD } }, 'app log');

    expect(lines.length).toBeGreaterThan(4);
    const entries = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const requestLines = entries.filter((e) => e.msg === 'incoming request');
    expect(requestLines.length).toBeGreaterThanOrEqual(4);
    expect(requestLines.every((e) => typeof e.reqId === 'string')).toBe(true);
    const all = lines.join('\n');
    expect(all).not.toContain(PHONE);
    expect(all).not.toContain(PASSWORD);
    expect(all).not.toContain('abc.def.ghi');
    expect(all).toContain('phone=[redacted]');
  });

  it('masks sensitive query parameters', () => {
    expect(maskUrl('/x?a=1&phone=139&idNumber=3601&token=t#f')).toBe(
      '/x?a=1&phone=[redacted]&idNumber=[redacted]&token=[redacted]#f',
    );
  });
});

describe('GET /metrics', () => {
  it('counts requests by route pattern, group-commit batches, job runs and problem gauges', async () => {
    await built.app.inject({ method: 'GET', url: '/healthz' });
    await enqueueJob(database.db, {
      kind: 'promise.overdue-sweep',
      dedupeKey: 'metrics-test-sweep',
      runAt: Date.now() - 1000,
      now: Date.now(),
    });
    expect(await built.jobs.runner.runDue(5)).toBeGreaterThan(0);

    const res = await built.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.body).toContain(
      'fannao_http_requests_total{method="POST",route="/api/v1/troubles",status="201"} 1',
    );
    expect(res.body).toContain(
      'fannao_http_requests_total{method="GET",route="/healthz",status="200"} 1',
    );
    expect(res.body).toMatch(/fannao_group_commit_batch_size_count [1-9]/);
    expect(res.body).toContain(
      'fannao_job_runs_total{kind="promise.overdue-sweep",outcome="done"} 1',
    );
    expect(res.body).toContain('fannao_problems_open 0');
    expect(res.body).toContain('fannao_problems_overdue{kind="coordination"} 0');
    expect(res.body).toMatch(/fannao_jobs_due\{state="queued"\} \d+/);
    expect(res.body).toContain('fannao_http_request_duration_seconds_bucket');
  });

  it('answers loopback clients only when no token is set', async () => {
    const res = await built.app.inject({
      method: 'GET',
      url: '/metrics',
      remoteAddress: '10.1.2.3',
    });
    expect(res.statusCode).toBe(403);
    expect(res.body).not.toContain('fannao_');
  });

  it('requires the bearer token when METRICS_TOKEN is set', async () => {
    const other = await buildApp({
      config: testConfig(database.dataDir, { METRICS_TOKEN: 'metrics-token-0123456789' }),
      database,
      logger: false,
    });
    try {
      expect((await other.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
      const wrong = await other.app.inject({
        method: 'GET',
        url: '/metrics',
        headers: { authorization: 'Bearer metrics-token-0123456780' },
      });
      expect(wrong.statusCode).toBe(401);
      const ok = await other.app.inject({
        method: 'GET',
        url: '/metrics',
        remoteAddress: '10.1.2.3',
        headers: { authorization: 'Bearer metrics-token-0123456789' },
      });
      expect(ok.statusCode).toBe(200);
      expect(ok.body).toContain('fannao_problems_open');
    } finally {
      await other.app.close();
    }
  });

  it('makes the request child on the first line written, with its id and redaction', () => {
    const written: string[] = [];
    const root = pino(loggerOptions({ level: 'warn' }), {
      write: (line: string) => void written.push(line),
    });
    const log = lazyRequestLogger(root, { reqId: 'req-1' }, {});
    expect(log.level).toBe('warn');
    log.info({ reporterPhone: PHONE }, 'below the level');
    log.debug('below the level');
    expect(written).toEqual([]);
    log.warn({ reporterPhone: PHONE, nested: { password: PASSWORD } }, 'written');
    log.child({ part: 'x' }).error('from a child');
    const entries = written.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(entries.map((e) => [e.msg, e.reqId])).toEqual([
      ['written', 'req-1'],
      ['from a child', 'req-1'],
    ]);
    expect(entries[1]!.part).toBe('x');
    expect(written.join('\n')).not.toContain(PHONE);
    expect(written.join('\n')).not.toContain(PASSWORD);
    log.level = 'info';
    log.info('now written');
    expect(written).toHaveLength(3);
    expect(root.level).toBe('warn');
  });
});
