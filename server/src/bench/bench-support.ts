import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import pg from 'pg';

import { prepareDatabase } from '../bootstrap';
import { createDatabase, type Database, type DbSettings } from '../db/database';
import { ensureCommunitySettings } from '../modules/promise';
import { systemClock } from '../shared/clock';
import { newId } from '../shared/ids';

/** The repository root (bin/fannao.mjs lives there). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export const DEFAULT_PG_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * A fresh, empty database for one benchmark server: a new folder under `baseDir` (SQLite), or a
 * new PostgreSQL database created next to `pgUrl` and dropped by `cleanup`.
 */
export interface BenchTarget {
  name: string;
  dataDir: string;
  settings: DbSettings;
  /** Environment of a server child process using this database. */
  env: Record<string, string>;
  cleanup(): Promise<void>;
}

export async function createTarget(input: {
  kind: 'sqlite' | 'postgres';
  baseDir: string;
  name: string;
  pgUrl: string;
}): Promise<BenchTarget> {
  const dataDir = path.join(input.baseDir, input.name);
  fs.mkdirSync(dataDir, { recursive: true });
  if (input.kind === 'sqlite') {
    return {
      name: input.name,
      dataDir,
      settings: { client: 'sqlite', file: path.join(dataDir, 'fannao.sqlite') },
      env: { DATA_DIR: dataDir },
      cleanup: () => Promise.resolve(),
    };
  }
  const dbName = `fannao_${input.name.replace(/[^a-z0-9]/gi, '_')}_${newId().toLowerCase().slice(-8)}`;
  await adminQuery(input.pgUrl, `create database ${dbName}`);
  const url = new URL(input.pgUrl);
  url.pathname = `/${dbName}`;
  return {
    name: input.name,
    dataDir,
    settings: { client: 'postgres', url: url.toString() },
    env: { DATA_DIR: dataDir, DATABASE_URL: url.toString() },
    cleanup: () => adminQuery(input.pgUrl, `drop database if exists ${dbName} with (force)`),
  };
}

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** Migrates a fresh database and adds one county with one community for intake. */
export async function seedIntakeWorld(
  settings: DbSettings,
): Promise<{ countyId: string; communityId: string }> {
  const database = createDatabase(settings);
  try {
    await prepareDatabase(database, systemClock);
    const now = Date.now();
    const countyId = newId();
    const communityId = newId();
    await database.db
      .insertInto('counties')
      .values({ id: countyId, name: '压测县', code: 'bench', created_at: now })
      .execute();
    await database.db
      .insertInto('communities')
      .values({
        id: communityId,
        county_id: countyId,
        slug: 'bench',
        name: '压测社区',
        code_prefix: 'BX',
        created_at: now,
      })
      .execute();
    await ensureCommunitySettings(database.db, communityId, now);
    return { countyId, communityId };
  } finally {
    await database.close();
  }
}

export async function withDatabase<T>(
  settings: DbSettings,
  fn: (database: Database) => Promise<T>,
): Promise<T> {
  const database = createDatabase(settings);
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

/**
 * Waits (at most `maxMs`) until a server has no due job queued or running, so that the catch-up
 * jobs of a fresh start (reports, sweeps) do not run during a measurement.
 */
export async function waitJobsIdle(settings: DbSettings, maxMs = 60_000): Promise<void> {
  await withDatabase(settings, async (database) => {
    const until = Date.now() + maxMs;
    while (Date.now() < until) {
      const busy = await database.db
        .selectFrom('jobs')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('state', 'in', ['queued', 'running'])
        .where('run_at', '<=', Date.now())
        .executeTakeFirstOrThrow();
      if (Number(busy.n) === 0) {
        return;
      }
      await sleep(200);
    }
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface ServerChild {
  url: string;
  child: ChildProcess;
  /** Resolves with the exit code (or the signal name). */
  exited: Promise<number | string>;
  /** The last lines the child wrote to stderr (for error messages). */
  stderrTail(): string;
  /** SIGTERM, then SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<number | string>;
}

/**
 * Starts a server child process on a free loopback port and waits until GET `readyPath` answers
 * 200. `args` run with the repository's TypeScript loader (tsx), like bin/fannao.mjs does.
 */
export async function startChild(input: {
  args: string[];
  env: Record<string, string>;
  readyPath?: string;
  readyTimeoutMs?: number;
  port?: number;
}): Promise<ServerChild> {
  const port = input.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, input.args, {
    cwd: repoRoot,
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_URL: url,
      TZ: 'UTC',
      ...input.env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let tail = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  let gone = false;
  void exited.then(() => {
    gone = true;
  });
  const until = Date.now() + (input.readyTimeoutMs ?? 60_000);
  for (;;) {
    if (gone) {
      throw new Error(`server exited before it was ready: ${tail}`);
    }
    try {
      const res = await fetch(`${url}${input.readyPath ?? '/readyz'}`);
      if (res.ok) {
        break;
      }
    } catch {
      // not listening yet
    }
    if (Date.now() > until) {
      child.kill('SIGKILL');
      throw new Error(`server did not become ready: ${tail}`);
    }
    await sleep(50);
  }
  return {
    url,
    child,
    exited,
    stderrTail: () => tail,
    async stop(graceMs = 10_000) {
      if (!gone) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        const code = await exited;
        clearTimeout(timer);
        return code;
      }
      return exited;
    },
  };
}

/** The product server (`fannao serve`) as a child process. */
export function startProduct(env: Record<string, string>, port?: number): Promise<ServerChild> {
  return startChild({
    args: [path.join(repoRoot, 'bin/fannao.mjs'), 'serve'],
    env: { LOG_LEVEL: 'warn', ...env },
    port,
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A small deterministic PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The disk's sync rate: 4 KiB writes each followed by fdatasync on a temp file in `dir`, for
 * `ms` milliseconds (what one durable commit costs at least).
 */
export function measureSyncRate(dir: string, ms: number): number {
  const file = path.join(dir, `fsync-probe-${process.pid}.tmp`);
  const fd = fs.openSync(file, 'w');
  const block = Buffer.alloc(4096, 7);
  let syncs = 0;
  const started = performance.now();
  try {
    while (performance.now() - started < ms) {
      fs.writeSync(fd, block, 0, block.length, (syncs % 16) * 4096);
      fs.fdatasyncSync(fd);
      syncs++;
    }
  } finally {
    fs.closeSync(fd);
    fs.rmSync(file, { force: true });
  }
  return syncs / ((performance.now() - started) / 1000);
}
