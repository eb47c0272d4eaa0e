import { bigramTokenizer, cosine, termCounts, tfWeight } from './similar-tokens';

/**
 * 答复质量 (reply quality), formula `reply-quality/1` (docs/text-hot-and-replies.md). Pure.
 * Four scores 0–100, each with the reasons that produced it:
 * - relevance: how much the reply talks about what the reporters wrote (bigram cosine, the
 *   boilerplate of replies removed);
 * - completeness: says who acts (actor), what is or will be done (action) and by when (a date
 *   or a deadline); vague promises (尽快, 近期, 研究) do not count as a date;
 * - explainability: cites its basis — a law or regulation 《…法/条例/办法…》, an article
 *   第X条, a document number 〔2023〕12号, or 根据/依据/按照 … 规定/政策;
 * - timeliness: answered by the promise deadline (SPEC §3: resolved or formally answered
 *   within 7 days), less the later it came.
 */
export const REPLY_QUALITY_VERSION = 'reply-quality/1';

export type ReplyDimension = 'relevance' | 'completeness' | 'explainability' | 'timeliness';

export interface ReplyReason {
  dimension: ReplyDimension;
  code: string;
  effect: 'plus' | 'minus';
  /** The words of the reply that triggered the reason, if any. */
  evidence?: string;
  params?: Record<string, string | number>;
}

export interface ReplyQuality {
  version: string;
  relevance: number;
  completeness: number;
  explainability: number;
  /** null when the answer time or the deadline is unknown. */
  timeliness: number | null;
  overall: number;
  reasons: ReplyReason[];
}

export interface ReplyQualityInput {
  reply: string;
  /** The reporters' texts (trouble titles and bodies, or the message). */
  troubles: string[];
  answeredAt?: number | null;
  receivedAt?: number | null;
  /** The promised answer deadline (problem resolution deadline); default receivedAt + 7 days. */
  dueAt?: number | null;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Greeting and closing formulas of official replies: they say nothing about the matter. */
const BOILERPLATE =
  /(网友|市民|群众)?(您好|你好)|来信(已)?收悉|留言(已)?收悉|感谢(您|你)?(对|的)[^。，]*?(关心|支持|关注|监督)|现(将|就)[^。]*?(答复|回复)如下|特此(答复|回复)|谢谢|如有疑问[^。]*|联系电话[:：]?[\d\-*]+|\d{4}年\d{1,2}月\d{1,2}日$/g;

const NUM = '[一二三四五六七八九十百千零〇两\\d]';
const LAW_TITLE =
  /《[^《》]{2,40}?(法|条例|规定|办法|意见|通知|细则|标准|规范|规则|决定|解释|方案|规划|纲要|指南)》/g;
const ANY_TITLE = /《[^《》]{2,40}》/g;
const ARTICLE = new RegExp(`第${NUM}{1,5}条(第${NUM}{1,3}款)?`, 'g');
const DOC_NUMBER =
  /[\u4e00-\u9fa5]{1,8}[〔[（(【]\s?(19|20)\d{2}\s?[〕\]）)】]\s?第?\d{1,4}\s?号|〔(19|20)\d{2}〕\d{1,4}号/g;
const BASIS =
  /(根据|依据|依照|按照|遵照|参照)[^。；]{0,40}?(法|条例|规定|政策|办法|文件|标准|精神|要求)/g;
const POLICY = /(政策|规定|法律|法规|条例|标准|文件)/g;

const ACTOR =
  /(我(局|委|办|厅|院|所|站|中心|单位|部门|们|镇|街道|社区|公司)|[\u4e00-\u9fa5]{1,10}(局|委员会|委|办公室|办事处|管理处|中心|所|站|街道|社区|镇政府|乡政府|人民政府|政府|公司|物业|大队|支队|派出所|医院|学校|部门|单位|工会))/g;
const ACTION =
  /((已|已经|立即|正在|将|会|拟|计划|安排|要求|责令|督促|组织|协调|联系|约谈|核查|调查|整改|维修|修复|更换|拆除|查处|处罚|立案|落实|发放|补发|支付|退还|清理|疏通|安装|增设|开通|调整|派出|开展|受理|办理|解决|完成|追回|兑现)[\u4e00-\u9fa5]{0,8})/g;
const MONTH_DAY = `((19|20)\\d{2}年)?\\d{1,2}月(\\d{1,2}日)?`;
/** Dates that say when something is or was done, not any date (the reply's own date is cut). */
const DATE = new RegExp(
  [
    `(于|在|至|到|自|截至|预计|计划|争取|力争|将)\\s*${MONTH_DAY}`,
    `${MONTH_DAY}(前|之前|以前|底前|底|中旬|下旬|上旬|起|开始|完成|完工|竣工|投入使用)`,
    `(19|20)\\d{2}年(底|年底|内|上半年|下半年)`,
    `(本|下|这个|下个)(周|月|季度|年)(底|末|内|前)`,
    `${NUM}{1,3}个?(工作日|日|天|周|星期|月|季度)(内|之内|以内)`,
    `(年底|月底|年末|月末|春节|国庆|开学)(前|之前|以前)`,
  ].join('|'),
  'g',
);
/** The reply's own date at its end (signature), e.g. 2019年5月10日. */
const SIGNATURE_DATE = /\s*(19|20)\d{2}年\d{1,2}月\d{1,2}日\s*$/;
const VAGUE = /(尽快|尽早|近期|适时|择机|逐步|研究|酌情|待条件成熟|统筹考虑|进一步关注|持续关注)/g;

function matches(re: RegExp, text: string): string[] {
  return [...text.matchAll(re)].map((m) => m[0]);
}

function vector(text: string): Map<string, number> {
  const v = new Map<string, number>();
  for (const [t, f] of termCounts(bigramTokenizer(text))) {
    v.set(t, tfWeight(f));
  }
  return v;
}

const clamp = (x: number) => Math.max(0, Math.min(100, Math.round(x)));
const first = (xs: string[], n = 3) => [...new Set(xs)].slice(0, n).join('、');

function relevanceOf(input: ReplyQualityInput, reasons: ReplyReason[]): number {
  const reply = input.reply.replace(BOILERPLATE, ' ');
  const sim = cosine(vector(reply), vector(input.troubles.join('\n')));
  // Calibrated on the 2,816 replies of TipDM 附件4: their median cosine 0.165 maps to about 60,
  // cosine ≥ 0.28 (the top fifth) to 100.
  const score = clamp((sim / 0.28) * 100);
  reasons.push({
    dimension: 'relevance',
    code:
      score >= 60 ? 'relevance.onTopic' : score >= 30 ? 'relevance.partial' : 'relevance.offTopic',
    effect: score >= 60 ? 'plus' : 'minus',
    params: { similarity: Math.round(sim * 100) / 100 },
  });
  return score;
}

function completenessOf(fullReply: string, reasons: ReplyReason[]): number {
  const reply = fullReply.replace(SIGNATURE_DATE, '');
  const actors = matches(ACTOR, reply);
  const actions = matches(ACTION, reply);
  const dates = matches(DATE, reply);
  const vague = matches(VAGUE, reply);
  let score = 0;
  const add = (found: string[], points: number, code: string, missing: string) => {
    if (found.length > 0) {
      score += points;
      reasons.push({ dimension: 'completeness', code, effect: 'plus', evidence: first(found) });
    } else {
      reasons.push({ dimension: 'completeness', code: missing, effect: 'minus' });
    }
  };
  add(actors, 30, 'completeness.actor', 'completeness.noActor');
  add(actions, actions.length >= 2 ? 40 : 25, 'completeness.action', 'completeness.noAction');
  add(dates, 30, 'completeness.deadline', 'completeness.noDeadline');
  if (vague.length > 0 && dates.length === 0) {
    reasons.push({
      dimension: 'completeness',
      code: 'completeness.vague',
      effect: 'minus',
      evidence: first(vague),
    });
    score -= 10;
  }
  const length = [...reply.replace(/\s/g, '')].length;
  if (length < 40) {
    reasons.push({ dimension: 'completeness', code: 'completeness.tooShort', effect: 'minus' });
    score = Math.min(score, 40);
  }
  return clamp(score);
}

function explainabilityOf(reply: string, reasons: ReplyReason[]): number {
  const laws = matches(LAW_TITLE, reply);
  const titles = matches(ANY_TITLE, reply).filter((t) => !laws.includes(t));
  const articles = matches(ARTICLE, reply);
  const docs = matches(DOC_NUMBER, reply);
  const basis = matches(BASIS, reply);
  const policy = matches(POLICY, reply);
  let score = 0;
  const plus = (found: string[], points: number, code: string) => {
    if (found.length > 0) {
      score += points;
      reasons.push({ dimension: 'explainability', code, effect: 'plus', evidence: first(found) });
    }
  };
  plus(laws, 45, 'explain.law');
  plus(titles, 20, 'explain.document');
  plus(articles, 30, 'explain.article');
  plus(docs, 25, 'explain.docNumber');
  plus(basis, 20, 'explain.basis');
  if (score === 0) {
    plus(policy, 15, 'explain.policyWords');
  }
  if (score === 0) {
    reasons.push({ dimension: 'explainability', code: 'explain.none', effect: 'minus' });
  }
  return clamp(score);
}

function timelinessOf(input: ReplyQualityInput, reasons: ReplyReason[]): number | null {
  const { answeredAt, receivedAt } = input;
  const dueAt = input.dueAt ?? (receivedAt ? receivedAt + 7 * DAY_MS : null);
  if (!answeredAt || !dueAt) {
    reasons.push({ dimension: 'timeliness', code: 'time.unknown', effect: 'minus' });
    return null;
  }
  const late = answeredAt - dueAt;
  if (late <= 0) {
    reasons.push({
      dimension: 'timeliness',
      code: 'time.onTime',
      effect: 'plus',
      params: { days: Math.round((-late / DAY_MS) * 10) / 10 },
    });
    return 100;
  }
  const days = late / DAY_MS;
  reasons.push({
    dimension: 'timeliness',
    code: 'time.late',
    effect: 'minus',
    params: { days: Math.round(days * 10) / 10 },
  });
  // −30 for the first day late, then −10 per further day, at least 0.
  return clamp(70 - 10 * Math.max(0, Math.ceil(days) - 1));
}

/** Scores a reply; see the module comment for the rubric. */
export function replyQuality(input: ReplyQualityInput): ReplyQuality {
  const reasons: ReplyReason[] = [];
  const relevance = relevanceOf(input, reasons);
  const completeness = completenessOf(input.reply, reasons);
  const explainability = explainabilityOf(input.reply, reasons);
  const timeliness = timelinessOf(input, reasons);
  const parts: [number, number][] = [
    [relevance, 0.3],
    [completeness, 0.3],
    [explainability, 0.2],
  ];
  if (timeliness !== null) {
    parts.push([timeliness, 0.2]);
  }
  const overall = clamp(
    parts.reduce((s, [v, w]) => s + v * w, 0) / parts.reduce((s, [, w]) => s + w, 0),
  );
  return {
    version: REPLY_QUALITY_VERSION,
    relevance,
    completeness,
    explainability,
    timeliness,
    overall,
    reasons,
  };
}
