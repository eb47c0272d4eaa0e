import type { Locale } from '../../shared/messages';

/** Why a row cannot be imported. Stable codes: the web and the docs rely on them. */
export const ROW_ERROR_CODES = [
  'required',
  'too_long',
  'too_short',
  'bad_date',
  'date_out_of_range',
  'bad_number',
  'bad_phone',
  'bad_id_number',
  'bad_value',
  'unknown_category',
  'unknown_enterprise',
  'duplicate_in_file',
  'duplicate_existing',
] as const;
export type RowErrorCode = (typeof ROW_ERROR_CODES)[number];

/** One reason a row is bad: the field, the column as the file names it, a code and its values. */
export interface RowError {
  field: string;
  column: string;
  code: RowErrorCode;
  params?: Record<string, string | number>;
}

const texts: Record<RowErrorCode, { 'zh-CN': string; en: string }> = {
  required: { 'zh-CN': '必填项为空', en: 'is required' },
  too_long: {
    'zh-CN': '内容过长（最多 {max} 个字）',
    en: 'is too long (at most {max} characters)',
  },
  too_short: {
    'zh-CN': '内容过短（至少 {min} 个字）',
    en: 'is too short (at least {min} characters)',
  },
  bad_date: {
    'zh-CN': '日期无法识别：“{value}”',
    en: 'is not a date: "{value}"',
  },
  date_out_of_range: {
    'zh-CN': '日期超出范围（2000 年至今）：“{value}”',
    en: 'is outside 2000 … today: "{value}"',
  },
  bad_number: { 'zh-CN': '不是有效的整数：“{value}”', en: 'is not a whole number: "{value}"' },
  bad_phone: {
    'zh-CN': '不是有效的手机号或座机号：“{value}”',
    en: 'is not a mainland mobile or landline number: "{value}"',
  },
  bad_id_number: {
    'zh-CN': '不是有效的 18 位身份证号',
    en: 'is not a valid 18-digit identity number',
  },
  bad_value: {
    'zh-CN': '无法识别的取值“{value}”（可填：{allowed}）',
    en: 'has an unknown value "{value}" (allowed: {allowed})',
  },
  unknown_category: {
    'zh-CN': '分类“{value}”不存在',
    en: 'names no known category: "{value}"',
  },
  unknown_enterprise: {
    'zh-CN': '本社区没有名为“{value}”的企业',
    en: 'names no enterprise of the community: "{value}"',
  },
  duplicate_in_file: {
    'zh-CN': '与文件第 {row} 行重复',
    en: 'duplicates row {row} of the file',
  },
  duplicate_existing: {
    'zh-CN': '与系统中已有记录重复',
    en: 'duplicates a record that already exists',
  },
};

/** “[反映时间] 日期无法识别：“2023-13-45”” — one reason, readable in the caller's language. */
export function rowErrorText(e: RowError, locale: Locale): string {
  const body = texts[e.code][locale].replace(/\{(\w+)\}/g, (_, n: string) =>
    String(e.params?.[n] ?? ''),
  );
  return locale === 'en' ? `${e.column} ${body}` : `【${e.column}】${body}`;
}
