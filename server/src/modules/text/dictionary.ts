/**
 * The domain dictionary: words of worker-service offices that jieba's general dictionary splits
 * (招工难 → 招工/难). Admins extend it per deployment (GET/PUT /api/v1/text/dictionary); the
 * defaults below are always loaded. Each word may carry a jieba part-of-speech tag.
 */
export const DEFAULT_DOMAIN_WORDS: readonly string[] = [
  '招工难',
  '用工难',
  '缺工',
  '普工',
  '技工',
  '职业病',
  '职业病体检',
  '职业病诊断',
  '夜诊',
  '周五夜诊',
  '夜间看病',
  '子女入学',
  '随迁子女',
  '社保断缴',
  '断缴',
  '欠薪',
  '讨薪',
  '拖欠工资',
  '工伤认定',
  '工伤保险',
  '公租房',
  '廉租房',
  '通勤车',
  '班车',
  '烦恼指数',
  '贴心办',
  '五必制',
  '惠企政策',
  '免申即享',
  '稳岗补贴',
  '以工代训',
  '劳动仲裁',
  '劳务派遣',
  '灵活就业',
  '异地就医',
  '医保报销',
  '住房公积金',
  '入职体检',
  '夫妻房',
  '技能培训',
  '电工证',
  '危化品',
];

/** Longest word an admin may add (characters) and the most words a deployment may hold. */
export const DICTIONARY_WORD_MAX = 20;
export const DICTIONARY_MAX_WORDS = 5000;

/** Normalises a dictionary word: NFKC, trimmed; null when it is not a usable word. */
export function normalizeDictionaryWord(word: string): string | null {
  const w = word.normalize('NFKC').trim();
  if (w.length === 0 || [...w].length > DICTIONARY_WORD_MAX || /[\s\p{P}\p{S}]/u.test(w)) {
    return null;
  }
  return w.toLowerCase();
}
