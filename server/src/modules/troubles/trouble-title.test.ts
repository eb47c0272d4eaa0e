import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { titleFrom } from './trouble-title';

/** The definition: the first 30 characters (code points) of the collapsed first line. */
function byArray(body: string): string {
  const line = body.replace(/\s+/g, ' ').trim();
  const chars = [...line];
  return chars.length <= 30 ? line : `${chars.slice(0, 30).join('')}…`;
}

describe('titleFrom', () => {
  it('cuts after 30 characters, counting a surrogate pair as one', () => {
    expect(titleFrom('  工资\n拖欠  三个月 ')).toBe('工资 拖欠 三个月');
    expect(titleFrom('😀'.repeat(31))).toBe(`${'😀'.repeat(30)}…`);
    expect(titleFrom('😀'.repeat(30))).toBe('😀'.repeat(30));
  });

  it('equals the array definition for any text (lone surrogates included)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (s) => {
        expect(titleFrom(s)).toBe(byArray(s));
      }),
      { numRuns: 2000 },
    );
  });
});
