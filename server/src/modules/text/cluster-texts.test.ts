import { describe, expect, it } from 'vitest';

import { clusterTexts, shortTitle } from './cluster-texts';

const texts = [
  {
    id: 'w1',
    title: '工厂拖欠工资三个月',
    text: '工厂拖欠工资三个月\n我们厂已经三个月没发工资了，老板一直拖欠。',
  },
  {
    id: 'w2',
    title: '老板拖欠三个月工资',
    text: '老板拖欠三个月工资\n公司拖欠工人工资三个月，讨要无果。',
  },
  {
    id: 'w3',
    title: '三个月没发工资',
    text: '三个月没发工资\n厂里拖欠我们三个月工资，希望帮忙讨薪。',
  },
  {
    id: 'b1',
    title: '公交班次太少',
    text: '公交班次太少\n园区公交车班次太少，下班等车要一个小时。',
  },
  { id: 'b2', title: '等公交时间太长', text: '等公交时间太长\n下班后公交车班次少，等车时间太长。' },
  { id: 'x1', title: '食堂饭菜太贵', text: '食堂饭菜太贵\n园区食堂饭菜价格贵，品种也少。' },
  { id: 'x2', title: '孩子入学难', text: '孩子入学难\n外地职工的孩子在附近学校报不上名。' },
];

describe('clusterTexts', () => {
  it('groups obvious duplicates and keeps unrelated texts apart', () => {
    const { clusters } = clusterTexts(texts);
    const groupOf = (id: string) => clusters.findIndex((c) => c.members.some((m) => m.id === id));
    expect(groupOf('w1')).toBe(groupOf('w2'));
    expect(groupOf('w1')).toBe(groupOf('w3'));
    expect(groupOf('b1')).toBe(groupOf('b2'));
    expect(groupOf('w1')).not.toBe(groupOf('b1'));
    expect(groupOf('x1')).not.toBe(groupOf('x2'));
    expect(groupOf('x1')).not.toBe(groupOf('w1'));
    expect(clusters).toHaveLength(4);
    const wages = clusters[0]!;
    expect(wages.members).toHaveLength(3);
    expect(wages.members.map((m) => m.id)).toContain(wages.representativeId);
    expect(['工厂拖欠工资三个月', '老板拖欠三个月工资', '三个月没发工资']).toContain(wages.title);
    expect(wages.keywords.join(' ')).toMatch(/拖欠|工资/);
    expect(wages.cohesion).toBeGreaterThan(0.3);
    expect(clusters.find((c) => c.members[0]!.id === 'x2')!.cohesion).toBe(1);
  });

  it('is deterministic and handles an empty batch', () => {
    expect(clusterTexts(texts)).toEqual(clusterTexts(texts));
    expect(clusterTexts([]).clusters).toEqual([]);
  });

  it('shortens the representative message to a title', () => {
    expect(shortTitle('宿舍没有热水。已经一个星期了', 30)).toBe('宿舍没有热水');
    expect(shortTitle('一二三四五六七八九十一二三四五六七八九十', 10)).toBe('一二三四五六七八九…');
  });
});
