import { fileURLToPath } from 'node:url';

import ExcelJS from 'exceljs';

import { newId } from '../shared/ids';
import { prng } from './bench-indices';

/** The enterprises the benchmark ledger names (the benchmark creates them first). */
export const BENCH_ENTERPRISES = Array.from({ length: 140 }, (_, i) => `基准企业${i}有限公司`);

/** The enterprise rows of the bench's community, as the built file names them. */
export function benchEnterpriseRows(communityId: string, now: number) {
  return BENCH_ENTERPRISES.map((name) => ({
    id: newId(),
    community_id: communityId,
    name,
    industry: '电子',
    size: 'small' as const,
    employee_count: 100,
    contact_name: null,
    contact_phone_enc: null,
    address: null,
    active: 1 as const,
    created_at: now,
    updated_at: now,
  }));
}

const BODIES = [
  '试产前急招普工、技工、文员，招聘效果不理想',
  '孩子在本地上学难，希望社区协调学位',
  '晚上下班后看病不方便，社区医院八点就关门',
  '夜里下班没有公交车回宿舍，希望增开夜班车',
  '食堂饭菜价格偏高，品种少',
  '社保缴纳基数有疑问，希望有人讲解政策',
  '宿舍热水供应时间太短',
  '园区道路晚上路灯不亮，存在安全隐患',
];
const CATEGORIES = [
  '招工难',
  '中小学入学',
  '夜间看病',
  '公交线路',
  '食堂餐饮',
  '社保缴纳',
  '宿舍住房',
  '环境与治安',
];
const CHANNELS = ['走访', '周五夜诊', '问卷', '电话', ''];

/** Writes an N-row troubles ledger with the exceljs streaming writer (title row, ~1% bad rows). */
export async function writeLedger(
  file: string,
  rows: number,
  enterprises: string[],
): Promise<number> {
  const random = prng(7);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: file,
    useSharedStrings: true,
    useStyles: true,
  });
  const ws = wb.addWorksheet('烦恼台账');
  ws.addRow(['宝华工业社区烦恼台账（导入基准）']).commit();
  ws.addRow([
    '反映时间',
    '反映人',
    '联系电话',
    '企业名称',
    '问题类别',
    '反映内容',
    '涉及人数',
    '渠道',
  ]).commit();
  const start = Date.UTC(2023, 0, 1);
  let bad = 0;
  for (let i = 0; i < rows; i++) {
    const broken = random() < 0.01;
    bad += broken ? 1 : 0;
    const at = new Date(start + Math.floor(random() * 300 * 86_400_000));
    const row = ws.addRow([
      broken ? '2023-13-45' : at,
      `职工${i % 5000}`,
      `139${String(10_000_000 + (i % 89_999_999)).padStart(8, '0')}`,
      enterprises[i % enterprises.length],
      CATEGORIES[i % CATEGORIES.length],
      `${BODIES[i % BODIES.length]}（第 ${i} 条）`,
      1 + (i % 7),
      CHANNELS[i % CHANNELS.length],
    ]);
    if (!broken) {
      row.getCell(1).numFmt = 'yyyy-mm-dd hh:mm';
    }
    row.commit();
  }
  ws.commit();
  await wb.commit();
  return bad;
}

// `node --import tsx bench-import-build.ts <file> <rows>` (spawned by `npx fannao bench import`):
// prints the number of deliberately bad rows.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const bad = await writeLedger(process.argv[2]!, Number(process.argv[3]), BENCH_ENTERPRISES);
  process.stdout.write(`${bad}\n`);
}
