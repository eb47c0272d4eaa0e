import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const root = path.resolve(import.meta.dirname, '..');

/** Builds web/dist when it is missing or older than its sources (scripts/ensure-web.mjs). */
export function ensureWebBuilt(): void {
  const result = spawnSync(process.execPath, [path.join(root, 'scripts/ensure-web.mjs')], {
    cwd: root,
    stdio: 'inherit',
    timeout: 240_000,
  });
  if (result.status !== 0) {
    throw new Error(`building the web app failed (exit ${String(result.status)})`);
  }
}

export interface RunningServer {
  url: string;
  /** The last lines the server printed (for failure messages). */
  output: () => string;
  stop: () => Promise<void>;
}

async function waitReady(url: string, child: ChildProcess, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (child.exitCode !== null) {
      throw new Error(`the server exited with code ${child.exitCode} before it was ready`);
    }
    try {
      if ((await fetch(`${url}/readyz`)).ok) {
        return;
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the server at ${url} was not ready within ${ms / 1000} s`);
}

/**
 * `node bin/fannao.mjs start` on a fresh SQLite data dir and a random port (demo loaded);
 * `env` adds or overrides settings (e.g. `JOBS_ENABLED: 'false'` for a quiet benchmark).
 */
export async function startServer(
  options: { env?: Record<string, string> } = {},
): Promise<RunningServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fannao-e2e-'));
  const port = 43000 + Math.floor(Math.random() * 2000);
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: url,
    LOG_LEVEL: 'warn',
    TEST_DB: '',
    ...options.env,
  };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, [path.join(root, 'bin/fannao.mjs'), 'start'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    await waitReady(url, child, 120_000);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n--- server output ---\n${output}`);
  }
  return { url, output: () => output, stop };
}
