import { describe, expect, it } from 'vitest';

import { heatIndex } from './heat-index';

const DAY = 86_400_000;
const from = Date.parse('2023-09-01T00:00:00+08:00');
const to = from + 30 * DAY;

describe('heatIndex (heat/1)', () => {
  it('counts one reporter once however often they post', () => {
    const one = heatIndex(
      Array.from({ length: 10 }, (_, i) => ({ reporter: 'A00031618', time: from + i * DAY })),
      { from, to },
    );
    const ten = heatIndex(
      Array.from({ length: 10 }, (_, i) => ({ reporter: `u${i}`, time: from + i * DAY })),
      { from, to },
    );
    expect(one.reporters).toBe(1);
    expect(one.messages).toBe(10);
    expect(ten.reporters).toBe(10);
    expect(ten.heat).toBeGreaterThan(one.heat * 3);
  });

  it('counts anonymous messages one each and ignores items outside the periods', () => {
    const h = heatIndex(
      [{ time: from }, { time: from + DAY }, { reporter: '', time: from + 2 * DAY }, { time: to }],
      { from, to },
    );
    expect(h.reporters).toBe(3);
    expect(h.messages).toBe(3);
    expect(h.spanDays).toBe(2);
  });

  it('adds votes on a log scale and rewards growth over the previous period', () => {
    const base = [
      { reporter: 'a', time: from },
      { reporter: 'b', time: from + DAY },
    ];
    const plain = heatIndex(base, { from, to });
    const liked = heatIndex(
      base.map((b) => ({ ...b, votes: 1000, against: 10 })),
      { from, to },
    );
    expect(liked.votes).toBe(1980);
    expect(liked.heat).toBeGreaterThan(plain.heat);
    expect(liked.heat).toBeLessThan(plain.heat * 10);
    const fading = heatIndex(
      [...base, ...['c', 'd', 'e', 'f'].map((r) => ({ reporter: r, time: from - 5 * DAY }))],
      { from, to },
    );
    expect(fading.previousReporters).toBe(4);
    expect(fading.growth).toBe(-0.5);
    expect(fading.heat).toBeLessThan(plain.heat);
    expect(heatIndex([], { from, to }).heat).toBe(0);
  });
});
