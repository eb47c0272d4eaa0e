import type { Rng } from './demo-random';

/** Word lists for the generated enterprise names of the Shangli / Pingxiang industrial parks. */
export interface Industry {
  label: string;
  words: string[];
  short: string;
  weight: number;
}

export const INDUSTRIES: Industry[] = [
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

export const PLACES: readonly (readonly [string, number])[] = [
  ['萍乡市', 10],
  ['上栗县', 8],
  ['江西省', 4],
  ['江西', 3],
  ['萍乡', 2],
];

/** Two-character brand words (字号), one per generated enterprise. */
export const BRANDS: string[] = [
  '宏达 金鑫 恒瑞 华晟 鼎盛 佳明 瑞丰 永盛 博远 鑫源 长兴 联创 天福 盛世 海川 德润 利源 嘉和 众诚 立信 鸿运 晟达 锦程 新宇',
  '凯旋 合力 兴旺 金达 博亚 东升 华美 万顺 宏图 富康 远航 明辉 绿源 金桥 昌盛 润泽 泰和 福瑞 安达 祥瑞 启航 群力 亿丰 豪盛',
  '荣昌 科林 华新 振兴 信达 中联 盛源 恒通 聚丰 建新 晨阳 三和 四海 五洲 百川 千禧 骏达 力诚 源丰 金诺 永安 天成 和顺 佳兴',
  '宏盛 新瑞 汇通 德丰 鑫泰 华盛 伟业 创辉 金龙 旭日 鹏程 腾飞 翔宇 卓越 顺发 隆盛 丰华 瑞达 智联 高科 正和 宝利 同心 春晖',
  '秋实 民和 湘赣 萍湘 赣西 楚天 昌泰 源达 恒丰 光华 天宇 海宏 荣华 福星 吉祥 富华 欣荣 康达 久安 长青 恒远 信诚 鑫旺 鑫盛',
  '金盛 金泰 联发 联盛 明达 耀华 鸿泰 鸿基 兆丰 兆恒 金阳 赣能 宏伟 华联 永丰 大成 嘉利 锐达 诚达 和信 金科 瑞祥 湘泉 萍发',
  '安顺 中瑞 德胜 万和 盛达 鼎新 汇丰源 恒昌 金禾 天润 宏业 福临',
]
  .join(' ')
  .split(' ');

export const ROADS = [
  '宝华大道',
  '工业一路',
  '工业二路',
  '工业三路',
  '兴业路',
  '创业路',
  '湘赣大道',
  '金山路',
];

/** A brand word not used yet. */
export function freshBrand(rng: Rng, used: Set<string>): string {
  if (used.size >= BRANDS.length) {
    throw new Error('not enough enterprise brand words');
  }
  let brand = rng.pick(BRANDS);
  while (used.has(brand)) {
    brand = rng.pick(BRANDS);
  }
  used.add(brand);
  return brand;
}
