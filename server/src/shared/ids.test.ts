import { describe, expect, it } from 'vitest';

import { newId } from './ids';

describe('newId', () => {
  it('gives distinct, time-ordered ULIDs', () => {
    const ids = Array.from({ length: 10_000 }, () => newId());
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    for (const id of ids.slice(0, 50)) {
      expect(id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    }
  });

  it('uses every character of the alphabet in the random part', () => {
    // A new millisecond draws 16 fresh characters; across many ids all 32 appear.
    const seen = new Set<string>();
    const start = Date.now();
    while (seen.size < 32 && Date.now() - start < 2000) {
      for (const ch of newId().slice(10)) {
        seen.add(ch);
      }
    }
    expect(seen.size).toBe(32);
  });
});
