import type { EnterpriseSize } from '../../../../common/enums';
import { mobileNumber, personName } from './demo-people';
import type { Rng } from './demo-random';
import type { CommunityKey, PlannedEnterprise } from './demo-types';

/**
 * The enterprises of the demo: the four named in the article and generated ones of the
 * industries of the Shangli / Pingxiang parks (circuit boards, cables, fireworks, ceramics …).
 */
interface Industry {
  label: string;
  words: string[];
  short: string;
  weight: number;
}

const INDUSTRIES: Industry[] = [
  { label: '线路板', words: ['线路板制造', '电路科技', '电子电路'], short: '线路板', weight: 15 },
  { label: '电线电缆', words: ['电线电缆', '线缆科技', '电缆'], short: '电缆', weight: 13 },
  { label: '电子信息', words: ['电子科技', '光电科技', '电子'], short: '电子', weight: 15 },
  { label: '烟花爆竹', words: ['花炮制造', '烟花', '鞭炮烟花'], short: '花炮厂', weight: 9 },
  { label: '机械制造', words: ['机械制造', '精密机械', '机电设备'], short: '机械', weight: 11 },
  { label: '新材料', words: ['新材料科技', '新材料'], short: '新材料', weight: 8 },
  { label: '陶瓷', words: ['工业陶瓷', '电瓷', '陶瓷科技'], short: '陶瓷', weight: 7 },
  { label: '食品加工', words: ['食品', '食品科技'], short: '食品', weight: 5 },
  { label: '纺织服装', words: ['服饰', '制衣', '服装'], short: '服饰', weight: 6 },
  { label: '包装印刷', words: ['包装印刷', '彩印包装', '纸品包装'], short: '包装', weight: 6 },
  { label: '五金制品', words: ['五金制品', '金属制品'], short: '五金', weight: 6 },
  { label: '生物医药', words: ['医药', '生物科技', '药业'], short: '药业', weight: 3 },
  { label: '新能源', words: ['新能源科技', '锂电科技'], short: '新能源', weight: 4 },
  { label: '智能装备', words: ['智能科技', '智能装备'], short: '智能', weight: 4 },
];

const PLACES: readonly (readonly [string, number])[] = [
  ['萍乡市', 10], ['上栗县', 8], ['江西省', 4], ['江西', 3], ['萍乡', 2],
];

const BRANDS = [
  '宏达', '金鑫', '恒瑞', '华晟', '鼎盛', '佳明', '瑞丰', '永盛', '博远', '鑫源', '长兴', '联创',
  '天福', '盛世', '海川', '德润', '利源', '嘉和', '众诚', '立信', '鸿运', '晟达', '锦程', '新宇',
  '凯旋', '合力', '兴旺', '金达', '博亚', '东升', '华美', '万顺', '宏图', '富康', '远航', '明辉',
  '绿源', '金桥', '昌盛', '润泽', '泰和', '福瑞', '安达', '祥瑞', '启航', '群力', '亿丰', '豪盛',
  '荣昌', '科林', '华新', '振兴', '信达', '中联', '盛源', '恒通', '聚丰', '建新', '晨阳', '三和',
  '四海', '五洲', '百川', '千禧', '骏达', '力诚', '源丰', '金诺', '永安', '天成', '和顺', '佳兴',
  '宏盛', '新瑞', '汇通', '德丰', '鑫泰', '华盛', '伟业', '创辉', '金龙', '旭日', '鹏程', '腾飞',
  '翔宇', '卓越', '顺发', '隆盛', '丰华', '瑞达', '智联', '高科', '正和', '宝利', '同心', '春晖',
  '秋实', '民和', '湘赣', '萍湘', '赣西', '楚天', '昌泰', '源达', '恒丰', '光华', '天宇', '海宏',
  '荣华', '福星', '吉祥', '富华', '欣荣', '康达', '久安', '长青', '恒远', '信诚', '鑫旺', '鑫盛',
  '金盛', '金泰', '联发', '联盛', '明达', '耀华', '鸿泰', '鸿基', '兆丰', '兆恒', '金阳', '赣能',
  '宏伟', '华联', '永丰', '大成', '嘉利', '锐达', '诚达', '和信', '金科', '瑞祥', '湘泉', '萍发',
  '安顺', '中瑞', '德胜', '万和', '盛达', '鼎新', '汇丰源', '恒昌', '金禾', '天润', '宏业', '福临',
];

const ROADS = ['宝华大道', '工业一路', '工业二路', '工业三路', '兴业路', '创业路', '湘赣大道', '金山路'];

/** The article's enterprises, with the contacts the demo logins use. */
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
    if (usedBrands.size >= BRANDS.length) {
      throw new Error('not enough enterprise brand words');
    }
    let brand = rng.pick(BRANDS);
    while (usedBrands.has(brand)) {
      brand = rng.pick(BRANDS);
    }
    usedBrands.add(brand);
    const place = community === 'tongmu' ? '上栗县桐木' : rng.weighted(PLACES);
    const word = rng.pick(industry.words);
    const legal = size === 'large' || (size === 'medium' && rng.chance(0.3)) ? '股份有限公司' : '有限公司';
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
