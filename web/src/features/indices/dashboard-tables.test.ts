import { describe, expect, it } from 'vitest';

import { rankingTable, ratesTable, trendTable } from './dashboard-tables';
import { sampleIndex, sampleTrend } from './test-fixtures';

describe('export tables', () => {
  it('lists the ranking by rank with second-level rows under their parent', () => {
    const table = rankingTable(sampleIndex(), 'zh-CN', {
      title: '烦恼指数排行榜',
      headers: ['排名', '类别', '件数', '占比', '上期占比', '变化'],
    });
    expect(table.rows).toEqual([
      [1, '招工用工', 57, 13.94, 0, null],
      [null, '招工用工 / 招工难', 40, 9.78, 0, null],
      [2, '子女入学', 32, 7.82, 0, null],
    ]);
  });

  it('uses English names in English', () => {
    const table = rankingTable(sampleIndex(), 'en', {
      title: 't',
      headers: ['', '', '', '', '', ''],
    });
    expect(table.rows[0]![1]).toBe('Recruitment & staffing');
  });

  it('writes the trend as categories × months with a totals row', () => {
    const table = trendTable(sampleTrend(), {
      title: '月度趋势',
      categoryHeader: '类别',
      totalLabel: '合计',
      series: (s) => s.name,
    });
    expect(table.headers).toEqual(['类别', '2023-08', '2023-09']);
    expect(table.rows.at(-1)).toEqual(['合计', 26, 20]);
  });

  it('keeps rates as numbers and missing satisfaction as empty', () => {
    const table = ratesTable(
      [
        {
          id: 'd',
          name: '总工会',
          problems: 9,
          responseRate: 77.78,
          resolutionRate: 100,
          satisfactionRate: null,
          ratings: 0,
          rank: 1,
        },
      ],
      '三率',
      [],
    );
    expect(table.rows).toEqual([[1, '总工会', 9, 77.78, 100, null, 0]]);
  });
});
