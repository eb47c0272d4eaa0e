import type { CategoryShare, TroubleIndex, TroubleTrend } from './indices-types';

/** A small trouble index shaped like the demo community's May–September 2023. */
export function sampleIndex(): TroubleIndex {
  const share = (
    id: string,
    code: string,
    name: string,
    nameEn: string,
    count: number,
    value: number,
    rank: number,
  ): CategoryShare => ({
    id,
    code,
    name,
    nameEn,
    count,
    share: value,
    rank,
    previousCount: 0,
    previousShare: 0,
    change: null,
  });
  return {
    formulaVersion: 'trouble-index/1',
    scope: { communityId: 'c1', communityName: '宝华工业社区', filters: {} },
    period: {
      from: '2023-05-01',
      to: '2023-10-01',
      previousFrom: '2022-12-01',
      previousTo: '2023-05-01',
    },
    total: 409,
    previousTotal: 0,
    categories: [
      {
        ...share('s', 'schooling', '子女入学', "Children's schooling", 32, 7.82, 2),
        children: [],
      },
      {
        ...share('r', 'recruitment', '招工用工', 'Recruitment & staffing', 57, 13.94, 1),
        children: [share('r1', 'recruitment.shortage', '招工难', 'Hard to hire', 40, 9.78, 1)],
      },
    ],
    unclassified: { count: 0, share: 0 },
    problems: {
      total: 43,
      resolved: 38,
      closed: 33,
      coordinationOnTimeRate: 93.02,
      resolutionOnTimeRate: 81.4,
      overdue: 5,
    },
  };
}

export function sampleTrend(): TroubleTrend {
  return {
    formulaVersion: 'trouble-index/1',
    scope: { communityId: 'c1', communityName: '宝华工业社区', filters: {} },
    months: ['2023-08', '2023-09'],
    series: [
      { id: 'r', code: 'recruitment', name: '招工用工', counts: [16, 13] },
      { id: 's', code: 'schooling', name: '子女入学', counts: [10, 7] },
      { id: 'x', code: 'other', name: '其他', counts: [0, 0] },
    ],
    totals: [26, 20],
  };
}
