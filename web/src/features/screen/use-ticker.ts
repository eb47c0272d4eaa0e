import { useEffect, useState } from 'react';

/** The current time, updated every `intervalMs`. */
export function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** An index that advances every `intervalMs` and wraps at `count` (0 when count is 0). */
export function useRotation(count: number, intervalMs: number): number {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (count <= 1) {
      return undefined;
    }
    const timer = setInterval(() => setTick((t) => t + 1), intervalMs);
    return () => clearInterval(timer);
  }, [count, intervalMs]);
  return count === 0 ? 0 : tick % count;
}
