import type { Rng } from './demo-random';

/** Fake but plausible people of Pingxiang: names and well-formed mainland mobile numbers. */
const SURNAMES: readonly (readonly [string, number])[] = [
  ['刘', 9],
  ['李', 9],
  ['王', 7],
  ['张', 6],
  ['陈', 7],
  ['黄', 6],
  ['彭', 6],
  ['钟', 4],
  ['周', 5],
  ['吴', 5],
  ['胡', 5],
  ['肖', 4],
  ['谢', 4],
  ['易', 3],
  ['邓', 4],
  ['曾', 3],
  ['罗', 4],
  ['袁', 3],
  ['汤', 3],
  ['文', 3],
  ['颜', 2],
  ['廖', 3],
  ['龚', 2],
  ['熊', 3],
  ['杨', 4],
  ['赵', 3],
  ['朱', 3],
  ['何', 3],
  ['郭', 2],
  ['林', 2],
  ['付', 2],
  ['欧阳', 1],
  ['晏', 1],
  ['甘', 1],
  ['漆', 1],
  ['喻', 1],
  ['贺', 2],
  ['段', 2],
  ['邹', 2],
  ['蔡', 2],
];

const GIVEN_MALE = [
  '建',
  '国',
  '伟',
  '强',
  '军',
  '平',
  '明',
  '华',
  '志',
  '勇',
  '斌',
  '涛',
  '杰',
  '鹏',
  '辉',
  '海',
  '峰',
  '林',
  '波',
  '磊',
  '俊',
  '文',
  '亮',
  '超',
  '刚',
  '锋',
  '飞',
  '龙',
  '兵',
  '宇',
  '浩',
  '成',
  '新',
  '春',
  '德',
  '胜',
  '家',
  '荣',
  '金',
  '水',
];

const GIVEN_FEMALE = [
  '丽',
  '芳',
  '娟',
  '敏',
  '静',
  '霞',
  '燕',
  '红',
  '萍',
  '玲',
  '婷',
  '兰',
  '梅',
  '琴',
  '艳',
  '秀',
  '英',
  '华',
  '慧',
  '莉',
  '欣',
  '雪',
  '洁',
  '颖',
  '倩',
  '蓉',
  '佳',
  '月',
  '晓',
  '凤',
];

const MOBILE_PREFIXES = [
  '139',
  '138',
  '137',
  '136',
  '135',
  '158',
  '159',
  '188',
  '187',
  '152',
  '151',
  '150',
  '182',
  '183',
  '178',
  '177',
  '133',
  '153',
  '180',
  '181',
  '189',
  '199',
  '198',
  '166',
  '173',
  '176',
  '130',
  '131',
  '132',
  '155',
  '156',
  '185',
  '186',
];

/** A Chinese personal name: a surname and one or two given characters. */
export function personName(rng: Rng): string {
  const surname = rng.weighted(SURNAMES);
  const pool = rng.chance(0.55) ? GIVEN_MALE : GIVEN_FEMALE;
  const first = rng.pick(pool);
  if (rng.chance(0.22)) {
    return `${surname}${first}`;
  }
  let second = rng.pick(pool);
  while (second === first) {
    second = rng.pick(pool);
  }
  return `${surname}${first}${second}`;
}

/** An 11-digit mainland mobile number such as 13907991234 (fake). */
export function mobileNumber(rng: Rng): string {
  let digits = '';
  for (let i = 0; i < 8; i++) {
    digits += String(rng.int(0, 9));
  }
  return `${rng.pick(MOBILE_PREFIXES)}${digits}`;
}
