import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import ExcelJS from 'exceljs';

import { prepareDatabase } from '../bootstrap';
import type { Config } from '../config';
import { createDeps } from '../deps';
import { createImportService, XLSX_READER_OPTIONS } from '../modules/imports';
import { ensureCommunitySettings } from '../modules/promise';
import { systemActor } from '../shared/actor';
import { systemClock } from '../shared/clock';
import { newId } from '../shared/ids';
import { freshDatabase, prng } from './bench-indices';

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

/** Peak RSS while `fn` runs, sampled every 20 ms (and the process maximum from the kernel). */
async function measured<T>(fn: () => Promise<T>) {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const t0 = performance.now();
  try {
    const result = await fn();
    return {
      result,
      ms: performance.now() - t0,
      peakMb: Math.max(peak, process.memoryUsage().rss) / 1048576,
    };
  } finally {
    clearInterval(timer);
  }
}

/** Writes an N-row troubles ledger with the exceljs streaming writer (title row, ~1% bad rows). */
async function writeLedger(file: string, rows: number, enterprises: string[]): Promise<number> {
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

/** exceljs's own streaming read of the file: the baseline rate. */
async function bareRead(file: string): Promise<number> {
  let n = 0;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, XLSX_READER_OPTIONS);
  for await (const sheet of reader) {
    for await (const row of sheet as unknown as AsyncIterable<ExcelJS.Row>) {
      if ((row.values as unknown[]).length > 0) {
        n++;
      }
    }
    break;
  }
  return n;
}

/**
 * `npx fannao bench import`: builds an N-row troubles XLSX, then in the same process times
 * exceljs's bare streaming read of it against our import (parse + validate + commit: the commit
 * pass re-reads and re-validates the file and writes the troubles, events, keys and aggregates),
 * and prints rows/s, the ratio (target ≥ 0.5) and the peak RSS (target < 300 MB).
 */
export async function benchImport(
  config: Config,
  opts: { rows: number; db: 'sqlite' | 'postgres' },
) {
  const { database, cleanup } = await freshDatabase(opts.db, config);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fannao-bench-import-'));
  const log = (s: string) => process.stdout.write(`${s}\n`);
  try {
    await prepareDatabase(database, systemClock);
    const now = systemClock.now();
    const countyId = newId();
    const communityId = newId();
    await database.db
      .insertInto('counties')
      .values({ id: countyId, name: '基准县', code: `bench-${countyId}`, created_at: now })
      .execute();
    await database.db
      .insertInto('communities')
      .values({
        id: communityId,
        county_id: countyId,
        slug: `bench-${communityId.toLowerCase()}`,
        name: '基准社区',
        code_prefix: 'BJ',
        created_at: now,
      })
      .execute();
    await ensureCommunitySettings(database.db, communityId, now);
    const enterprises = Array.from({ length: 140 }, (_, i) => `基准企业${i}有限公司`);
    await database.db
      .insertInto('enterprises')
      .values(
        enterprises.map((name) => ({
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
        })),
      )
      .execute();
    const file = path.join(dir, 'ledger.xlsx');
    const gen = await measured(() => writeLedger(file, opts.rows, enterprises));
    log(
      `built ${opts.rows.toLocaleString('en')} rows (${gen.result} bad) in ${(gen.ms / 1000).toFixed(1)} s: ${(fs.statSync(file).size / 1048576).toFixed(1)} MB XLSX`,
    );

    const bare1 = await measured(() => bareRead(file));
    const benchConfig = {
      ...config,
      imports: { ...config.imports, dir: path.join(dir, 'imports') },
    };
    const imports = createImportService(createDeps(benchConfig, database, systemClock));
    const temp = path.join(dir, 'upload.xlsx');
    fs.copyFileSync(file, temp);
    const dry = await measured(() =>
      imports.start({
        actor: systemActor,
        kind: 'troubles',
        community: communityId,
        tempFile: temp,
        fileName: 'ledger.xlsx',
        wait: true,
      }),
    );
    const commit = await measured(() =>
      imports.commit({ actor: systemActor, id: dry.result.id, wait: true }),
    );
    const bare2 = await measured(() => bareRead(file));
    const stored = Number(
      (
        await database.db
          .selectFrom('troubles')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

    const rows = bare1.result;
    const bareMs = (bare1.ms + bare2.ms) / 2;
    const rate = (ms: number) => Math.round((rows * 1000) / ms);
    const ratio = bareMs / commit.ms;
    const peakRss = Math.max(bare1.peakMb, dry.peakMb, commit.peakMb, bare2.peakMb);
    log(
      `exceljs bare streaming read: ${rate(bareMs).toLocaleString('en')} rows/s (${(bare1.ms / 1000).toFixed(2)} s, ${(bare2.ms / 1000).toFixed(2)} s)`,
    );
    log(
      `our dry run (parse + validate):  ${rate(dry.ms).toLocaleString('en')} rows/s (${(dry.ms / 1000).toFixed(2)} s; ${dry.result.counts.good} good, ${dry.result.counts.bad} bad)`,
    );
    log(
      `our import (parse + validate + commit): ${rate(commit.ms).toLocaleString('en')} rows/s (${(commit.ms / 1000).toFixed(2)} s; ${commit.result.counts.committed} committed, ${stored} troubles stored) on ${database.dialect}`,
    );
    log(
      `ratio import / bare read: ${ratio.toFixed(2)} (target ≥ 0.5) ${ratio >= 0.5 ? 'OK' : 'BELOW TARGET'}`,
    );
    log(`ratio dry run + commit / bare read: ${(bareMs / (dry.ms + commit.ms)).toFixed(2)}`);
    log(
      `peak RSS (sampled): bare read ${bare1.peakMb.toFixed(0)} MB, dry run ${dry.peakMb.toFixed(0)} MB, import ${commit.peakMb.toFixed(0)} MB; process maxRSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB incl. building the file (target < 300 MB) ${peakRss < 300 ? 'OK' : 'ABOVE TARGET'}`,
    );
  } finally {
    await cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
