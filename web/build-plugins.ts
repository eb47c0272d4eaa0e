import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

import type { Plugin } from 'vite';

const gzip = promisify(zlib.gzip);
const brotli = promisify(zlib.brotliCompress);
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|map)$/;
/** Below this size compression saves less than the extra headers cost. */
const MIN_BYTES = 512;

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(file) : [file];
  });
}

/**
 * Writes `.gz` and `.br` twins of every text asset after the build. The server serves them with
 * @fastify/static's `preCompressed` (no compression work per request, and no extra dependency):
 * a cheap phone on a weak network downloads a quarter of the bytes.
 */
export function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'fannao-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      const files = filesUnder(outDir).filter(
        (file) => COMPRESSIBLE.test(file) && fs.statSync(file).size >= MIN_BYTES,
      );
      await Promise.all(
        files.map(async (file) => {
          const data = fs.readFileSync(file);
          const [gz, br] = await Promise.all([
            gzip(data, { level: 9 }),
            brotli(data, {
              params: {
                [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
                [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length,
              },
            }),
          ]);
          fs.writeFileSync(`${file}.gz`, gz);
          fs.writeFileSync(`${file}.br`, br);
        }),
      );
    },
  };
}

/** Paths the server answers with worker.html (keep in step with the server's SPA fallback). */
export const WORKER_PATHS = /^\/(report|track)(\/[^/?#]*)?\/?(\?.*)?$/;

/** During `vite dev`, serves worker.html for the worker pages, like the server does. */
export function workerPagesInDev(): Plugin {
  return {
    name: 'fannao-worker-pages-dev',
    apply: 'serve',
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        if (req.method === 'GET' && req.url !== undefined && WORKER_PATHS.test(req.url)) {
          const query = req.url.indexOf('?');
          req.url = `/worker.html${query >= 0 ? req.url.slice(query) : ''}`;
        }
        next();
      });
    },
  };
}
