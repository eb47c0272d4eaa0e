import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { otherRequestsWithin, watchRequests } from './import-activity';

let server: http.Server;
let base: string;

beforeAll(async () => {
  server = http.createServer((_req, res) => res.end('ok'));
  watchRequests(server);
  watchRequests(server); // once per server
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const quietFor = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('requests a commit makes way for', () => {
  it('notes intake and other requests, not the import page polls or probes', async () => {
    await quietFor(60);
    for (const url of ['/api/v1/imports/01ABC?errors=0', '/healthz', '/readyz', '/metrics']) {
      await (await fetch(`${base}${url}`)).text();
    }
    expect(otherRequestsWithin(50)).toBe(false);
    await (await fetch(`${base}/api/v1/troubles`, { method: 'POST' })).text();
    expect(otherRequestsWithin(50)).toBe(true);
    await quietFor(60);
    expect(otherRequestsWithin(50)).toBe(false);
  });
});
