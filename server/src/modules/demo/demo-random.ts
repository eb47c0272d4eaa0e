/**
 * Deterministic randomness for the demo: a seeded mulberry32 generator, so that the demo data is
 * the same on every run (no Math.random, no clock). Named forks give independent streams, so
 * that changing one part of the generator does not reshuffle the others.
 */
export const DEMO_SEED = 20230930;

/** FNV-1a hash of a string, used to derive fork seeds. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A seeded pseudo-random stream with the helpers the generator needs. */
export class Rng {
  private state: number;

  constructor(private readonly seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1) (mulberry32). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An independent stream named `label`. */
  fork(label: string): Rng {
    return new Rng(hash32(`${this.seed}:${label}`));
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** A float in [min, max). */
  range(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) {
      throw new Error('pick from an empty list');
    }
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** One value by weight; entries with weight 0 are never chosen. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    const total = entries.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [value, w] of entries) {
      if (w > 0 && r < w) {
        return value;
      }
      r -= w;
    }
    const last = [...entries].reverse().find(([, w]) => w > 0);
    if (!last) {
      throw new Error('weighted pick without positive weights');
    }
    return last[0];
  }

  /** A standard normal deviate (Box–Muller). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** A shuffled copy (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }
}

const ULID_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * ULIDs whose time part is the business time of the row and whose random part comes from the
 * seeded stream: valid, time-ordered ids that are identical on every run.
 */
export function createIdFactory(rng: Rng): (at: number) => string {
  const seen = new Set<string>();
  return (at) => {
    for (;;) {
      let time = '';
      let t = at;
      for (let i = 0; i < 10; i++) {
        time = ULID_ALPHABET[t % 32]! + time;
        t = Math.floor(t / 32);
      }
      let random = '';
      for (let i = 0; i < 16; i++) {
        random += ULID_ALPHABET[rng.int(0, 31)]!;
      }
      const id = time + random;
      if (!seen.has(id)) {
        seen.add(id);
        return id;
      }
    }
  };
}

/** The tracking-code alphabet of troubles/tracking-code.ts (no 0/O, 1/I/L look-alikes). */
export const TRACKING_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** Deterministic tracking codes in the product's format, e.g. `BH-7K3Q9-XW2MZ`, never repeated. */
export function createTrackingCodes(rng: Rng): (prefix: string) => string {
  const seen = new Set<string>();
  return (prefix) => {
    for (;;) {
      let body = '';
      for (let i = 0; i < 10; i++) {
        body += TRACKING_ALPHABET[rng.int(0, TRACKING_ALPHABET.length - 1)]!;
      }
      const code = `${prefix}-${body.slice(0, 5)}-${body.slice(5)}`;
      if (!seen.has(code)) {
        seen.add(code);
        return code;
      }
    }
  };
}
