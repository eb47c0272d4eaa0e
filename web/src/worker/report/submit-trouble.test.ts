import { afterEach, describe, expect, it, vi } from 'vitest';

import type { IntakeRequest } from '../worker-api';
import { submitWithRetry } from './submit-trouble';

const body: IntakeRequest = {
  channel: 'qr',
  body: '热水器坏了',
  anonymous: true,
  attachmentIds: [],
};
const created = { id: 'T1', code: 'BH-ABCDE-FGHJK', trackUrl: '/track/BH-ABCDE-FGHJK' };

function respond(status: number, json: unknown, type = 'application/json'): Response {
  return new Response(JSON.stringify(json), { status, headers: { 'content-type': type } });
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('submitWithRetry', () => {
  it('retries a lost connection with the same Idempotency-Key until it is acknowledged', async () => {
    const keys: (string | null)[] = [];
    const fetch = vi.fn((_url: string, init: RequestInit) => {
      keys.push(new Headers(init.headers).get('idempotency-key'));
      return keys.length < 3
        ? Promise.reject(new TypeError('Failed to fetch'))
        : Promise.resolve(respond(201, created));
    });
    vi.stubGlobal('fetch', fetch);
    const retries: number[] = [];
    const result = await submitWithRetry(body, 'w-key-1', (n) => retries.push(n), [0, 0, 0]);
    expect(result.code).toBe('BH-ABCDE-FGHJK');
    expect(keys).toEqual(['w-key-1', 'w-key-1', 'w-key-1']);
    expect(retries).toEqual([1, 2]);
  });

  it('gives up after the last retry with a network error the page can show as offline', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))),
    );
    await expect(submitWithRetry(body, 'w-key-2', () => undefined, [0, 0])).rejects.toMatchObject({
      status: 0,
      code: 'NETWORK_ERROR',
    });
  });

  it('does not retry a refusal and passes on the server’s readable message', async () => {
    const fetch = vi.fn(() =>
      Promise.resolve(
        respond(
          400,
          {
            code: 'VALIDATION_FAILED',
            title: 'Validation failed',
            status: 400,
            detail: '请求内容不符合要求',
          },
          'application/problem+json',
        ),
      ),
    );
    vi.stubGlobal('fetch', fetch);
    await expect(submitWithRetry(body, 'w-key-3', () => undefined, [0, 0])).rejects.toMatchObject({
      message: '请求内容不符合要求',
      code: 'VALIDATION_FAILED',
    });
    expect(fetch).toHaveBeenCalledTimes(1);
  });
});
