#!/usr/bin/env node
// Entry of `npx fannao …`: runs the TypeScript sources through tsx (no build step).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// `npx fannao import` runs in a child process with a bounded V8 heap: without a bound V8 lets
// the heap grow to about twice the live data between full collections, and a 100,000-row import
// peaked near 400 MB; with it, below 300 MB for ~10 % more CPU (docs/import-export.md,
// "Memory"). `bench import` gives its import phases the same bound (IMPORT_HEAP_MB there).
const IMPORT_HEAP_MB = 128;
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
