import type { Server } from 'node:http';

/**
 * When the server last received a request other than the import page's own (its progress polls)
 * and the probes: an import's commit writes small transactions while requests come in
 * (`commitBatchSizer`, import-run.ts). Process-wide, as the event loop and SQLite's connection
 * that those requests wait for are.
 */
let lastOtherRequestAt = 0;

const QUIET_PREFIXES = ['/api/v1/imports', '/healthz', '/readyz', '/metrics'];

/** Notes a request (its URL) as activity unless it is an import poll or a probe. */
export function noteRequest(url: string | undefined): void {
  if (url === undefined || !QUIET_PREFIXES.some((p) => url.startsWith(p))) {
    lastOtherRequestAt = Date.now();
  }
}

/** True when another request came in within the last `ms`. */
export function otherRequestsWithin(ms: number): boolean {
  return Date.now() - lastOtherRequestAt < ms;
}

const watched = new WeakSet<Server>();

/** Notes every request the HTTP server receives (once per server). */
export function watchRequests(server: Server): void {
  if (!watched.has(server)) {
    watched.add(server);
    server.on('request', (req: { url?: string }) => noteRequest(req.url));
  }
}
