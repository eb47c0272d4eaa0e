import fs from 'node:fs';
import path from 'node:path';

import autocannon from 'autocannon';
import { sql } from 'kysely';

import type { Config } from '../config';
import { createDatabase, type DbSettings } from '../db/database';
import { newId } from '../shared/ids';
import {
  type BenchTarget,
  createTarget,
  DEFAULT_PG_URL,
  freePort,
  measureSyncRate,
  repoRoot,
  seedIntakeWorld,
  type ServerChild,
  startChild,
  startProduct,
  waitJobsIdle,
} from './bench-support';

export interface BenchIntakeOptions {
  db: 'sqlite' | 'postgres';
  durationSec: number;
  connections: number[];
  /** Small and quick (CI): no warm-up, short sync probe. */
  smoke: boolean;
  json: boolean;
  keep: boolean;
}

interface RunFigures {
  server: 'product' | 'naive' | 'reference';
  connections: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  acknowledged: number;
  rowsFound: number;
  lost: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

/** Settings every server child gets: intake not rate-limited (one client IP), jobs as usual. */
const CHILD_ENV = { INTAKE_RATE_PER_MINUTE: '1000000', LOG_LEVEL: 'warn' };

/**
 * `npx fannao bench intake`: the product's POST /api/v1/troubles over loopback, against (a) the
 * same product with INTAKE_COMMIT=per-request (one transaction per request), (b) the bare
 * reference server (bench/reference-server.ts) and (c) the disk's sync rate, all in one run and
 * interleaved, because this machine's disk speed drifts. Prints figures and ratios; never fails
 * on throughput — only on errors or lost acknowledgements (exit code 1).
 */
export async function benchIntake(config: Config, opts: BenchIntakeOptions) {
  const pgUrl =
    config.db.client === 'postgres'
      ? config.db.url
      : (process.env.TEST_DATABASE_URL ?? DEFAULT_PG_URL);
  const baseDir = path.join(config.dataDir, `bench-intake-${newId().toLowerCase()}`);
  fs.mkdirSync(baseDir, { recursive: true });
  const say = (s: string) => {
    if (!opts.json) {
      process.stdout.write(`${s}\n`);
    }
  };
  const targets: BenchTarget[] = [];
  const children: ServerChild[] = [];
  try {
    const syncBefore = measureSyncRate(baseDir, opts.smoke ? 300 : 1000);
    say(
      `bench intake · ${opts.db} · ${opts.durationSec} s per run · disk ${syncBefore.toFixed(0)} syncs/s`,
    );
    const product = await createTarget({ kind: opts.db, baseDir, name: 'product', pgUrl });
    const naive = await createTarget({ kind: opts.db, baseDir, name: 'naive', pgUrl });
    const reference = await createTarget({ kind: opts.db, baseDir, name: 'reference', pgUrl });
    targets.push(product, naive, reference);
    const [world, naiveWorld] = await Promise.all([
      seedIntakeWorld(product.settings),
      seedIntakeWorld(naive.settings),
    ]);
    const referencePort = await freePort();
    // Started together (start-up dominates short runs); stopped in `finally` even if one fails.
    const started = await Promise.allSettled([
      startProduct({ ...CHILD_ENV, ...product.env, INTAKE_COMMIT: 'group' }),
      startProduct({ ...CHILD_ENV, ...naive.env, INTAKE_COMMIT: 'per-request' }),
      startChild({
        args: [
          '--import',
          'tsx',
          path.join(repoRoot, 'server/src/bench/reference-server.ts'),
          '--port',
          String(referencePort),
          ...(reference.settings.client === 'sqlite'
            ? ['--sqlite', reference.settings.file]
            : ['--pg', reference.settings.url]),
          '--max-wait',
          String(config.groupCommit.maxWaitMs),
          '--max-batch',
          String(config.groupCommit.maxBatch),
        ],
        env: {},
        port: referencePort,
      }),
    ]);
    for (const s of started) {
      if (s.status === 'fulfilled') {
        children.push(s.value);
      }
    }
    const [productServer, naiveServer, referenceServer] = started.map((s) => {
      if (s.status === 'rejected') {
        throw s.reason;
      }
      return s.value;
    }) as [ServerChild, ServerChild, ServerChild];
    const servers = { product: productServer, naive: naiveServer, reference: referenceServer };
    const community = {
      product: world.communityId,
      naive: naiveWorld.communityId,
      reference: world.communityId,
    };
    const settings = {
      product: product.settings,
      naive: naive.settings,
      reference: reference.settings,
    };

    await Promise.all([waitJobsIdle(product.settings), waitJobsIdle(naive.settings)]);
    if (!opts.smoke) {
      for (const name of ['product', 'naive', 'reference'] as const) {
        await drive(servers[name].url, community[name], `warm-${name}`, 8, 1);
      }
    }
    const runs: RunFigures[] = [];
    for (const connections of opts.connections) {
      for (const name of ['product', 'reference', 'naive'] as const) {
        const prefix = `${name}-${connections}-${newId().toLowerCase().slice(-6)}-`;
        const result = await drive(
          servers[name].url,
          community[name],
          prefix,
          connections,
          opts.durationSec,
        );
        const stored = await storedIds(settings[name], name === 'reference', prefix);
        const lost = [...result.ackedIds].filter((id) => !stored.has(id)).length;
        const figures: RunFigures = {
          server: name,
          connections,
          rps: result.acknowledged / result.seconds,
          p50Ms: result.p50,
          p99Ms: result.p99,
          acknowledged: result.acknowledged,
          rowsFound: stored.size,
          lost,
          non2xx: result.non2xx,
          errors: result.errors,
          timeouts: result.timeouts,
        };
        runs.push(figures);
        say(
          `${name.padEnd(9)} c=${String(connections).padStart(2)}  ${figures.rps.toFixed(0).padStart(6)} req/s  p50 ${figures.p50Ms.toFixed(1).padStart(6)} ms  p99 ${figures.p99Ms.toFixed(1).padStart(6)} ms  acknowledged ${figures.acknowledged}  rows found ${figures.rowsFound}  lost ${lost}  non-2xx ${figures.non2xx}  errors ${figures.errors}  timeouts ${figures.timeouts}`,
        );
      }
    }
    const syncAfter = measureSyncRate(baseDir, opts.smoke ? 300 : 1000);
    const pick = (server: RunFigures['server'], c: number) =>
      runs.find((r) => r.server === server && r.connections === c);
    const [c1 = 16, c2 = 64] = opts.connections;
    const figure = (server: RunFigures['server'], c: number, key: 'rps' | 'p99Ms') =>
      round(pick(server, c)?.[key] ?? 0);
    const errors = runs.reduce((s, r) => s + r.non2xx + r.errors + r.timeouts, 0);
    const lost = runs.reduce((s, r) => s + r.lost, 0);
    const ratios = opts.connections.map((c) => {
      const p = pick('product', c)!;
      const ref = pick('reference', c)!;
      const nv = pick('naive', c)!;
      return {
        connections: c,
        vsReference: round(p.rps / ref.rps),
        vsNaive: round(p.rps / nv.rps),
        p99VsReference: round(p.p99Ms / ref.p99Ms),
      };
    });
    const summary = {
      db: opts.db,
      durationSec: opts.durationSec,
      rps16: figure('product', c1, 'rps'),
      rps64: figure('product', c2, 'rps'),
      p99Ms16: figure('product', c1, 'p99Ms'),
      p99Ms64: figure('product', c2, 'p99Ms'),
      naiveRps16: figure('naive', c1, 'rps'),
      naiveRps64: figure('naive', c2, 'rps'),
      refRps16: figure('reference', c1, 'rps'),
      refRps64: figure('reference', c2, 'rps'),
      refP99Ms16: figure('reference', c1, 'p99Ms'),
      refP99Ms64: figure('reference', c2, 'p99Ms'),
      syncsPerSecond: round((syncBefore + syncAfter) / 2),
      syncsPerSecondBefore: round(syncBefore),
      syncsPerSecondAfter: round(syncAfter),
      errors,
      lost,
      ratios,
      targetsMet: ratios.every(
        (r) => r.vsReference >= 0.5 && r.vsNaive >= 3 && r.p99VsReference <= 4,
      ),
      runs: runs.map((r) => ({
        ...r,
        rps: round(r.rps),
        p50Ms: round(r.p50Ms),
        p99Ms: round(r.p99Ms),
      })),
    };
    say(`disk ${syncBefore.toFixed(0)} → ${syncAfter.toFixed(0)} syncs/s (before → after)`);
    for (const r of ratios) {
      say(
        `c=${r.connections}: product/reference ${r.vsReference.toFixed(2)}× (target ≥ 0.5) ${r.vsReference >= 0.5 ? 'met' : 'NOT met'} · product/naive ${r.vsNaive.toFixed(2)}× (target ≥ 3) ${r.vsNaive >= 3 ? 'met' : 'NOT met'} · p99 product/reference ${r.p99VsReference.toFixed(2)}× (target ≤ 4) ${r.p99VsReference <= 4 ? 'met' : 'NOT met'}`,
      );
    }
    say(
      `errors ${errors} (non-2xx + connection errors + timeouts; must be 0) · lost ${lost} (must be 0)`,
    );
    if (opts.json) {
      process.stdout.write(`${JSON.stringify(summary)}\n`);
    }
    if (errors > 0 || lost > 0) {
      process.exitCode = 1;
    }
    return summary;
  } finally {
    await Promise.all(children.map((c) => c.stop()));
    if (!opts.keep) {
      for (const t of targets) {
        await t.cleanup();
      }
      fs.rmSync(baseDir, { recursive: true, force: true });
    }
  }
}

function round(x: number): number {
  return Number.isFinite(x) ? Math.round(x * 100) / 100 : 0;
}

/** Drives POST /api/v1/troubles with a unique Idempotency-Key per request. */
async function drive(
  url: string,
  communityId: string,
  prefix: string,
  connections: number,
  durationSec: number,
) {
  let seq = 0;
  const ackedIds = new Set<string>();
  const result = await autocannon({
    url,
    connections,
    duration: durationSec,
    timeout: 10,
    requests: [
      {
        method: 'POST',
        path: '/api/v1/troubles',
        setupRequest: (req) => {
          const n = seq++;
          return {
            ...req,
            headers: {
              'content-type': 'application/json',
              'idempotency-key': `${prefix}${n}`,
            },
            body: JSON.stringify({
              communityId,
              body: `压测烦恼第${n}条：车间夜班加班费没有按时发放，希望社区帮忙协调。`,
            }),
          };
        },
        onResponse: (status, body) => {
          if (status === 201 || status === 200) {
            ackedIds.add((JSON.parse(body) as { id: string }).id);
          }
        },
      },
    ],
  });
  return {
    acknowledged: ackedIds.size,
    ackedIds,
    seconds: result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

/** Ids of the rows stored under one run's key prefix. */
async function storedIds(
  settings: DbSettings,
  reference: boolean,
  prefix: string,
): Promise<Set<string>> {
  const database = createDatabase(settings);
  try {
    const table = reference ? 'ref_troubles' : 'troubles';
    const rows = await sql<{
      id: string;
    }>`select id from ${sql.table(table)} where idempotency_key like ${`${prefix}%`}`.execute(
      database.db,
    );
    return new Set(rows.rows.map((r) => r.id));
  } finally {
    await database.close();
  }
}
