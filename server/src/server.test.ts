import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

async function waitReady(url: string, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      if ((await fetch(`${url}/readyz`)).ok) {
        return;
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not become ready');
}

/** `npx fannao start` on a fresh SQLite data folder and a random port, in its own process. */
function startServer(prefix: string, basePort: number, env: Record<string, string> = {}) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const port = basePort + Math.floor(Math.random() * 2000);
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [path.join(root, 'bin/fannao.mjs'), 'start'], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      PUBLIC_URL: url,
      LOG_LEVEL: 'warn',
      TEST_DB: '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { dataDir, url, child, exited };
}

describe('graceful shutdown (real process, SQLite)', () => {
  it('finishes in-flight intake on SIGTERM, exits 0, and every acknowledged trouble is stored', async () => {
    const { dataDir, url, child, exited } = startServer('fannao-sigterm-', 41000, {
      INTAKE_RATE_PER_MINUTE: '100000',
    });
    try {
      await waitReady(url, 60_000);
      const community = (await (await fetch(`${url}/api/v1/public/communities/baohua`)).json()) as {
        id: string;
      };
      const send = (i: number) =>
        fetch(`${url}/api/v1/troubles`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': `sigterm-${i}-key` },
          body: JSON.stringify({ communityId: community.id, body: `关停测试第${i}条` }),
        }).then(
          (r) => r.status,
          () => 0,
        );
      const inFlight = Array.from({ length: 40 }, (_, i) => send(i));
      await Promise.race(inFlight); // the server is busy with the rest when the signal comes
      child.kill('SIGTERM');
      const statuses = await Promise.all(inFlight);
      expect(await exited).toBe(0);
      const acknowledged = statuses.filter((s) => s === 201).length;
      expect(acknowledged).toBeGreaterThan(0);
      expect(statuses.every((s) => s === 201 || s === 0 || s === 503)).toBe(true);
      const db = new SQLite(path.join(dataDir, 'fannao.sqlite'), { readonly: true });
      const stored = db
        .prepare("select count(*) as n from troubles where idempotency_key like 'sigterm-%'")
        .get() as { n: number };
      db.close();
      expect(stored.n).toBe(acknowledged);
    } finally {
      child.kill('SIGKILL');
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 90_000);

  it('lets the job in hand finish on SIGTERM and leaves no job claimed', async () => {
    const { dataDir, url, child, exited } = startServer('fannao-sigterm-job-', 43000);
    try {
      await waitReady(url, 60_000);
      // The scheduler enqueues the catch-up jobs of a fresh start (sweep, early warning, the
      // monthly reports); SIGTERM goes out as soon as one of them is running.
      const file = path.join(dataDir, 'fannao.sqlite');
      let running: { id: string; kind: string } | undefined;
      const until = Date.now() + 45_000;
      while (!running && Date.now() < until) {
        const db = new SQLite(file, { readonly: true });
        running = db.prepare("select id, kind from jobs where state = 'running'").get() as
          { id: string; kind: string } | undefined;
        db.close();
        if (!running) {
          await new Promise((r) => setTimeout(r, 10));
        }
      }
      expect(running).toBeDefined();
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      const db = new SQLite(file, { readonly: true });
      const job = db
        .prepare('select state, locked_by, finished_at from jobs where id = ?')
        .get(running!.id) as {
        state: string;
        locked_by: string | null;
        finished_at: number | null;
      };
      const claimed = db
        .prepare("select count(*) as n from jobs where state = 'running'")
        .get() as { n: number };
      db.close();
      expect(job).toMatchObject({ state: 'done', locked_by: null });
      expect(job.finished_at).not.toBeNull();
      expect(claimed.n).toBe(0);
    } finally {
      child.kill('SIGKILL');
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
