import { timingSafeEqual } from 'node:crypto';

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

import type { DB } from '../../db/schema';
import type { Clock } from '../clock';

const ACTIVE_PROBLEM = ['open', 'dispatched', 'in_progress'] as const;

/**
 * Prometheus metrics of one app instance (its own registry: several apps in one process — the
 * tests — never share counters). Gauges that describe the database (open and overdue problems,
 * due jobs) are read at scrape time, so every instance behind a proxy reports the same figures.
 */
export function createMetrics(deps: { db: Kysely<DB>; clock: Clock }) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'fannao_process_' });
  const registers = [registry];
  const httpRequests = new Counter({
    name: 'fannao_http_requests_total',
    help: 'HTTP requests answered, by route pattern, method and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers,
  });
  const httpDuration = new Histogram({
    name: 'fannao_http_request_duration_seconds',
    help: 'HTTP request latency, by route pattern, method and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  });
  const jobRuns = new Counter({
    name: 'fannao_job_runs_total',
    help: 'Background job runs, by kind and outcome (done, failed)',
    labelNames: ['kind', 'outcome'] as const,
    registers,
  });
  const jobDuration = new Histogram({
    name: 'fannao_job_duration_seconds',
    help: 'Background job run time, by kind',
    labelNames: ['kind'] as const,
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300],
    registers,
  });
  const commitBatch = new Histogram({
    name: 'fannao_group_commit_batch_size',
    help: 'Intake items committed per transaction (group commit)',
    buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024],
    registers,
  });
  new Gauge({
    name: 'fannao_problems_open',
    help: 'Problems open, dispatched or in progress (all communities)',
    registers,
    async collect() {
      const r = await deps.db
        .selectFrom('problems')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', 'in', [...ACTIVE_PROBLEM])
        .executeTakeFirstOrThrow();
      this.set(Number(r.n));
    },
  });
  new Gauge({
    name: 'fannao_problems_overdue',
    help: 'Active problems flagged overdue (逾期), by missed deadline',
    labelNames: ['kind'] as const,
    registers,
    async collect() {
      const rows = await deps.db
        .selectFrom('problems')
        .select(['overdue_kind'])
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', 'in', [...ACTIVE_PROBLEM])
        .where('overdue_kind', 'is not', null)
        .groupBy('overdue_kind')
        .execute();
      this.reset();
      this.set({ kind: 'coordination' }, 0);
      this.set({ kind: 'resolution' }, 0);
      for (const r of rows) {
        this.set({ kind: r.overdue_kind! }, Number(r.n));
      }
    },
  });
  new Gauge({
    name: 'fannao_jobs_due',
    help: 'Jobs queued and due, or running (queue depth), by state',
    labelNames: ['state'] as const,
    registers,
    async collect() {
      const now = deps.clock.now();
      const queued = await deps.db
        .selectFrom('jobs')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('state', '=', 'queued')
        .where('run_at', '<=', now)
        .executeTakeFirstOrThrow();
      const running = await deps.db
        .selectFrom('jobs')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('state', '=', 'running')
        .executeTakeFirstOrThrow();
      this.set({ state: 'queued' }, Number(queued.n));
      this.set({ state: 'running' }, Number(running.n));
    },
  });

  return {
    registry,
    commitBatch: (size: number) => commitBatch.observe(size),
    jobRun: (kind: string, outcome: 'done' | 'failed', ms: number) => {
      jobRuns.inc({ kind, outcome });
      jobDuration.observe({ kind }, ms / 1000);
    },
    request(req: FastifyRequest, reply: FastifyReply) {
      const labels = {
        method: req.method,
        // the route pattern (/api/v1/problems/:id), never the raw URL: bounded label values
        route: req.routeOptions.url ?? 'unmatched',
        status: String(reply.statusCode),
      };
      httpRequests.inc(labels);
      httpDuration.observe(labels, reply.elapsedTime / 1000);
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * GET /metrics. With METRICS_TOKEN set, only `Authorization: Bearer <token>` is answered (from
 * anywhere); without it only loopback clients are (req.ip: behind a trusted proxy that is the
 * forwarded client address, so the proxy cannot expose /metrics by accident).
 */
export function registerMetricsRoute(
  app: FastifyInstance,
  input: { metrics: Metrics; token: string | null },
): void {
  app.get('/metrics', { schema: { hide: true } }, async (req, reply) => {
    if (!allowed(req, input.token)) {
      return reply
        .code(input.token ? 401 : 403)
        .header('content-type', 'text/plain; charset=utf-8')
        .send(input.token ? 'bearer token required\n' : 'metrics are served to loopback only\n');
    }
    const body = await input.metrics.registry.metrics();
    return reply.header('content-type', input.metrics.registry.contentType).send(body);
  });
}

function allowed(req: FastifyRequest, token: string | null): boolean {
  if (!token) {
    return LOOPBACK.has(req.ip);
  }
  const header = req.headers.authorization ?? '';
  const expected = Buffer.from(`Bearer ${token}`);
  const given = Buffer.from(header);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
