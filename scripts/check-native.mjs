#!/usr/bin/env node
// postinstall: make sure the native addons load. Some npm versions skip dependency install
// scripts; when better-sqlite3 (or another native package) was left unbuilt, rebuild it here
// from source with the machine's compiler (no download involved).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const checks = {
  'better-sqlite3': () => new (require('better-sqlite3'))(':memory:').close(),
};

for (const [name, check] of Object.entries(checks)) {
  try {
    check();
  } catch (error) {
    process.stdout.write(`${name} is not built (${error.message.split('\n')[0]}); rebuilding…\n`);
    const r = spawnSync('npm', ['rebuild', name, '--foreground-scripts'], { stdio: 'inherit' });
    if (r.status !== 0) {
      process.exit(r.status ?? 1);
    }
    check();
  }
}
