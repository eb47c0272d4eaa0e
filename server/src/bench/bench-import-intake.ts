import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import type { Config } from '../config';
import { hashPassword } from '../modules/accounts';
import { newId } from '../shared/ids';
import { benchEnterpriseRows } from './bench-import-build';
import {
  createTarget,
  DEFAULT_PG_URL,
  repoRoot,
  seedIntakeWorld,
  type ServerChild,
  sleep,
  startProduct,
  waitJobsIdle,
  withDatabase,
} from './bench-support';

const execFileAsync = promisify(execFile);

/**
 * `npx fannao bench import --with-intake`: what a web import does to the server that runs it.
 * A product server (`fannao serve`, a child process) gets an N-row troubles XLSX uploaded over
 * HTTP by a staff account (POST /imports, then POST /imports/:id/commit), while a few clients
 * post troubles to the public intake (POST /troubles, each client one request at a time with a
 * pause between). Reported per stage — no import, dry run, commit —: intake latency p50/p99/max
 * and the server's resident memory (VmRSS sampled every 100 ms, and VmHWM at the end), and the
 * import's own durations. Each variant (server environment) runs on a fresh database, one after
 * the other in the same run. Never fails on figures; only on import or intake errors.
 */
export interface ImportIntakeOptions {
  rows: number;
  db: 'sqlite' | 'postgres';
  /** Concurrent intake clients. */
  clients: number;
  /** Pause of each client between its requests, ms. */
  pauseMs: number;
  /** Seconds of intake alone before the upload. */
  idleSec: number;
  /** Server environments to compare (name → extra env). */
  variants: Record<string, Record<string, string>>;
}

interface Latencies {
  ms: number[];
  /** When each request started (performance.now()), for FANNAO_BENCH_DEBUG. */
  at: number[];
  errors: number;
}

interface StageFigures {
  requests: number;
  errors: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Largest VmRSS sampled during the stage, MB. */
  rssMaxMb: number;
  seconds: number;
}

export interface VariantFigures {
  variant: string;
  idle: StageFigures;
  dryRun: StageFigures;
  commit: StageFigures;
  /** The server's peak RSS over its whole life (VmHWM), MB. */
  serverHwmMb: number;
  /** RSS after start-up and login, before any import, MB. */
  startRssMb: number;
  import: { good: number; bad: number; committed: number };
}

const PASSWORD = 'bench-import-Passw0rd!';

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0
    ? 0
    : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function procStatus(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const text = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text);
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** Intake clients that run until `stop()`; latencies are collected into the current bucket. */
function intakeLoad(url: string, communityId: string, clients: number, pauseMs: number) {
  let bucket: Latencies = { ms: [], at: [], errors: 0 };
  let running = true;
  let seq = 0;
  const prefix = `imp-${newId().toLowerCase().slice(-6)}-`;
  const client = async () => {
    while (running) {
      const n = seq++;
      const t0 = performance.now();
      const into = bucket;
      try {
        const res = await fetch(`${url}/api/v1/troubles`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': `${prefix}${n}` },
          body: JSON.stringify({
            communityId,
            body: `导入期间的烦恼第${n}条：车间夜班加班费没有按时发放，希望社区帮忙协调。`,
          }),
        });
        await res.arrayBuffer();
        if (res.status === 201 || res.status === 200) {
          into.ms.push(performance.now() - t0);
          into.at.push(t0);
        } else {
          into.errors++;
        }
      } catch {
        into.errors++;
      }
      await sleep(pauseMs);
    }
  };
  const done = Promise.all(Array.from({ length: clients }, client));
  return {
    /** Starts a new bucket and returns the previous one. */
    take(): Latencies {
      const b = bucket;
      bucket = { ms: [], at: [], errors: 0 };
      return b;
    },
    async stop() {
      running = false;
      await done;
    },
  };
}

/** Samples the server's VmRSS every 100 ms; `take()` returns the max since the last take. */
function rssSampler(pid: number) {
  let max = 0;
  const timer = setInterval(() => {
    max = Math.max(max, procStatus(pid, 'VmRSS'));
  }, 100);
  return {
    take() {
      const m = Math.max(max, procStatus(pid, 'VmRSS'));
      max = 0;
      return m;
    },
    stop: () => clearInterval(timer),
  };
}

function figures(l: Latencies, rssMaxMb: number, seconds: number): StageFigures {
  const sorted = [...l.ms].sort((a, b) => a - b);
  if (process.env.FANNAO_BENCH_DEBUG) {
    const start = l.at[0] ?? 0;
    const slow = l.ms
      .map((ms, i) => ({ ms: Math.round(ms), atMs: Math.round(l.at[i]! - start) }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 8);
    process.stderr.write(`slowest: ${JSON.stringify(slow)}\n`);
  }
  const r1 = (x: number) => Math.round(x * 10) / 10;
  return {
    requests: l.ms.length,
    errors: l.errors,
    p50Ms: r1(percentile(sorted, 50)),
    p99Ms: r1(percentile(sorted, 99)),
    maxMs: r1(sorted[sorted.length - 1] ?? 0),
    rssMaxMb: Math.round(rssMaxMb),
    seconds: r1(seconds),
  };
}

async function login(url: string, username: string) {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (res.status !== 200) {
    throw new Error(`login failed: ${res.status} ${await res.text()}`);
  }
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, csrfToken };
}

interface JobView {
  id: string;
  status: string;
  counts: { good: number; bad: number; skipped: number; committed: number };
  failure: unknown;
}

async function waitJob(
  url: string,
  auth: { cookie: string },
  id: string,
  until: string,
): Promise<JobView> {
  for (;;) {
    const res = await fetch(`${url}/api/v1/imports/${id}?errors=0`, {
      headers: { cookie: auth.cookie },
    });
    const view = (await res.json()) as JobView;
    if (view.status === until) {
      return view;
    }
    if (view.status === 'failed') {
      throw new Error(`import failed: ${JSON.stringify(view.failure)}`);
    }
    await sleep(250);
  }
}

async function runVariant(
  name: string,
  env: Record<string, string>,
  input: { file: string; opts: ImportIntakeOptions; baseDir: string; pgUrl: string },
): Promise<VariantFigures> {
  const { opts } = input;
  const target = await createTarget({
    kind: opts.db,
    baseDir: input.baseDir,
    name: `import-${name.replace(/[^a-z0-9]+/gi, '-').slice(0, 20)}`,
    pgUrl: input.pgUrl,
  });
  let server: ServerChild | null = null;
  try {
    const world = await seedIntakeWorld(target.settings);
    const username = `bench-staff-${newId().toLowerCase().slice(-6)}`;
    await withDatabase(target.settings, async ({ db }) => {
      const now = Date.now();
      await db
        .insertInto('enterprises')
        .values(benchEnterpriseRows(world.communityId, now))
        .execute();
      await db
        .insertInto('users')
        .values({
          id: newId(),
          username,
          display_name: '导入基准',
          password_hash: await hashPassword(PASSWORD),
          role: 'staff',
          county_id: world.countyId,
          community_id: world.communityId,
          enterprise_id: null,
          department_id: null,
          phone_enc: null,
          active: 1,
          must_change_password: 0,
          failed_logins: 0,
          locked_until: null,
          password_changed_at: now,
          created_at: now,
          updated_at: now,
        })
        .execute();
    });
    server = await startProduct({
      INTAKE_RATE_PER_MINUTE: '1000000',
      LOG_LEVEL: 'warn',
      ...target.env,
      ...env,
    });
    const pid = server.child.pid!;
    await waitJobsIdle(target.settings);
    const auth = await login(server.url, username);
    const startRssMb = procStatus(pid, 'VmRSS');
    const rss = rssSampler(pid);
    const load = intakeLoad(server.url, world.communityId, opts.clients, opts.pauseMs);
    try {
      let t = performance.now();
      await sleep(opts.idleSec * 1000);
      const idle = figures(load.take(), rss.take(), (performance.now() - t) / 1000);

      t = performance.now();
      const form = new FormData();
      form.append('file', new Blob([fs.readFileSync(input.file)]), 'ledger.xlsx');
      const up = await fetch(`${server.url}/api/v1/imports?kind=troubles`, {
        method: 'POST',
        headers: { cookie: auth.cookie, 'x-csrf-token': auth.csrfToken },
        body: form,
      });
      if (up.status !== 202) {
        throw new Error(`upload failed: ${up.status} ${await up.text()}`);
      }
      const { id } = (await up.json()) as JobView;
      const validated = await waitJob(server.url, auth, id, 'validated');
      const dryRun = figures(load.take(), rss.take(), (performance.now() - t) / 1000);

      t = performance.now();
      const c = await fetch(`${server.url}/api/v1/imports/${id}/commit`, {
        method: 'POST',
        headers: { cookie: auth.cookie, 'x-csrf-token': auth.csrfToken },
      });
      if (c.status !== 202) {
        throw new Error(`commit failed: ${c.status} ${await c.text()}`);
      }
      const committed = await waitJob(server.url, auth, id, 'committed');
      const commit = figures(load.take(), rss.take(), (performance.now() - t) / 1000);
      return {
        variant: name,
        idle,
        dryRun,
        commit,
        serverHwmMb: Math.round(procStatus(pid, 'VmHWM')),
        startRssMb: Math.round(startRssMb),
        import: {
          good: validated.counts.good,
          bad: validated.counts.bad,
          committed: committed.counts.committed,
        },
      };
    } finally {
      await load.stop();
      rss.stop();
    }
  } finally {
    await server?.stop();
    await target.cleanup();
  }
}

/** The server environments compared by default (same run, one after the other). */
export const DEFAULT_VARIANTS: Record<string, Record<string, string>> = {
  'fixed 5,000-row batches (before)': { IMPORT_BATCHES: 'fixed' },
  'adaptive batches (after)': {},
  'adaptive, server heap bound 384 MB': { NODE_OPTIONS: '--max-old-space-size=384' },
};

export async function benchImportIntake(
  config: Config,
  input: Pick<ImportIntakeOptions, 'rows' | 'db' | 'clients'> &
    Partial<ImportIntakeOptions> & { json?: boolean },
) {
  const opts: ImportIntakeOptions & { json?: boolean } = {
    pauseMs: 100,
    idleSec: 5,
    variants: DEFAULT_VARIANTS,
    ...input,
  };
  const pgUrl =
    config.db.client === 'postgres'
      ? config.db.url
      : (process.env.TEST_DATABASE_URL ?? DEFAULT_PG_URL);
  const baseDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fannao-bench-import-intake-'));
  const say = (s: string) => {
    if (!opts.json) {
      process.stdout.write(`${s}\n`);
    }
  };
  try {
    const file = path.join(baseDir, 'ledger.xlsx');
    await execFileAsync(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join(repoRoot, 'server/src/bench/bench-import-build.ts'),
        file,
        String(opts.rows),
      ],
      { cwd: repoRoot },
    );
    say(
      `bench import --with-intake · ${opts.db} · ${opts.rows.toLocaleString('en')} rows uploaded over HTTP · ${opts.clients} intake clients, ${opts.pauseMs} ms pause · load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
    const results: VariantFigures[] = [];
    for (const [name, env] of Object.entries(opts.variants)) {
      const r = await runVariant(name, env, { file, opts, baseDir, pgUrl });
      results.push(r);
      const line = (stage: string, f: StageFigures) =>
        `  ${stage.padEnd(8)} ${f.seconds.toFixed(1).padStart(5)} s  intake ${String(f.requests).padStart(5)} req  p50 ${f.p50Ms.toFixed(1).padStart(6)} ms  p99 ${f.p99Ms.toFixed(1).padStart(7)} ms  max ${f.maxMs.toFixed(0).padStart(5)} ms  errors ${f.errors}  server RSS max ${f.rssMaxMb} MB`;
      say(`${name} (server env ${JSON.stringify(env)}):`);
      say(line('idle', r.idle));
      say(line('dry run', r.dryRun));
      say(line('commit', r.commit));
      say(
        `  server RSS after start ${r.startRssMb} MB, peak (VmHWM) ${r.serverHwmMb} MB · import ${r.import.good} good, ${r.import.bad} bad, ${r.import.committed} committed`,
      );
    }
    const summary = {
      db: opts.db,
      rows: opts.rows,
      clients: opts.clients,
      pauseMs: opts.pauseMs,
      loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
      variants: results,
    };
    if (opts.json) {
      process.stdout.write(`${JSON.stringify(summary)}\n`);
    }
    if (results.some((r) => r.idle.errors + r.dryRun.errors + r.commit.errors > 0)) {
      process.exitCode = 1;
    }
    return summary;
  } finally {
    fs.rmSync(baseDir, { recursive: true, force: true });
  }
}
