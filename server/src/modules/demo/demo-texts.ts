import type { Channel, ReporterType } from '../../../../common/enums';
import { ON_SPOT_ANSWERS } from './demo-answers';
import type { Rng } from './demo-random';
import { LIFE_TEXTS } from './demo-texts-life';
import { WORK_TEXTS } from './demo-texts-work';

/**
 * Texts of one second-level category in the worker and enterprise voice: `title|body`, or
 * `title|body|answer` when the trouble has its own answer on the spot.
 */
export interface TextPool {
  worker: string[];
  enterprise?: string[];
}

const POOLS: Record<string, TextPool> = { ...WORK_TEXTS, ...LIFE_TEXTS };

/** The second-level categories that have texts (benchmarks compose realistic texts from them). */
export const TEXT_CATEGORIES: readonly string[] = Object.keys(POOLS);

const SLOTS: Record<string, string[]> = {
  shift: ['夜班', '白班', '中班', '两班倒', '三班倒', '早班'],
  offTime: ['晚上十点', '夜里十二点', '凌晨两点', '晚上十一点', '凌晨零点'],
  position: ['普工', '技工', '电工', '焊工', '质检员', '仓管员', '叉车司机', '操作工', 'CNC技工'],
  position2: ['文员', '电镀工', 'SMT操作员', '机修工', '品检员', '包装工'],
  child: ['儿子', '女儿', '孩子'],
  kgrade: ['小班', '中班', '大班'],
  grade: ['一年级', '二年级', '三年级', '四年级', '五年级', '初一'],
  age: ['3', '4', '5'],
  hometown: [
    '湖南醴陵',
    '湖南浏阳',
    '萍乡湘东',
    '宜春',
    '萍乡芦溪',
    '湖南攸县',
    '吉安',
    '赣州',
    '新余',
    '湖南茶陵',
    '贵州',
    '四川',
  ],
  route: ['上栗1路', '上栗3路', 'K5路', '上栗至萍乡城际公交', '园区通勤车', '上栗6路'],
  place: ['园区东门', '宝华大道', '工业二路', '湘赣大道路口', '金山镇', '县城'],
  road: ['宝华大道', '工业一路', '工业二路', '兴业路', '湘赣大道'],
  road2: ['金山路', '工业三路', '创业路'],
  hospital: ['县人民医院', '金山镇卫生院', '县中医院', '萍乡市人民医院'],
  symptom: ['发烧', '肚子疼', '头疼得厉害', '上吐下泻', '胃痛', '手被划伤', '扭伤了脚'],
  symptom2: ['咳嗽', '手脚发麻', '头晕乏力', '皮肤过敏', '听力下降'],
  injury: ['被机器夹伤了手指', '搬货时扭伤了腰', '被铁屑划伤了手'],
};

const CHANNEL_TAGS: Partial<Record<Channel, string>> = {
  forum: '【周五夜诊】',
  survey: '【问卷调查】',
  council: '【职工议事会】',
  hotline: '（来电反映）',
  grid: '（网格员上报）',
};

const CLOSINGS = ['', '', '希望社区帮忙协调。', '麻烦社区帮忙问问。', '谢谢！', '希望尽快解决。'];

export interface TextContext {
  enterpriseShort: string | null;
  enterpriseName: string | null;
  industry: string | null;
}

/** Fills `{slot}` and `{n:a-b}` placeholders; one value per slot name within one text. */
export function fill(
  rng: Rng,
  template: string,
  ctx: TextContext,
  chosen = new Map<string, string>(),
) {
  return template.replace(
    /\{([a-zA-Z0-9]+)(?::(\d+)-(\d+))?\}/g,
    (whole, name: string, a?: string, b?: string) => {
      const key = a ? whole : name;
      const known = chosen.get(key);
      if (known !== undefined) {
        return known;
      }
      let value: string;
      if (a && b) {
        value = String(rng.int(Number(a), Number(b)));
      } else if (name === 'ent') {
        value = ctx.enterpriseShort ?? '园区一家厂';
      } else if (name === 'company') {
        value = ctx.enterpriseName ?? '我们公司';
      } else if (name === 'industry') {
        value = ctx.industry ?? '电子';
      } else {
        const options = SLOTS[name];
        if (!options) {
          throw new Error(`unknown text slot ${name}`);
        }
        value = rng.pick(options);
      }
      chosen.set(key, value);
      return value;
    },
  );
}

/** Title and body of a trouble of a category, in its reporter's voice, tagged by channel. */
export function composeTrouble(
  rng: Rng,
  input: { category: string; reporterType: ReporterType; channel: Channel; ctx: TextContext },
): { title: string; body: string; answer: string | null } {
  const pool = POOLS[input.category];
  if (!pool) {
    throw new Error(`no texts for ${input.category}`);
  }
  const enterpriseVoice = input.reporterType === 'enterprise' && (pool.enterprise?.length ?? 0) > 0;
  const entries = enterpriseVoice || pool.worker.length === 0 ? pool.enterprise! : pool.worker;
  const [titleTemplate, bodyTemplate, answerTemplate] = rng.pick(entries).split('|') as [
    string,
    string,
    string | undefined,
  ];
  const chosen = new Map<string, string>();
  const title = fill(rng, titleTemplate, input.ctx, chosen);
  const closing = enterpriseVoice ? '' : rng.pick(CLOSINGS);
  const body = `${CHANNEL_TAGS[input.channel] ?? ''}${fill(rng, bodyTemplate, input.ctx, chosen)}${closing}`;
  if ([...title].length > 30) {
    throw new Error(`title too long: ${title}`);
  }
  const answer = answerTemplate ? fill(rng, answerTemplate, input.ctx, chosen) : null;
  return { title, body, answer };
}

/**
 * The answer given when a trouble of a category is solved on the spot at `at`; answers that
 * rely on a problem's solution only once `answeredAt` says that problem was answered.
 */
export function onSpotAnswer(
  rng: Rng,
  input: { category: string; at: number; answeredAt: Map<string, number>; ctx: TextContext },
): string {
  const answers = (ON_SPOT_ANSWERS[input.category] ?? []).filter((a) => {
    if (typeof a === 'string') {
      return true;
    }
    const answered = input.answeredAt.get(a.after);
    return answered !== undefined && answered < input.at;
  });
  if (answers.length === 0) {
    throw new Error(`no on-the-spot answer for ${input.category}`);
  }
  // Once the solution exists, staff point to it.
  const solved = answers.filter((a) => typeof a !== 'string');
  const chosen = solved.length > 0 && rng.chance(0.8) ? rng.pick(solved) : rng.pick(answers);
  return fill(rng, typeof chosen === 'string' ? chosen : chosen.text, input.ctx);
}
