import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { cellText, codePointLength, isBlankCell, type RawCell } from './cell-values';

describe('cell helpers used on every row', () => {
  it('codePointLength counts as [...s].length does', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (s) => {
        expect(codePointLength(s)).toBe([...s].length);
      }),
      { numRuns: 2000 },
    );
  });

  it('isBlankCell is cellText(v) === ""', () => {
    const cells: RawCell[] = [
      null,
      '',
      ' \u00a0\t',
      "'",
      'x',
      0,
      false,
      new Date(Number.NaN),
      new Date(0),
    ];
    for (const v of cells) {
      expect(isBlankCell(v)).toBe(cellText(v) === '');
    }
    fc.assert(
      fc.property(fc.string({ maxLength: 8 }), (s) => {
        expect(isBlankCell(s)).toBe(cellText(s) === '');
      }),
    );
  });
});
