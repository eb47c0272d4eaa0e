import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildTestApp, login } from '../../../test/build-test-app';
import { createTestDatabase, type TestDatabase } from '../../../test/test-db';
import type { BuiltApp } from '../../app';
import { localDayStart } from '../../shared/business-time';
import { systemClock } from '../../shared/clock';
import { loadDemo } from '../demo';
import { createMonthlyReportJob, createReportService, type ReportRecord } from './index';
import { resolveReportFonts } from './report-fonts';

let database: TestDatabase;
let built: BuiltApp;
let september: ReportRecord;

/** Runs a poppler tool; a missing tool fails the test with a clear message, never skips it. */
function poppler(tool: 'pdftotext' | 'pdffonts', args: string[]): string {
  try {
    return execFileSync(tool, args, { encoding: 'utf8' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(
        `${tool} is not installed: install poppler-utils (scripts/setup-system.sh does)`,
      );
    }
    throw error;
  }
}

/** September 2023 of 宝华 from the stored troubles: first-level category → count, and the total. */
async function septemberCounts(communityId: string) {
  const categories = await database.db
    .selectFrom('categories')
    .select(['id', 'parent_id', 'name'])
    .execute();
  const topName = (id: string | null) => {
    const c = categories.find((x) => x.id === id);
    return c ? (categories.find((x) => x.id === c.parent_id)?.name ?? c.name) : '未分类';
  };
  const troubles = await database.db
    .selectFrom('troubles')
    .select('category_id')
    .where('community_id', '=', communityId)
    .where('received_at', '>=', localDayStart('2023-09-01'))
    .where('received_at', '<', localDayStart('2023-10-01'))
    .execute();
  const counts = new Map<string, number>();
  for (const t of troubles) {
    counts.set(topName(t.category_id), (counts.get(topName(t.category_id)) ?? 0) + 1);
  }
  return { counts, total: troubles.length };
}

const share = (count: number, total: number) => Math.round((count / total) * 10_000) / 100;

function storedFile(record: ReportRecord, ext: 'pdf' | 'xlsx'): string {
  return `${database.dataDir}/reports/${record.communityId}/${record.month}.${ext}`;
}

beforeAll(async () => {
  database = await createTestDatabase();
  built = await buildTestApp(database);
  await loadDemo(database, systemClock, { fieldKey: built.deps.config.fieldKey });
  const sut = createReportService(built.deps);
  september = await sut.generate({ communityId: 'baohua', month: '2023-09' });
}, 180_000);
afterAll(async () => {
  await built.app.close();
  await database.destroy();
});

describe('monthly report of 宝华工业社区, September 2023', () => {
  it('stores the PDF and XLSX under DATA_DIR/reports/<community>/<month>', () => {
    expect(september).toMatchObject({ communityName: '宝华工业社区', month: '2023-09' });
    expect(fs.statSync(storedFile(september, 'pdf')).size).toBe(september.pdfBytes);
    expect(fs.statSync(storedFile(september, 'xlsx')).size).toBe(september.xlsxBytes);
  });

  it('writes the community, 烦恼指数 and every category with its share into the PDF text', async () => {
    const text = poppler('pdftotext', ['-layout', storedFile(september, 'pdf'), '-']);
    expect(text).toContain('宝华工业社区 烦恼指数月报 2023年9月');
    expect(text).toContain('烦恼指数排行');
    const { counts, total } = await septemberCounts(september.communityId);
    expect(total).toBeGreaterThan(0);
    const lines = text.split('\n');
    for (const [name, count] of counts) {
      const expected = share(count, total).toFixed(2);
      const row = lines.find((l) => l.includes(` ${name} `) && l.includes(` ${count} `));
      expect(row, `${name} in the ranking table`).toBeDefined();
      expect(row).toContain(expected);
    }
  });

  it("shows the year to date — the article's chart: 招工用工 13.94 %, 子女入学 7.82 % of 409", async () => {
    const text = poppler('pdftotext', ['-layout', storedFile(september, 'pdf'), '-']);
    expect(text).toContain('本年累计烦恼指数（2023年1月至9月）');
    const lines = text.split('\n');
    expect(lines.find((l) => l.includes(' 招工用工 ') && l.includes(' 57 '))).toContain('13.94');
    expect(lines.find((l) => l.includes(' 子女入学 ') && l.includes(' 32 '))).toContain('7.82');
    expect(text).toContain('本年累计收集烦恼 409 件，类问题 43 个，已办结 38 个');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(storedFile(september, 'xlsx'));
    const ytd = wb.getWorksheet('本年累计')!;
    const row = ytd.getRows(2, ytd.rowCount)!.find((r) => r.getCell(2).value === '招工用工');
    expect([row?.getCell(3).value, row?.getCell(4).value]).toEqual([57, 13.94]);
  });

  it('embeds the CJK font (subset, with a Unicode map)', () => {
    const fonts = poppler('pdffonts', [storedFile(september, 'pdf')]);
    const face = resolveReportFonts(undefined).regular.postscriptName;
    expect(fonts).toMatch(new RegExp(`\\+${face}\\s+CID.*\\byes\\s+yes\\s+yes\\b`));
  });

  it('holds the same figures in the XLSX, as numbers', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(storedFile(september, 'xlsx'));
    expect(wb.worksheets.map((s) => s.name)).toEqual(
      expect.arrayContaining(['概览', '烦恼指数', '类问题', '逾期', '三率']),
    );
    const { counts, total } = await septemberCounts(september.communityId);
    const overview = wb.getWorksheet('概览')!;
    const totalRow = overview
      .getRows(1, overview.rowCount)!
      .find((r) => r.getCell(1).value === '烦恼总数');
    expect(totalRow?.getCell(2).value).toBe(total);
    const sheet = wb.getWorksheet('烦恼指数')!;
    for (const [name, count] of counts) {
      const row = sheet.getRows(2, sheet.rowCount)!.find((r) => r.getCell(2).value === name);
      expect(row?.getCell(3).value, name).toBe(count);
      expect(row?.getCell(4).value, name).toBe(share(count, total));
      expect(row?.getCell(4).numFmt).toBe('0.00');
    }
  });
});

describe('monthly report job (indices.monthly-report)', () => {
  it('generates the previous month once per community, however often it runs', async () => {
    const job = createMonthlyReportJob(built.deps);
    const slot = Date.parse('2023-09-01T06:00:00+08:00');
    const communities = await database.db.selectFrom('communities').select('id').execute();
    const first = await job({ slot }, { now: Date.now() });
    expect(first.generated).toHaveLength(communities.length);
    const rows = () =>
      database.db.selectFrom('reports').selectAll().where('month', '=', '2023-08').execute();
    const before = await rows();
    expect(before).toHaveLength(communities.length);
    const second = await job({ slot }, { now: Date.now() });
    expect(second).toEqual({ generated: [], skipped: expect.any(Array) as string[] });
    expect(await rows()).toEqual(before);
    // 月报已生成: in-app once per recipient and (community, month), even when the job runs again.
    const ready = await database.db
      .selectFrom('notifications')
      .select('dedupe_key')
      .where('kind', '=', 'report.ready')
      .execute();
    expect(ready.length).toBeGreaterThan(0);
    expect(new Set(ready.map((r) => r.dedupe_key)).size).toBe(ready.length);
    expect(ready.every((r) => r.dedupe_key.startsWith('report-ready:'))).toBe(true);
  });

  it('regenerating a month replaces the files and updates the one row', async () => {
    const again = await createReportService(built.deps).generate({
      communityId: september.communityId,
      month: '2023-09',
    });
    expect(again.id).toBe(september.id);
    expect(again.generatedAt).toBeGreaterThanOrEqual(september.generatedAt);
    const rows = await database.db
      .selectFrom('reports')
      .select('id')
      .where('community_id', '=', september.communityId)
      .where('month', '=', '2023-09')
      .execute();
    expect(rows).toHaveLength(1);
  });
});

describe('report routes', () => {
  it('lets the community download both files with Chinese file names', async () => {
    const staff = await login(built.app, 'baohua1', 'Shequ#2023');
    const list = await staff.get(`/api/v1/reports?communityId=baohua`);
    expect(list.statusCode).toBe(200);
    expect(list.json<{ items: ReportRecord[] }>().items.map((r) => r.month)).toContain('2023-09');
    const pdf = await staff.get(`/api/v1/reports/${september.id}/file.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('宝华工业社区烦恼指数月报2023年9月.pdf')}`,
    );
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const xlsx = await staff.get(`/api/v1/reports/${september.id}/file.xlsx`);
    expect(xlsx.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
  });

  it('answers 404 to a staff user of another community', async () => {
    const url = `/api/v1/reports/${september.id}/file`;
    const own = await login(built.app, 'baohua2', 'Shequ#2023');
    expect((await own.get(`${url}.pdf`)).statusCode).toBe(200);
    const other = await login(built.app, 'tongmu1', 'Shequ#2023');
    for (const res of [
      await other.get(`${url}.pdf`),
      await other.get(`${url}.xlsx`),
      await other.get('/api/v1/reports?communityId=baohua'),
      await other.post('/api/v1/reports', { communityId: 'baohua', month: '2023-09' }),
    ]) {
      expect(res.statusCode).toBe(404);
      expect(res.json<{ code: string }>().code).toBe('NOT_FOUND');
    }
    const visible = (await other.get('/api/v1/reports')).json<{ items: ReportRecord[] }>().items;
    expect(visible.map((r) => r.communityId)).not.toContain(september.communityId);
  });

  it('refuses a month that has not begun', async () => {
    const staff = await login(built.app, 'baohua1', 'Shequ#2023');
    const res = await staff.post('/api/v1/reports', { communityId: 'baohua', month: '2999-01' });
    expect(res.statusCode).toBe(400);
  });
});
