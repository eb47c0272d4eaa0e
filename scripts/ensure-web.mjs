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
  ...['web/index.html', 'web/worker.html', 'web/vite.config.ts', 'web/build-plugins.ts'].map(
    (file) => fs.statSync(path.join(root, file)).mtimeMs,
  ),
);
if (!fs.existsSync(dist) || fs.statSync(dist).mtimeMs < sources) {
  process.stdout.write('building the web app…\n');
  const r = spawnSync(
    'npx',
    ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'],
    { cwd: root, stdio: 'inherit' },
  );
  process.exit(r.status ?? 1);
}
