import type { EnterpriseSize } from '../../../../common/enums';
import { freshBrand, INDUSTRIES, PLACES, ROADS } from './demo-enterprise-words';
import { mobileNumber, personName } from './demo-people';
import type { Rng } from './demo-random';
import type { CommunityKey, PlannedEnterprise } from './demo-types';

/**
 * The enterprises of the demo: the four named in the article (below, with the contacts the demo
 * logins use) and generated ones of the industries of the Shangli / Pingxiang parks.
 */
const ARTICLE: (Omit<PlannedEnterprise, 'key' | 'community' | 'contactPhone' | 'address'> & {
  key: string;
})[] = [
  {
    key: 'fengdaxing',
    name: '萍乡市丰达兴线路板制造有限公司',
    shortName: '丰达兴',
    industry: '线路板',
    size: 'medium',
    employeeCount: 680,
    contactName: '钟美玲',
  },
  {
    key: 'xinjuneng',
    name: '江西省鑫聚能科技有限公司',
    shortName: '鑫聚能',
    industry: '新能源',
    size: 'medium',
    employeeCount: 320,
    contactName: '熊涛',
  },
  {
    key: 'tongnuowei',
    name: '萍乡市通诺威智能科技有限公司',
    shortName: '通诺威',
    industry: '智能装备',
    size: 'large',
    employeeCount: 1350,
    contactName: '彭海军',
  },
  {
    key: 'shengda',
    name: '胜大科技有限公司',
    shortName: '胜大科技',
    industry: '电子信息',
    size: 'medium',
    employeeCount: 460,
    contactName: '刘芳',
  },
];

/** Names of the article's enterprises by key. */
export const ARTICLE_ENTERPRISE_NAMES: Record<string, string> = Object.fromEntries(
  ARTICLE.map((a) => [a.key, a.name]),
);

const SIZE_RANGES: Record<EnterpriseSize, [number, number]> = {
  large: [1000, 2200],
  medium: [300, 820],
  small: [20, 260],
  micro: [6, 19],
};

/** 140 enterprises in 宝华 (employees summing to a little over 30,000) and 6 in 桐木. */
export function planEnterprises(rng: Rng): PlannedEnterprise[] {
  const usedBrands = new Set<string>();
  const usedNames = new Set<string>(ARTICLE.map((a) => a.name));
  const out: PlannedEnterprise[] = ARTICLE.map((a) => ({
    ...a,
    community: 'baohua',
    contactPhone: mobileNumber(rng),
    address: `上栗县金山镇宝华工业园${rng.pick(ROADS)}${rng.int(1, 199)}号`,
  }));

  function generate(community: CommunityKey, size: EnterpriseSize, fireworks: boolean) {
    const industry = fireworks
      ? INDUSTRIES.find((i) => i.label === '烟花爆竹')!
      : rng.weighted(INDUSTRIES.map((i) => [i, i.weight] as const));
    const brand = freshBrand(rng, usedBrands);
    const place = community === 'tongmu' ? '上栗县桐木' : rng.weighted(PLACES);
    const word = rng.pick(industry.words);
    const legal =
      size === 'large' || (size === 'medium' && rng.chance(0.3)) ? '股份有限公司' : '有限公司';
    const name = `${place}${brand}${word}${legal}`;
    if (usedNames.has(name)) {
      throw new Error(`duplicate enterprise name ${name}`);
    }
    usedNames.add(name);
    const [min, max] = SIZE_RANGES[size];
    const road = community === 'tongmu' ? '桐木工业小区' : `宝华工业园${rng.pick(ROADS)}`;
    out.push({
      key: `${community}-${String(out.length + 1).padStart(3, '0')}`,
      community,
      name,
      shortName: `${brand}${industry.short}`,
      industry: industry.label,
      size,
      employeeCount: rng.int(min, max),
      contactName: personName(rng),
      contactPhone: mobileNumber(rng),
      address: `上栗县${community === 'tongmu' ? '桐木镇' : '金山镇'}${road}${rng.int(1, 199)}号`,
    });
  }

  const sizes: EnterpriseSize[] = [
    ...Array<EnterpriseSize>(4).fill('large'),
    ...Array<EnterpriseSize>(18).fill('medium'),
    ...Array<EnterpriseSize>(86).fill('small'),
    ...Array<EnterpriseSize>(28).fill('micro'),
  ];
  for (const size of rng.shuffle(sizes)) {
    generate('baohua', size, false);
  }
  balanceWorkforce(out, 30_620);
  for (const size of ['medium', 'small', 'small', 'small', 'micro', 'small'] as const) {
    generate('tongmu', size, rng.chance(0.6));
  }
  return out;
}

/** Spreads the difference to the target head count over the large and medium enterprises. */
function balanceWorkforce(list: PlannedEnterprise[], target: number): void {
  const generated = list.filter((e) => !ARTICLE.some((a) => a.key === e.key));
  const big = generated.filter((e) => e.size === 'large' || e.size === 'medium');
  let diff = target - list.reduce((s, e) => s + e.employeeCount, 0);
  for (let i = 0; diff !== 0; i = (i + 1) % big.length) {
    const e = big[i]!;
    const [min, max] = SIZE_RANGES[e.size];
    const step = Math.sign(diff) * Math.min(Math.abs(diff), 25);
    if (e.employeeCount + step >= min && e.employeeCount + step <= max) {
      e.employeeCount += step;
      diff -= step;
    }
    if (i === big.length - 1 && big.every((b) => atBound(b, Math.sign(diff)))) {
      break;
    }
  }
}

function atBound(e: PlannedEnterprise, direction: number): boolean {
  const [min, max] = SIZE_RANGES[e.size];
  return direction > 0 ? e.employeeCount + 1 > max : e.employeeCount - 1 < min;
}
