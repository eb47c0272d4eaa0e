#!/usr/bin/env node
// Builds the web app when web/dist is missing or older than its sources (used by `npm start`).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const dist = path.join(root, 'web/dist/index.html');

function newest(dir) {
  let latest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return latest;
}

const sources = Math.max(
  newest(path.join(root, 'web/src')),
  newest(path.join(root, 'common')),
  fs.statSync(import.meta.filename).mtimeMs,
  ...['web/index.html', 'web/worker.html', 'web/vite.config.ts', 'web/build-plugins.ts'].map(
    (file) => fs.statSync(path.join(root, file)).mtimeMs,
  ),
);
if (!fs.existsSync(dist) || fs.statSync(dist).mtimeMs < sources) {
  process.stdout.write('building the web app…\n');
  const r = spawnSync(
    'npx',
    ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'],
    // Always a production build: under vitest NODE_ENV is 'test', which would bundle React's
    // development build (twice the size, double effects under StrictMode).
    { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } },
  );
  process.exit(r.status ?? 1);
}
