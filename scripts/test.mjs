#!/usr/bin/env node
// The whole test suite (README: `npm test`): typecheck, lint, then the Vitest suite on SQLite
// and again on PostgreSQL. PostgreSQL is used when reachable at TEST_DATABASE_URL (default
// postgres://postgres@127.0.0.1:5432/postgres); when CI=true or FANNAO_REQUIRE_PG=1 it must be.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import pg from 'pg';

const pgUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const requirePg = process.env.CI === 'true' || process.env.FANNAO_REQUIRE_PG === '1';
const only = process.argv.slice(2);
const totals = { passed: 0, failed: 0, skipped: 0 };

function run(label, cmd, args, env = {}) {
  process.stdout.write(`\n=== ${label} ===\n`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, TZ: 'UTC', ...env } });
  if (r.status !== 0 && !label.startsWith('tests')) {
    totals.failed += 1; // a failed typecheck or lint counts as a failure in the closing line
  }
  process.stdout.write(
    `=== ${label}: ${r.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s ===\n`,
  );
  return r.status === 0;
}

function vitest(label, env, filters) {
  const out = path.join(os.tmpdir(), `fannao-vitest-${process.pid}-${label}.json`);
  const ok = run(
    `tests on ${label}`,
    'npx',
    ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${out}`, ...filters],
    env,
  );
  try {
    const report = JSON.parse(fs.readFileSync(out, 'utf8'));
    totals.passed += report.numPassedTests;
    totals.failed += report.numFailedTests + (ok || report.numFailedTests > 0 ? 0 : 1);
    totals.skipped += report.numPendingTests + report.numTodoTests;
    fs.rmSync(out, { force: true });
  } catch {
    totals.failed += 1;
  }
  return ok;
}

async function pgReachable() {
  const client = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch (error) {
    process.stdout.write(`PostgreSQL not reachable at ${pgUrl}: ${error.message}\n`);
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

let ok = true;
if (only.length === 0) {
  ok = run('typecheck', 'npx', ['tsc', '-p', 'tsconfig.json']) && ok;
  ok = run('typecheck web', 'npx', ['tsc', '-p', 'web/tsconfig.json']) && ok;
  ok = run('typecheck e2e', 'npx', ['tsc', '-p', 'e2e/tsconfig.json']) && ok;
  ok = run('lint', 'npx', ['eslint', '--max-warnings=0', '.']) && ok;
  ok = run('format', 'npx', ['prettier', '--check', '--log-level=warn', '.']) && ok;
}
ok = vitest('sqlite', { TEST_DB: 'sqlite' }, only) && ok;
if (await pgReachable()) {
  ok =
    vitest(
      'postgres',
      { TEST_DB: 'postgres', TEST_DATABASE_URL: pgUrl },
      only.length > 0 ? only : ['server'],
    ) && ok;
} else if (requirePg) {
  process.stdout.write(
    'PostgreSQL was required (CI=true or FANNAO_REQUIRE_PG=1) but is not reachable.\n',
  );
  ok = false;
  totals.failed += 1;
} else {
  process.stdout.write('Skipping the PostgreSQL pass (not reachable and not required).\n');
}

// Smoke runs of the proof commands (small sizes; README "Benchmarks and fault tests"): they fail
// on errors, lost or duplicated troubles and failed consistency checks — never on throughput.
function smoke(label, args, check) {
  process.stdout.write(`\n=== smoke: ${label} ===\n`);
  const started = Date.now();
  const r = spawnSync(process.execPath, ['bin/fannao.mjs', ...args], {
    encoding: 'utf8',
    env: { ...process.env, TZ: 'UTC' },
    stdio: ['ignore', 'pipe', 'inherit'],
    timeout: 180_000,
  });
  let summary = null;
  try {
    summary = JSON.parse(r.stdout.trim().split('\n').pop());
  } catch {
    process.stdout.write(r.stdout ?? '');
  }
  const problem = summary ? check(summary) : 'no JSON summary';
  const passed = r.status === 0 && !problem;
  process.stdout.write(
    `${summary ? JSON.stringify(summary) : ''}\n=== smoke: ${label}: ${passed ? 'ok' : `FAILED (${problem ?? `exit ${r.status}`})`} in ${((Date.now() - started) / 1000).toFixed(1)} s ===\n`,
  );
  if (!passed) {
    totals.failed += 1;
  }
  return passed;
}

if (only.length === 0) {
  ok =
    smoke(
      'bench intake',
      ['bench', 'intake', '--duration', '1', '--connections', '16,64', '--smoke', '--json'],
      (s) => (s.errors > 0 ? `errors ${s.errors}` : s.lost > 0 ? `lost ${s.lost}` : null),
    ) && ok;
  ok =
    smoke('torture crash', ['torture', 'crash', '--kills', '2', '--json'], (s) =>
      s.lost > 0
        ? `lost ${s.lost}`
        : s.duplicates > 0
          ? `duplicates ${s.duplicates}`
          : !s.aggregatesMatchRebuild
            ? 'aggregates differ from a rebuild'
            : s.escalationDuplicates > 0
              ? `escalation duplicates ${s.escalationDuplicates}`
              : null,
    ) && ok;
}

process.stdout.write(
  `\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`,
);
process.exit(ok && totals.failed === 0 ? 0 : 1);
