import { describe, expect, it } from 'vitest';

import { categoryLabel } from '../format';
import { sampleIndex, sampleTrend } from '../test-fixtures';
import { heatmapOption } from './heatmap-option';
import { CATEGORY_COLORS, categoryColors } from './palette';
import { rankingBarLabel, rankingBars, rankingOption } from './ranking-option';
import { sharePieOption } from './share-pie-option';
import { trendOption } from './trend-option';

const labels = {
  month: (m: string) => m,
  series: (s: { name: string }) => s.name,
  total: '合计',
};

describe('ranking chart', () => {
  it('orders bars by rank and labels them as in the article', () => {
    const bars = rankingBars(sampleIndex().categories, (c) => categoryLabel(c, 'zh-CN'));
    expect(bars.map(rankingBarLabel)).toEqual(['招工用工 13.94%', '子女入学 7.82%']);
  });

  it('puts the label text on each bar and the largest share on top', () => {
    const bars = rankingBars(sampleIndex().categories, (c) => c.name);
    const option = rankingOption(bars, () => '#000');
    const series = option.series as { data: { label: { formatter: string } }[] }[];
    expect(series[0]!.data.map((d) => d.label.formatter)).toEqual([
      '招工用工 13.94%',
      '子女入学 7.82%',
    ]);
    expect(option.yAxis).toMatchObject({ inverse: true, data: ['招工用工', '子女入学'] });
  });

  it('labels pie slices with the server shares and leaves out empty categories', () => {
    const bars = [
      ...rankingBars(sampleIndex().categories, (c) => c.name),
      { id: 'z', label: '其他', share: 0, count: 0 },
    ];
    const option = sharePieOption(bars, () => '#000');
    const series = option.series as { data: { label: { formatter: string } }[] }[];
    expect(series[0]!.data.map((d) => d.label.formatter)).toEqual([
      '招工用工\n13.94%',
      '子女入学\n7.82%',
    ]);
  });
});

describe('trend and heat map', () => {
  it('stacks the non-empty categories and carries the totals', () => {
    const option = trendOption(sampleTrend(), labels, () => '#000');
    const series = option.series as { name: string; stack?: string; data: number[] }[];
    expect(series.map((s) => s.name)).toEqual(['招工用工', '子女入学', '合计']);
    expect(series[0]!.stack).toBe('troubles');
    expect(series[2]!.data).toEqual([26, 20]);
  });

  it('puts one cell per category and month, scaled to the largest count', () => {
    const option = heatmapOption(sampleTrend(), labels);
    const series = option.series as { data: number[][] }[];
    expect(series[0]!.data).toEqual([
      [0, 0, 16],
      [1, 0, 13],
      [0, 1, 10],
      [1, 1, 7],
    ]);
    expect(option.visualMap).toMatchObject({ min: 0, max: 16 });
    expect(option.yAxis).toMatchObject({ data: ['招工用工', '子女入学'] });
  });
});

describe('category colours', () => {
  it('depend on the category codes, not on the order they arrive in', () => {
    const a = categoryColors([
      { id: '1', code: 'b' },
      { id: '2', code: 'a' },
    ]);
    const b = categoryColors([
      { id: '2', code: 'a' },
      { id: '1', code: 'b' },
    ]);
    expect(a('1')).toBe(b('1'));
    expect(a('2')).toBe(CATEGORY_COLORS[0]);
    // The same category listed twice (index and trend) still takes one colour.
    const twice = categoryColors([
      { id: '2', code: 'a' },
      { id: '2', code: 'a' },
      { id: '1', code: 'b' },
    ]);
    expect(twice('1')).toBe(CATEGORY_COLORS[1]);
    expect(a('unknown')).toBe('#8c8c8c');
  });
});
