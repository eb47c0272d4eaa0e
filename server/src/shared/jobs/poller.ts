/**
 * A polling loop for workers that drain a queue table (jobs, the notification outbox): every
 * `pollMs` it runs `drain` unless the previous run is still going; errors go to `onError` and
 * the loop goes on. `stop()` ends polling and waits for the run in hand; `stopped` lets a drain
 * loop end early between items.
 */
export interface Poller {
  readonly stopped: boolean;
  start(pollMs: number): void;
  stop(): Promise<void>;
}

export function createPoller(
  drain: () => Promise<unknown>,
  onError: (error: unknown) => void,
): Poller {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;
  let stopped = false;
  return {
    get stopped() {
      return stopped;
    },
    start(pollMs) {
      stopped = false;
      timer = setInterval(() => {
        if (running) {
          return;
        }
        running = drain()
          .catch(onError)
          .finally(() => {
            running = null;
          });
      }, pollMs);
      timer.unref();
    },
    async stop() {
      stopped = true;
      if (timer) {
        clearInterval(timer);
        timer = null;
      }
      await running;
    },
  };
}
