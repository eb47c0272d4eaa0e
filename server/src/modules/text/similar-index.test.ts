import { describe, expect, it } from 'vitest';

import { bigramKeys, createTextIndex } from './similar-index';
import { bigramTokenizer } from './similar-tokens';

const TEXTS = [
  '公司拖欠工资三个月了，工人多次讨要无果，希望帮助追讨欠薪。',
  '我们厂已经三个月没发工资了，老板一直拖欠，请帮忙讨要工资。',
  '宿舍热水器坏了一个星期，洗不了热水澡。',
  '园区公交车班次太少，下班等车要一个小时。',
  '厂区门口路灯坏了，晚上下班路上一片漆黑。',
  'ＡＢＣ电子 Wifi 信号差 5 号楼 2 楼 a 栋，车间噪音大。',
  '车间噪音太大，耳朵嗡嗡响，没有发耳塞。',
  '食堂饭菜价格太贵，品种少，希望改善伙食。',
];

/** The bigram keys decoded back to comparable terms (a bigram key is not a string). */
function keysOf(text: string) {
  const keys: (number | string)[] = [];
  bigramKeys(text, (k) => keys.push(k));
  return keys;
}

describe('text index', () => {
  it('keys the same terms as bigramTokenizer, one key per distinct term', () => {
    for (const text of [...TEXTS, '吗', '好 好', '9 x 12 ＡＢ　c d', '豈﨎']) {
      const tokens = bigramTokenizer(text);
      const keys = keysOf(text);
      expect(keys.length).toBe(tokens.length);
      // Equal tokens have equal keys and different tokens different keys.
      for (let i = 0; i < tokens.length; i++) {
        for (let j = 0; j < tokens.length; j++) {
          expect(keys[i] === keys[j]).toBe(tokens[i] === tokens[j]);
        }
      }
    }
  });

  it('scores with the fast path as with the same tokenizer through strings', () => {
    const fast = createTextIndex(bigramTokenizer);
    const slow = createTextIndex((t) => bigramTokenizer(t));
    TEXTS.forEach((t, i) => {
      fast.upsert(String(i), t, { title: '', status: 'open' });
      slow.upsert(String(i), t, { title: '', status: 'open' });
    });
    for (const q of TEXTS) {
      const a = fast.query(q, 5);
      const b = slow.query(q, 5);
      expect(a.map((h) => h.id)).toEqual(b.map((h) => h.id));
      a.forEach((h, i) => expect(h.score).toBeCloseTo(b[i]!.score, 12));
      expect(fast.scan(q, 5)).toEqual(a);
    }
  });

  it('answers after removals and updates as an index built from the survivors', () => {
    const churned = createTextIndex(bigramTokenizer);
    // Many rounds of updates and removals: slots, term ids and the arena are reused/compacted.
    for (let round = 0; round < 300; round++) {
      TEXTS.forEach((t, i) => churned.upsert(`d${i}`, `${t}${round}`, { title: '', status: '' }));
      churned.remove(`d${round % TEXTS.length}`);
    }
    TEXTS.forEach((t, i) => churned.upsert(`d${i}`, t, { title: '', status: 'open' }));
    churned.remove('d2');
    churned.trim();
    const fresh = createTextIndex(bigramTokenizer);
    TEXTS.forEach((t, i) => i !== 2 && fresh.upsert(`d${i}`, t, { title: '', status: 'open' }));
    expect(churned.size).toBe(fresh.size);
    expect(churned.terms).toBe(fresh.terms);
    for (const q of TEXTS) {
      expect(churned.query(q, 5)).toEqual(fresh.query(q, 5));
    }
    expect(churned.has('d2')).toBe(false);
    expect(churned.query(TEXTS[2]!, 5).map((h) => h.id)).not.toContain('d2');
  });
});
