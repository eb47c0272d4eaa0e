#!/usr/bin/env node
// Entry of `npx fannao …`: runs the TypeScript sources through tsx (no build step).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// `npx fannao import` runs in a child process with a bounded V8 heap. With V8's default (a limit
// of several GB) the heap grows to 2–4× the live data between full collections and a
// 100,000-row import peaked at 300–400 MB; any explicit bound makes V8 collect sooner, ~180–
// 220 MB per phase (docs/import-export.md, "Memory"). 256 MB leaves room for the live data of a
// 1,000,000-row file (IMPORT_MAX_ROWS: its natural keys, shared strings). `bench import` gives
// its import phases the same bound (IMPORT_HEAP_MB there).
const IMPORT_HEAP_MB = 256;
const heapSet = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((a) =>
  a.includes('--max-old-space-size'),
);
if (process.argv[2] === 'import' && !heapSet) {
  const child = spawnSync(
    process.execPath,
    [
      `--max-old-space-size=${IMPORT_HEAP_MB}`,
      ...process.execArgv,
      fileURLToPath(import.meta.url),
      ...process.argv.slice(2),
    ],
    { stdio: 'inherit' },
  );
  process.exit(child.status ?? 1);
}

const { register } = await import('tsx/esm/api');
process.env.TZ ??= 'UTC';
register();
await import('../server/src/cli.ts');
