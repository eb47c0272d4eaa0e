import { afterEach, describe, expect, it, vi } from 'vitest';

import { createPoller } from './poller';

describe('createPoller', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('drains on every tick, never twice at once, and keeps going after an error', async () => {
    vi.useFakeTimers();
    let inFlight = 0;
    let maxInFlight = 0;
    let calls = 0;
    let release: (() => void) | null = null;
    const errors: unknown[] = [];
    const poller = createPoller(
      async () => {
        calls++;
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        try {
          if (calls === 1) {
            await new Promise<void>((resolve) => {
              release = resolve;
            });
          }
          if (calls === 2) {
            throw new Error('boom');
          }
        } finally {
          inFlight--;
        }
      },
      (error) => errors.push(error),
    );
    poller.start(100);
    await vi.advanceTimersByTimeAsync(350); // first run still in hand: later ticks skip
    expect(calls).toBe(1);
    release!();
    await vi.advanceTimersByTimeAsync(100); // second run throws
    await vi.advanceTimersByTimeAsync(100); // and the loop goes on
    expect(calls).toBe(3);
    expect(maxInFlight).toBe(1);
    expect(errors).toHaveLength(1);
    expect(String(errors[0])).toContain('boom');
    await poller.stop();
    expect(poller.stopped).toBe(true);
    await vi.advanceTimersByTimeAsync(500);
    expect(calls).toBe(3);
  });

  it('stop() waits for the run in hand', async () => {
    vi.useFakeTimers();
    let finished = false;
    const poller = createPoller(
      async () => {
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        finished = true;
      },
      () => undefined,
    );
    poller.start(10);
    await vi.advanceTimersByTimeAsync(10);
    const stopping = poller.stop();
    expect(poller.stopped).toBe(true);
    await vi.advanceTimersByTimeAsync(1_000);
    await stopping;
    expect(finished).toBe(true);
  });
});
