import type { SubcategoryProfile } from './demo-types';

/**
 * How many troubles 宝华 collected from May to September 2023 per second-level category, how
 * many were solved on the spot, and what they look like. The first-level totals are the
 * article's: 招工用工 57 and 子女入学 32 of 409 (13.94 % and 7.82 %).
 */
export const BAOHUA_MONTHLY = [62, 78, 85, 91, 93];

const ELECTRIC = ['线路板', '电线电缆', '电子信息'];
const HEAVY = ['机械制造', '五金制品', '陶瓷', '新材料'];

/** 宝华's troubles per second-level category (409 in all, 110 of them solved on the spot). */
export const BAOHUA_SUBCATEGORIES: SubcategoryProfile[] = [
  sub('recruitment.shortage', 30, 5, 2.3, [2, 7, 1], 0.4, 0.55, [1, 3], [8, 60]),
  sub('recruitment.cost', 10, 2, 2.0, [1, 8, 1], 0.3, 0.2, [1, 2], [20, 200]),
  sub('recruitment.skills', 10, 2, 2.3, [2, 7, 1], 0.3, 0.4, [1, 3], [3, 15]),
  sub('recruitment.turnover', 7, 2, 2.5, [2, 6, 2], 0.2, 0.3, [1, 3], [5, 30]),
  sub('schooling.kindergarten', 14, 2, 2.4, [7, 2, 1], 0.3, 0.6, [1, 1], [2, 8]),
  sub('schooling.primary', 12, 2, 2.8, [7, 2, 1], 0.4, 0.6, [1, 2], [3, 12]),
  sub('schooling.transfer', 6, 2, 3.0, [8, 1, 1], 0.2, 0.5, [1, 1], [2, 5]),
  sub('medical.night', 22, 3, 0.9, [7, 1, 2], 0.5, 0.6, [1, 6], [20, 100]),
  sub('medical.insurance', 14, 5, 2.4, [7, 1, 2], 0.2, 0.2, [1, 2], [5, 20]),
  sub('medical.basic', 12, 5, 1.5, [6, 2, 2], 0.1, 0.3, [1, 3], [10, 40]),
  {
    ...sub('health.checkup', 24, 3, 1.3, [6, 3, 1], 0.6, 0.3, [1, 5], [20, 150]),
    industries: ELECTRIC,
  },
  {
    ...sub('health.protection', 12, 4, 2.0, [6, 2, 2], 0.5, 0.4, [1, 8], [10, 60]),
    industries: HEAVY,
  },
  sub('transport.bus', 28, 4, 1.6, [7, 1, 2], 0.2, 0.3, [1, 5], [20, 100]),
  sub('transport.road', 13, 5, 2.6, [6, 2, 2], 0.3, 0.3, [1, 3], [5, 30]),
  sub('living.canteen', 18, 6, 1.8, [7, 1, 2], 0.1, 0.2, [1, 6], [10, 50]),
  sub('living.housing', 26, 6, 2.4, [7, 2, 1], 0.3, 0.2, [1, 3], [10, 50]),
  sub('rights.wages', 14, 4, 2.7, [8, 0, 2], 0.6, 0.7, [1, 12]),
  sub('rights.insurance', 13, 5, 2.2, [8, 1, 1], 0.3, 0.3, [1, 3], [5, 20]),
  sub('rights.contract', 12, 4, 2.7, [7, 0, 3], 0.3, 0.3, [1, 8]),
  {
    ...sub('safety.fire', 12, 3, 2.4, [5, 2, 3], 0.7, 0.6, [1, 10], [10, 80]),
    industries: ['烟花爆竹', '包装印刷'],
  },
  {
    ...sub('safety.equipment', 10, 3, 2.2, [6, 1, 3], 0.6, 0.5, [1, 6], [5, 30]),
    industries: HEAVY,
  },
  sub('amenities.shopping', 12, 4, 2.0, [8, 0, 2], 0, 0.1, [1, 3]),
  sub('amenities.utilities', 14, 4, 2.4, [5, 3, 2], 0.2, 0.4, [1, 5], [20, 200]),
  sub('amenities.environment', 12, 4, 2.0, [6, 1, 3], 0.1, 0.2, [1, 4]),
  sub('business.policy', 12, 4, 2.2, [0, 10, 0], 0.2, 0.2, [1, 1], [1, 5]),
  sub('business.finance', 8, 2, 2.5, [0, 10, 0], 0.3, 0.4, [1, 1], [1, 5]),
  sub('business.approval', 7, 2, 2.6, [0, 10, 0], 0.4, 0.4, [1, 1], [1, 5]),
  sub('care.activities', 7, 2, 2.0, [8, 1, 1], 0, 0, [1, 3], [20, 100]),
  sub('care.family', 8, 1, 2.4, [8, 1, 1], 0, 0.1, [1, 2], [10, 60]),
  sub('care.mental', 3, 3, 2.5, [6, 0, 4], 0.2, 0.2, [1, 1]),
  sub('other.misc', 7, 7, 2.0, [6, 1, 3], 0, 0.1, [1, 1], [1, 1]),
];

/** 桐木工业小区: a small second community. */
export const TONGMU_MONTHLY = [2, 2, 3, 2, 3];

/** 桐木's 12 troubles. */
export const TONGMU_SUBCATEGORIES: SubcategoryProfile[] = [
  sub('transport.bus', 5, 0, 2.0, [8, 1, 1], 0.2, 0.3, [1, 4], [10, 40]),
  sub('recruitment.shortage', 3, 0, 2.5, [1, 8, 1], 0.4, 0.5, [1, 2], [8, 30]),
  sub('safety.fire', 1, 1, 2.0, [6, 2, 2], 0.6, 0.5, [1, 5], [10, 30]),
  sub('rights.wages', 1, 1, 2.0, [8, 0, 2], 0.5, 0.6, [1, 5]),
  sub('living.canteen', 1, 1, 2.0, [8, 1, 1], 0.1, 0.2, [1, 3]),
  sub('other.misc', 1, 1, 2.0, [8, 1, 1], 0, 0.1, [1, 1]),
];

function sub(
  code: string,
  total: number,
  onSpot: number,
  month: number,
  reporters: [number, number, number],
  major: number,
  urgent: number,
  workers: [number, number],
  enterpriseWorkers?: [number, number],
): SubcategoryProfile {
  return {
    code,
    total,
    onSpot,
    month,
    reporters,
    major,
    urgent,
    workers,
    ...(enterpriseWorkers ? { enterpriseWorkers } : {}),
  };
}

/** The first-level code of a second-level one (`recruitment.shortage` → `recruitment`). */
export function topOf(code: string): string {
  return code.split('.')[0]!;
}
