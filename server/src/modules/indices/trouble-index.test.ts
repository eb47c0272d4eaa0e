import { describe, expect, it } from 'vitest';

import { resolvePeriod, splitByMonths } from './period';
import { buildTroubleIndex, type CategoryNode, percent, rankByCount } from './trouble-index';

const cats: CategoryNode[] = [
  {
    id: 'r',
    parentId: null,
    code: 'recruitment',
    name: '招工用工',
    nameEn: 'Recruitment',
    sort: 10,
  },
  {
    id: 'r1',
    parentId: 'r',
    code: 'recruitment.shortage',
    name: '招工难',
    nameEn: 'Hard to hire',
    sort: 10,
  },
  { id: 's', parentId: null, code: 'schooling', name: '子女入学', nameEn: 'Schooling', sort: 20 },
  {
    id: 's1',
    parentId: 's',
    code: 'schooling.kindergarten',
    name: '幼儿园入园',
    nameEn: 'Kindergarten',
    sort: 10,
  },
  { id: 'o', parentId: null, code: 'other', name: '其他', nameEn: 'Other', sort: 30 },
];

describe('烦恼指数 arithmetic', () => {
  it('reproduces the article: 57 of 409 is 13.94 %, 32 of 409 is 7.82 %', () => {
    const index = buildTroubleIndex({
      categories: cats,
      current: new Map([
        ['r1', 57],
        ['s1', 32],
        ['o', 320],
      ]),
      previous: new Map(),
    });
    expect(index.total).toBe(409);
    expect(index.categories.map((c) => [c.code, c.count, c.share, c.rank])).toEqual([
      ['other', 320, 78.24, 1],
      ['recruitment', 57, 13.94, 2],
      ['schooling', 32, 7.82, 3],
    ]);
    expect(index.categories.every((c) => c.change === null)).toBe(true);
    expect(index.categories[1]!.children[0]).toMatchObject({
      code: 'recruitment.shortage',
      count: 57,
      share: 13.94,
    });
  });

  it('reports the change of the share in percentage points', () => {
    const index = buildTroubleIndex({
      categories: cats,
      current: new Map([
        ['r1', 30],
        ['s1', 70],
      ]),
      previous: new Map([
        ['r1', 10],
        ['s1', 10],
      ]),
    });
    const r = index.categories.find((c) => c.code === 'recruitment')!;
    expect([r.share, r.previousShare, r.change]).toEqual([30, 50, -20]);
  });

  it('gives equal counts the same rank and counts unclassified troubles in the total', () => {
    expect(
      rankByCount([{ count: 5 }, { count: 9 }, { count: 5 }, { count: 1 }]).map((r) => r.rank),
    ).toEqual([1, 2, 2, 4]);
    const index = buildTroubleIndex({
      categories: cats,
      current: new Map([
        ['r1', 1],
        ['', 3],
      ]),
      previous: new Map(),
    });
    expect(index.total).toBe(4);
    expect(index.unclassified).toEqual({ count: 3, share: 75 });
    expect(percent(1, 0)).toBe(0);
  });
});

describe('index periods (half-open local days)', () => {
  const now = Date.parse('2023-09-15T04:00:00Z');
  it('defaults to the current month and compares with the previous one', () => {
    expect(resolvePeriod({}, now)).toEqual({
      from: '2023-09-01',
      to: '2023-10-01',
      previousFrom: '2023-08-01',
      previousTo: '2023-09-01',
    });
  });
  it('handles quarters, years, month-aligned and day ranges', () => {
    expect(resolvePeriod({ quarter: '2023-Q3' }, now)).toMatchObject({
      from: '2023-07-01',
      to: '2023-10-01',
      previousFrom: '2023-04-01',
    });
    expect(resolvePeriod({ year: '2023' }, now)).toMatchObject({
      from: '2023-01-01',
      to: '2024-01-01',
      previousFrom: '2022-01-01',
    });
    expect(resolvePeriod({ from: '2023-05-01', to: '2023-10-01' }, now)).toMatchObject({
      previousFrom: '2022-12-01',
      previousTo: '2023-05-01',
    });
    expect(resolvePeriod({ from: '2023-09-10', to: '2023-09-17' }, now)).toMatchObject({
      previousFrom: '2023-09-03',
      previousTo: '2023-09-10',
    });
  });
  it('refuses impossible input', () => {
    expect(() => resolvePeriod({ from: '2023-02-30', to: '2023-03-01' }, now)).toThrow();
    expect(() => resolvePeriod({ from: '2023-03-01', to: '2023-03-01' }, now)).toThrow();
    expect(() => resolvePeriod({ month: '2023-13' }, now)).toThrow();
    expect(() => resolvePeriod({ from: '2023-03-01' }, now)).toThrow();
  });
});

describe('reading whole months from the monthly aggregates', () => {
  it('splits a range into partial days and whole months', () => {
    expect(splitByMonths('2023-05-01', '2023-10-01')).toEqual({
      months: ['2023-05', '2023-06', '2023-07', '2023-08', '2023-09'],
      dayRanges: [],
    });
    expect(splitByMonths('2023-05-10', '2023-07-05')).toEqual({
      months: ['2023-06'],
      dayRanges: [
        ['2023-05-10', '2023-06-01'],
        ['2023-07-01', '2023-07-05'],
      ],
    });
    expect(splitByMonths('2023-05-10', '2023-05-20')).toEqual({
      months: [],
      dayRanges: [['2023-05-10', '2023-05-20']],
    });
    expect(splitByMonths('2023-05-10', '2023-06-01')).toEqual({
      months: [],
      dayRanges: [['2023-05-10', '2023-06-01']],
    });
  });
});
