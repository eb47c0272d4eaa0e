import type { Locale } from '../../shared/messages';
import type { ReplyReason } from './reply-quality';

/** Readable texts of the reply-quality reason codes; {evidence} and params fill in. */
const TEXTS: Record<string, { 'zh-CN': string; en: string }> = {
  'relevance.onTopic': {
    'zh-CN': '答复紧扣反映的问题（相似度 {similarity}）。',
    en: 'The reply addresses what was reported (similarity {similarity}).',
  },
  'relevance.partial': {
    'zh-CN': '答复只部分回应了反映的问题（相似度 {similarity}）。',
    en: 'The reply only partly addresses what was reported (similarity {similarity}).',
  },
  'relevance.offTopic': {
    'zh-CN': '答复与反映的问题关联很弱（相似度 {similarity}），可能答非所问。',
    en: 'The reply hardly relates to what was reported (similarity {similarity}).',
  },
  'completeness.actor': {
    'zh-CN': '写明了办理主体：{evidence}。',
    en: 'Names who acts: {evidence}.',
  },
  'completeness.noActor': {
    'zh-CN': '未写明由哪个单位或部门负责办理。',
    en: 'Does not say which unit or department acts.',
  },
  'completeness.action': {
    'zh-CN': '写明了已采取或将采取的措施：{evidence}。',
    en: 'States what was or will be done: {evidence}.',
  },
  'completeness.noAction': {
    'zh-CN': '未写明采取了什么措施。',
    en: 'Does not say what is being done.',
  },
  'completeness.deadline': {
    'zh-CN': '写明了时间或期限：{evidence}。',
    en: 'Gives a date or deadline: {evidence}.',
  },
  'completeness.noDeadline': {
    'zh-CN': '未给出办理时间或期限。',
    en: 'Gives no date or deadline.',
  },
  'completeness.vague': {
    'zh-CN': '只有含糊的承诺（{evidence}），没有具体时间。',
    en: 'Only vague promises ({evidence}) without a date.',
  },
  'completeness.tooShort': {
    'zh-CN': '答复过于简短。',
    en: 'The reply is very short.',
  },
  'explain.law': {
    'zh-CN': '引用了法律法规或规范性文件：{evidence}。',
    en: 'Cites a law, regulation or normative document: {evidence}.',
  },
  'explain.document': { 'zh-CN': '引用了文件：{evidence}。', en: 'Cites a document: {evidence}.' },
  'explain.article': {
    'zh-CN': '指明了具体条款：{evidence}。',
    en: 'Points to the article: {evidence}.',
  },
  'explain.docNumber': {
    'zh-CN': '给出了文件号：{evidence}。',
    en: 'Gives a document number: {evidence}.',
  },
  'explain.basis': {
    'zh-CN': '说明了办理依据：{evidence}。',
    en: 'States the basis: {evidence}.',
  },
  'explain.policyWords': {
    'zh-CN': '提到政策或规定（{evidence}），但未指明具体文件或条款。',
    en: 'Mentions policy or rules ({evidence}) without naming the document or article.',
  },
  'explain.none': {
    'zh-CN': '未说明政策或法律依据。',
    en: 'Gives no legal or policy basis.',
  },
  'time.onTime': {
    'zh-CN': '在承诺期限内答复（提前 {days} 天）。',
    en: 'Answered within the promised deadline ({days} days early).',
  },
  'time.late': {
    'zh-CN': '超过承诺期限 {days} 天才答复。',
    en: 'Answered {days} days after the promised deadline.',
  },
  'time.unknown': {
    'zh-CN': '尚未答复或没有期限，无法评价及时性。',
    en: 'Not answered yet or no deadline: timeliness cannot be judged.',
  },
};

/** The reason in words, in the caller's language. */
export function reasonText(reason: ReplyReason, locale: Locale): string {
  const t = TEXTS[reason.code]?.[locale] ?? reason.code;
  const values: Record<string, string | number> = {
    evidence: reason.evidence ?? '',
    ...reason.params,
  };
  return t.replace(/\{(\w+)\}/g, (_, n: string) => String(values[n] ?? ''));
}
