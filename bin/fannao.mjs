#!/usr/bin/env node
// Entry of `npx fannao …`: runs the TypeScript sources through tsx (no build step).
import { register } from 'tsx/esm/api';

process.env.TZ ??= 'UTC';
register();
await import('../server/src/cli.ts');
