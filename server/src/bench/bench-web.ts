/**
 * `npx fannao bench web`: what a page costs on a weak phone network. Starts the real server on
 * a fresh data dir with the demo, opens Debian's Chromium (playwright-core) and, through the
 * DevTools protocol, throttles the network to slow 3G (400 kbit/s down and up, 400 ms latency)
 * with the cache disabled. For each page it sums the bytes on the wire (encodedDataLength of
 * every finished response, i.e. after gzip/brotli) and times, from the start of the navigation,
 * the first paint, the moment the page is usable and the last response.
 *
 * Pages: the worker report form from a QR code (`/report?enterprise=…`, usable = the form is
 * mounted and its text box takes focus), the staff login page (usable = the user name field
 * takes focus) and the staff workbench opened with a session (usable = the network is quiet).
 * Targets (issue 5): the worker report page ≤ 150 KB and usable within 5 s.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { type Browser, chromium, type Page } from 'playwright-core';

import { root, type RunningServer, startServer } from '../../../e2e/server-process';

const CHROMIUM = '/usr/bin/chromium';
/** Slow 3G as the issue defines it: 400 kbit/s each way, 400 ms round trip. */
const SLOW_3G = {
  offline: false,
  latency: 400,
  downloadThroughput: (400 * 1000) / 8,
  uploadThroughput: (400 * 1000) / 8,
};
const TARGET = { bytes: 150 * 1024, usableMs: 5000 };

export interface PageFigures {
  page: string;
  url: string;
  requests: number;
  /** Bytes on the wire (headers and compressed bodies), cache disabled. */
  transferredBytes: number;
  firstPaintMs: number | null;
  usableMs: number;
  lastResponseMs: number;
  /** Time to usable of every load (the figures above are from the median one). */
  usableMsRuns?: number[];
  /** The five largest responses, for the curious. */
  largest: { url: string; bytes: number; finishedMs: number }[];
}

interface Measured {
  finished: Map<string, { bytes: number; at: number }>;
  urls: Map<string, string>;
  start: number | null;
}

/** Opens `url` in a fresh throttled, cache-less tab and measures it until `usable` resolves. */
async function measure(
  browser: Browser,
  options: {
    name: string;
    url: string;
    /** Resolves when the page is usable; `'lastResponse'`: usable when its last response arrived. */
    usable: (page: Page) => Promise<void | 'lastResponse'>;
    /** Runs before the measured navigation (e.g. log in through the API). */
    prepare?: (page: Page) => Promise<void>;
  },
): Promise<PageFigures> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    locale: 'zh-CN',
  });
  const page = await context.newPage();
  await options.prepare?.(page);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
  const seen: Measured = { finished: new Map(), urls: new Map(), start: null };
  cdp.on('Network.requestWillBeSent', (e) => {
    seen.urls.set(e.requestId, e.request.url);
    seen.start ??= e.timestamp;
  });
  cdp.on('Network.loadingFinished', (e) => {
    seen.finished.set(e.requestId, { bytes: e.encodedDataLength, at: e.timestamp });
  });

  await page.goto(options.url, { waitUntil: 'commit', timeout: 120_000 });
  const usableAt = await options.usable(page);
  const readyMs = Number(await page.evaluate('performance.now()'));
  // Let the page finish what it started (categories, lazy chunks, data).
  await page.waitForLoadState('networkidle', { timeout: 120_000 }).catch(() => undefined);
  const firstPaint = await page.evaluate<number | null>(
    "performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null",
  );
  await context.close();

  const rows = [...seen.finished.entries()].map(([id, f]) => ({
    url: seen.urls.get(id) ?? id,
    ...f,
  }));
  const start = seen.start ?? 0;
  const lastResponseMs = Math.round(Math.max(0, ...rows.map((r) => (r.at - start) * 1000)));
  return {
    page: options.name,
    url: options.url,
    requests: rows.length,
    transferredBytes: rows.reduce((sum, r) => sum + r.bytes, 0),
    firstPaintMs: firstPaint === null ? null : Math.round(firstPaint),
    usableMs: usableAt === 'lastResponse' ? lastResponseMs : Math.round(readyMs),
    lastResponseMs,
    largest: rows
      .sort((a, b) => b.bytes - a.bytes)
      .slice(0, 5)
      .map((r) => ({
        url: r.url.replace(/^https?:\/\/[^/]+/, ''),
        bytes: r.bytes,
        finishedMs: Math.round((r.at - start) * 1000),
      })),
  };
}

/** Waits until the element is visible and actually takes the keyboard focus. */
async function focusable(page: Page, selector: string): Promise<void> {
  const field = page.locator(selector).first();
  await field.waitFor({ state: 'visible', timeout: 120_000 });
  await field.focus();
  const focused = await page.evaluate(
    `document.activeElement === document.querySelector(${JSON.stringify(selector)})`,
  );
  if (focused !== true) {
    throw new Error(`${selector} did not take the focus`);
  }
}

export interface WebBenchResult {
  network: typeof SLOW_3G & { cacheDisabled: true };
  repeat: number;
  pages: PageFigures[];
  target: typeof TARGET;
  workerMeetsTarget: boolean;
  ratios: { bytes: number; usable: number };
}

/**
 * Loads the page `repeat` times (a shared 2-core machine is noisy) and keeps the run with the
 * median time to usable, with every run's time alongside.
 */
async function measureMedian(
  browser: Browser,
  options: Parameters<typeof measure>[1],
  repeat: number,
): Promise<PageFigures> {
  const runs: PageFigures[] = [];
  for (let i = 0; i < repeat; i++) {
    runs.push(await measure(browser, options));
  }
  const sorted = [...runs].sort((a, b) => a.usableMs - b.usableMs);
  const median = sorted[Math.floor((sorted.length - 1) / 2)]!;
  return { ...median, usableMsRuns: runs.map((r) => r.usableMs) };
}

export async function benchWeb(options: {
  json: boolean;
  repeat: number;
}): Promise<WebBenchResult> {
  const repeat = Math.max(1, Math.min(20, Math.floor(options.repeat) || 1));
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`bench web needs Chromium at ${CHROMIUM} (Debian: apt-get install chromium)`);
  }
  const log = (line: string) => {
    if (!options.json) {
      process.stdout.write(`${line}\n`);
    }
  };
  // Build web/dist when it is stale; its messages go to stderr so that --json stays clean.
  const build = spawnSync(process.execPath, [path.join(root, 'scripts/ensure-web.mjs')], {
    cwd: root,
    stdio: ['ignore', 2, 2],
  });
  if (build.status !== 0) {
    throw new Error(`building the web app failed (exit ${String(build.status)})`);
  }
  log('starting the server (fresh data dir, demo)…');
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  try {
    // No background jobs (escalation sweeps, report catch-up): they would compete with the
    // page loads for the CPU and make the figures depend on the scheduler, not on the pages.
    server = await startServer({ env: { JOBS_ENABLED: 'false' } });
    const { url } = server;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
    });
    const community = (await (await fetch(`${url}/api/v1/public/communities/baohua`)).json()) as {
      enterprises: { id: string }[];
    };
    const enterpriseId = community.enterprises[0]?.id ?? '';

    log('measuring the worker report page…');
    const worker = await measureMedian(
      browser,
      {
        name: 'worker report (/report?enterprise=…)',
        url: `${url}/report?enterprise=${enterpriseId}`,
        usable: (page) => focusable(page, 'form[data-ready] #report-body'),
      },
      repeat,
    );
    log('measuring the staff login page…');
    const login = await measureMedian(
      browser,
      {
        name: 'staff login (/login)',
        url: `${url}/login`,
        usable: (page) => focusable(page, 'input#username, input[autocomplete="username"]'),
      },
      repeat,
    );
    log('measuring the staff workbench…');
    const workbenchPath = (await isStaffRoute(url, '/workbench')) ? '/workbench' : '/';
    const workbench = await measureMedian(
      browser,
      {
        name: `staff workbench (${workbenchPath}, logged in)`,
        url: `${url}${workbenchPath}`,
        prepare: async (page) => {
          const res = await page.request.post(`${url}/api/v1/auth/login`, {
            data: { username: 'baohua1', password: 'Shequ#2023' },
          });
          if (!res.ok()) {
            throw new Error(`staff login failed: ${res.status()}`);
          }
        },
        // Usable once its data has arrived: the last response before the network went quiet.
        usable: (page) =>
          page
            .waitForLoadState('networkidle', { timeout: 180_000 })
            .then(() => 'lastResponse' as const),
      },
      repeat,
    );

    const result: WebBenchResult = {
      network: { ...SLOW_3G, cacheDisabled: true },
      repeat,
      pages: [worker, login, workbench],
      target: TARGET,
      workerMeetsTarget:
        worker.transferredBytes <= TARGET.bytes && worker.usableMs <= TARGET.usableMs,
      ratios: {
        bytes: round2(workbench.transferredBytes / worker.transferredBytes),
        usable: round2(workbench.usableMs / worker.usableMs),
      },
    };
    if (options.json) {
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    } else {
      printTable(result);
    }
    return result;
  } finally {
    await browser?.close();
    await server?.stop();
  }
}

/** Whether the staff app knows a route (its build mentions the path); else the home page. */
async function isStaffRoute(url: string, route: string): Promise<boolean> {
  const html = await (await fetch(`${url}/`, { headers: { accept: 'text/html' } })).text();
  const scripts = [...html.matchAll(/src="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  for (const script of scripts) {
    const code = await (await fetch(`${url}${script}`)).text();
    if (['"', "'", '`'].some((q) => code.includes(`${q}${route}${q}`))) {
      return true;
    }
  }
  return false;
}

const round2 = (x: number) => Math.round(x * 100) / 100;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const s = (ms: number | null) => (ms === null ? '—' : `${(ms / 1000).toFixed(2)} s`);

function printTable(r: WebBenchResult): void {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out('');
  out(
    `slow 3G: 400 kbit/s down/up, 400 ms latency, cache disabled; 390×844 viewport; median of ${r.repeat} loads`,
  );
  out('');
  out(
    `${'page'.padEnd(44)}${'requests'.padStart(9)}${'transferred'.padStart(13)}${'first paint'.padStart(13)}${'usable'.padStart(10)}${'last resp.'.padStart(12)}`,
  );
  for (const p of r.pages) {
    out(
      `${p.page.padEnd(44)}${String(p.requests).padStart(9)}${kb(p.transferredBytes).padStart(13)}${s(p.firstPaintMs).padStart(13)}${s(p.usableMs).padStart(10)}${s(p.lastResponseMs).padStart(12)}`,
    );
  }
  out('');
  const w = r.pages[0]!;
  out(
    `worker report page: ${kb(w.transferredBytes)} (target ≤ ${kb(r.target.bytes)}), usable in ${s(w.usableMs)} (target ≤ ${s(r.target.usableMs)}) → ${r.workerMeetsTarget ? 'meets the target' : 'MISSES the target'}`,
  );
  out(`workbench / worker: ${r.ratios.bytes}× the bytes, ${r.ratios.usable}× the time to usable`);
  for (const p of r.pages) {
    out(`${p.page}: usable after ${(p.usableMsRuns ?? []).map((ms) => s(ms)).join(', ')}`);
  }
  out('largest responses of the worker page:');
  for (const l of w.largest) {
    out(`  ${kb(l.bytes).padStart(10)}  done at ${s(l.finishedMs).padStart(7)}  ${l.url}`);
  }
}
