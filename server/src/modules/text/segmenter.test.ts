import { describe, expect, it } from 'vitest';

import { contentTokens, createSegmenter } from './segmenter';

describe('segmenter', () => {
  const base = createSegmenter();

  it('keeps domain words whole and drops stop words and punctuation', () => {
    const tokens = base.segment('我们厂招工难，职工的职业病体检要去市里！');
    expect(tokens).toContain('招工难');
    expect(tokens).toContain('职业病体检');
    expect(tokens).not.toContain('的');
    expect(tokens).not.toContain('我们');
    expect(tokens).not.toContain('，');
  });

  it('makes an admin-added word one token', () => {
    const text = '希望多开几个烦恼驿站方便反映';
    expect(base.segment(text)).not.toContain('烦恼驿站');
    const extended = createSegmenter(['烦恼驿站']);
    expect(extended.segment(text)).toContain('烦恼驿站');
    expect(extended.words()).toContain('烦恼驿站');
  });

  it('normalises full-width letters and case, and drops single letters', () => {
    expect(base.segment('Ａ市ＡＢＣ公司')).toEqual(expect.arrayContaining(['市', 'abc']));
    expect(contentTokens(['a', 'A3', '  ', '…'])).toEqual(['A3']);
  });

  it('returns nothing for empty text', () => {
    expect(base.segment('  ')).toEqual([]);
  });
});
