import path from 'node:path';
import { fileURLToPath } from 'node:url';

import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

import { precompress, workerPagesInDev } from './build-plugins.ts';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
/** The Fannao server during development; override with FANNAO_API_PROXY_TARGET. */
const apiTarget = process.env.FANNAO_API_PROXY_TARGET ?? 'http://localhost:3000';

const antd =
  /node_modules[\\/](antd|@ant-design|@rc-component|rc-[^\\/]+|@emotion|stylis|dayjs)[\\/]/;

/**
 * Vendor chunk groups, most specific first (higher priority wins). Charts, spreadsheets and the
 * antd parts that only lazy routes use stay out of the first page's chunks.
 */
const vendorChunks = [
  {
    // Charts: only the lazy dashboard and big-screen routes import these.
    name: 'vendor-echarts',
    test: /node_modules[\\/](echarts|zrender)[\\/]/,
    priority: 40,
  },
  {
    // Spreadsheet export, loaded on the first XLSX click.
    name: 'vendor-exceljs',
    test: /node_modules[\\/]exceljs[\\/]/,
    priority: 40,
  },
  {
    // React itself: shared by the staff app and the worker pages (worker.html), so it must not
    // carry anything the worker pages do not use.
    name: 'vendor-react',
    test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/,
    priority: 30,
  },
  {
    name: 'vendor-router',
    test: /node_modules[\\/](react-router|cookie|set-cookie-parser)[\\/]/,
    priority: 30,
  },
  {
    // The antd parts the first page needs ($initial: in the entry's static import graph)…
    name: 'vendor-antd',
    test: antd,
    tags: ['$initial' as const],
    priority: 20,
  },
  {
    // …and the parts only the lazy routes use (tables, date pickers, drawers).
    name: 'vendor-antd-lazy',
    test: antd,
    priority: 19,
  },
  {
    name: 'vendor-i18n',
    test: /node_modules[\\/](i18next|react-i18next|html-parse-stringify|void-elements)[\\/]/,
    priority: 20,
  },
  { name: 'vendor', test: /node_modules[\\/]/, tags: ['$initial' as const], priority: 10 },
];

export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [react(), workerPagesInDev(), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // antd is one large, cacheable vendor chunk; warn only well beyond it.
    chunkSizeWarningLimit: 1000,
    // Two pages: the staff app (index.html) and the worker phone pages (worker.html), which
    // load none of the staff app's libraries.
    rolldownOptions: {
      input: {
        main: path.join(webRoot, 'index.html'),
        worker: path.join(webRoot, 'worker.html'),
      },
      output: {
        codeSplitting: { groups: vendorChunks },
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: apiTarget },
      '/healthz': { target: apiTarget },
      '/readyz': { target: apiTarget },
    },
  },
});
