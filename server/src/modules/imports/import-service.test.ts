import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { testConfig } from '../../../test/build-test-app';
import { buildStaffSet, buildWorld } from '../../../test/factories';
import { messyTroublesXlsx } from '../../../test/import-files';
import { createTestDatabase, type TestDatabase } from '../../../test/test-db';
import { createDeps, type Deps } from '../../deps';
import { systemActor } from '../../shared/actor';
import { FakeClock } from '../../shared/clock';
import { rebuildAggregates } from '../indices';
import { createImportService, type ImportService } from './import-service';

let database: TestDatabase;
let deps: Deps;
let sut: ImportService;
let world: Awaited<ReturnType<typeof buildWorld>>;
let users: Awaited<ReturnType<typeof buildStaffSet>>;
const clock = new FakeClock(Date.parse('2023-10-10T02:00:00Z'));

beforeAll(async () => {
  database = await createTestDatabase({ clock });
  deps = createDeps(testConfig(database.dataDir), database, clock);
  sut = createImportService(deps);
  world = await buildWorld(database.db, clock.now());
  users = await buildStaffSet(database.db, world);
});

afterAll(async () => {
  await sut.drain();
  await deps.committer.close();
  await database.destroy();
});

function tempFile(data: Buffer | string): string {
  const file = path.join(os.tmpdir(), `import-test-${Math.random().toString(36).slice(2)}`);
  fs.writeFileSync(file, data);
  return file;
}

const troubleCount = async () =>
  Number(
    (
      await database.db
        .selectFrom('troubles')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('community_id', '=', world.community.id)
        .executeTakeFirstOrThrow()
    ).n,
  );

async function aggregatesSnapshot() {
  const tables = ['agg_trouble_days', 'agg_trouble_months', 'agg_trouble_dims'] as const;
  const out: Record<string, unknown[]> = {};
  for (const t of tables) {
    const rows = await database.db.selectFrom(t).selectAll().execute();
    out[t] = rows
      .filter((r) => r.troubles !== 0)
      .map((r) => JSON.stringify(Object.entries(r).sort()))
      .sort();
  }
  return out;
}

describe('import troubles from a messy XLSX', () => {
  let id: string;

  it('dry run reports every bad row with row, column and reason', async () => {
    const file = tempFile(await messyTroublesXlsx(world.enterprise.name));
    const view = await sut.start({
      actor: users.staff.actor,
      kind: 'troubles',
      tempFile: file,
      fileName: '烦恼台账.xlsx',
      wait: true,
    });
    id = view.id;
    expect(view.status).toBe('validated');
    expect(view.headerRow).toBe(3);
    expect(view.format).toBe('xlsx');
    const errors = view.errors.map((e) => [e.row, e.column, e.code]);
    expect(errors).toEqual([
      [7, '反映时间', 'bad_date'],
      [8, '反映内容', 'required'],
      [9, '问题类别', 'unknown_category'],
      [9, '电话', 'bad_phone'],
      [10, '企业名称', 'unknown_enterprise'],
      [11, '反映内容', 'duplicate_in_file'],
      [12, '反映内容', 'too_long'],
      [13, '涉及人数', 'bad_number'],
    ]);
    expect(view.errors.find((e) => e.row === 11)?.message).toBe('【反映内容】与文件第 4 行重复');
    expect(view.counts).toEqual({ good: 4, bad: 7, skipped: 0, committed: 0 });
    expect(view.progress.rowsRead).toBe(11);
    expect(await troubleCount()).toBe(0);
  });

  it('commit writes exactly the good rows, with events and aggregates equal to a rebuild', async () => {
    const view = await sut.commit({ actor: users.staff.actor, id, wait: true });
    expect(view.status).toBe('committed');
    expect(view.counts.committed).toBe(4);
    expect(await troubleCount()).toBe(4);
    const rows = await database.db
      .selectFrom('troubles')
      .selectAll()
      .where('community_id', '=', world.community.id)
      .orderBy('received_at')
      .execute();
    expect(rows.map((r) => new Date(r.received_at).toISOString())).toEqual([
      '2023-08-31T16:00:00.000Z', // serial 45170 = 2023-09-01 00:00 Beijing
      '2023-09-01T00:30:00.000Z', // 2023-09-01 08:30 Beijing
      '2023-09-01T16:00:00.000Z', // ２０２３年９月２日
      '2023-09-07T16:00:00.000Z', // 20230908
    ]);
    const li = rows.find((r) => r.reporter_name === '李四')!;
    expect(deps.crypto.decrypt(li.reporter_phone_enc!)).toBe('13800138001');
    expect(li.workers_affected).toBe(2);
    expect(rows.every((r) => r.channel === 'import' && r.status === 'received')).toBe(true);
    expect(rows.find((r) => r.reporter_name === null)?.reporter_type).toBe('anonymous');
    const events = await database.db
      .selectFrom('events')
      .select('entity_id')
      .where('entity_type', '=', 'trouble')
      .where('action', '=', 'receive')
      .where(
        'entity_id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    expect(events).toHaveLength(4);
    const incremental = await aggregatesSnapshot();
    await database.db.transaction().execute((trx) => rebuildAggregates(trx));
    expect(await aggregatesSnapshot()).toEqual(incremental);
  });

  it('importing the same file again creates no duplicates', async () => {
    const file = tempFile(await messyTroublesXlsx(world.enterprise.name));
    const again = await sut.start({
      actor: users.staff.actor,
      kind: 'troubles',
      tempFile: file,
      fileName: '烦恼台账.xlsx',
      wait: true,
    });
    expect(again.counts).toEqual({ good: 0, bad: 7, skipped: 4, committed: 0 });
    const done = await sut.commit({ actor: users.staff.actor, id: again.id, wait: true });
    expect(done.counts.committed).toBe(0);
    expect(await troubleCount()).toBe(4);
  });

  it('the bad rows come back as XLSX with the reason column and re-import after fixing', async () => {
    const bad = await sut.badRows(users.staff.actor, id);
    const { PassThrough } = await import('node:stream');
    const { writeErrorsFile } = await import('./errors-file');
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    await writeErrorsFile(bad, out, 'zh-CN');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual([
      '反映时间',
      '姓名',
      '电话',
      '企业名称',
      '问题类别',
      '反映内容',
      '涉及人数',
      '错误原因',
    ]);
    expect(ws.rowCount).toBe(8);
    expect(ws.getRow(2).getCell(8).text).toBe('第 7 行：【反映时间】日期无法识别：“2023-13-45”');
    expect(ws.getRow(2).getCell(1).text).toBe('2023-13-45');
    // The user fixes the date of row 7 and uploads the file again: one more good row.
    ws.getRow(2).getCell(1).value = '2023-09-09';
    const fixed = tempFile(Buffer.from(await wb.xlsx.writeBuffer()));
    const view = await sut.start({
      actor: users.staff.actor,
      kind: 'troubles',
      tempFile: fixed,
      fileName: '错误行.xlsx',
      wait: true,
    });
    expect(view.headerRow).toBe(1);
    expect(view.counts.good).toBe(1);
    expect(view.errors[0]).toMatchObject({ row: 3, code: 'required' });
    await sut.commit({ actor: users.staff.actor, id: view.id, wait: true });
    expect(await troubleCount()).toBe(5);
  });

  it('staff of another community cannot see the import', async () => {
    await expect(sut.get({ ...users.staff.actor, communityId: 'other' }, id)).rejects.toMatchObject(
      { code: 'NOT_FOUND' },
    );
  });
});

describe('import enterprises from a GBK CSV', () => {
  it('detects GB18030, reports bad rows and commits the good ones', async () => {
    const csv = [
      '企业名称,所属行业,员工人数,联系人,联系电话',
      '萍乡市新星电子有限公司,电子,２５０,刘经理,13912345678',
      '上栗县红旗花炮厂,花炮,80,,',
      `${world.enterprise.name},线路板,300,,`,
      ',无名,10,,',
      '江西省飞达科技有限公司,机械,十人,,1391234',
      '萍乡市新星电子有限公司,电子,250,,',
      '',
      '',
    ].join('\r\n');
    const file = tempFile(iconv.encode(csv, 'gbk'));
    const view = await sut.start({
      actor: users.admin.actor,
      kind: 'enterprises',
      community: world.community.slug,
      tempFile: file,
      fileName: 'qiye.csv',
      wait: true,
    });
    expect(view.encoding).toBe('GBK/GB18030');
    expect(view.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [4, '企业名称', 'duplicate_existing'],
      [5, '企业名称', 'required'],
      [6, '员工人数', 'bad_number'],
      [6, '联系电话', 'bad_phone'],
      [7, '企业名称', 'duplicate_in_file'],
    ]);
    expect(view.counts.good).toBe(2);
    await sut.commit({ actor: users.admin.actor, id: view.id, wait: true });
    const names = await database.db
      .selectFrom('enterprises')
      .select(['name', 'employee_count', 'size'])
      .where('community_id', '=', world.community.id)
      .orderBy('name')
      .execute();
    expect(names).toHaveLength(3);
    expect(names.find((n) => n.name === '萍乡市新星电子有限公司')).toMatchObject({
      employee_count: 250,
      size: 'small',
    });
  });

  it('refuses departments to staff and a file without the required column', async () => {
    await expect(
      sut.start({
        actor: users.staff.actor,
        kind: 'departments',
        tempFile: tempFile('部门名称\n教育局\n'),
        fileName: 'd.csv',
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      sut.start({
        actor: systemActor,
        kind: 'departments',
        tempFile: tempFile('简称\n教育局\n'),
        fileName: 'd.csv',
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', params: { reason: 'importMissingColumns' } });
  });
});
