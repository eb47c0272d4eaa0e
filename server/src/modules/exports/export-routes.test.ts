import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildTestApp, type Client, login } from '../../../test/build-test-app';
import { buildStaffSet, buildWorld } from '../../../test/factories';
import { createTestDatabase, type TestDatabase } from '../../../test/test-db';
import type { BuiltApp } from '../../app';
import { guardCell } from './table-writer';

let database: TestDatabase;
let built: BuiltApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
let users: Awaited<ReturnType<typeof buildStaffSet>>;
let staff: Client;
let admin: Client;
let department: Client;

const csvRows = (body: string) =>
  body
    .replace(/^\uFEFF/, '')
    .trim()
    .split(/\r?\n/);
const auditCount = async () =>
  (
    await database.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'export.unmasked')
      .execute()
  ).length;

async function readXlsx(raw: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(raw as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const rows: string[][] = [];
  ws.eachRow((row) =>
    rows.push(
      (row.values as unknown[])
        .slice(1)
        .map((v) => (v === null || v === undefined ? '' : String(v as string))),
    ),
  );
  return rows;
}

beforeAll(async () => {
  database = await createTestDatabase();
  built = await buildTestApp(database);
  world = await buildWorld(database.db);
  users = await buildStaffSet(database.db, world);
  staff = await login(built.app, users.staff.username);
  admin = await login(built.app, users.admin.username);
  department = await login(built.app, users.department.username);
  for (const body of ['=HYPERLINK("http://evil","点我")', '夜里下班后没有公交车回宿舍']) {
    const res = await staff.post('/api/v1/troubles', {
      communityId: world.community.id,
      enterpriseId: world.enterprise.id,
      channel: 'visit',
      body,
      anonymous: false,
      reporterName: '张小明',
      reporterPhone: '13800138000',
    });
    expect(res.statusCode).toBe(201);
  }
  await staff.post('/api/v1/troubles', {
    communityId: world.community.id,
    channel: 'hotline',
    body: '匿名反映的问题内容',
    anonymous: true,
  });
});

afterAll(async () => {
  await built.app.close();
  await database.destroy();
});

describe('exports', () => {
  it('staff get a masked CSV with BOM, a safe file name and guarded formulas', async () => {
    const res = await staff.get('/api/v1/exports/troubles.csv?channel=visit');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="_+-\d{8}\.csv"; filename\*=UTF-8''%E7%83%A6%E6%81%BC/,
    );
    expect(res.headers['x-personal-data']).toBe('masked');
    const lines = csvRows(res.body);
    expect(lines[0]).toContain('查询码,社区,企业,反映人类型,反映人,联系电话');
    expect(lines).toHaveLength(3);
    expect(res.body).toContain('138****8000');
    expect(res.body).not.toContain('13800138000');
    expect(res.body).toContain('张**');
    expect(res.body).toContain(`"'=HYPERLINK(""http://evil"",""点我"")"`);
    expect(await auditCount()).toBe(0);
  });

  it('an admin (personal.unmask) gets clear data, and the export is audited', async () => {
    const res = await admin.get('/api/v1/exports/troubles.xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-personal-data']).toBe('unmasked');
    const rows = await readXlsx(res.rawPayload);
    expect(rows).toHaveLength(4);
    const header = rows[0]!;
    const phone = header.indexOf('联系电话');
    const name = header.indexOf('反映人');
    expect(
      rows
        .slice(1)
        .map((r) => r[phone] ?? '')
        .sort(),
    ).toEqual(['', '13800138000', '13800138000']);
    expect(
      rows
        .slice(1)
        .map((r) => r[name] ?? '')
        .sort(),
    ).toEqual(['匿名', '张小明', '张小明']);
    expect(rows.some((r) => r.includes(`'=HYPERLINK("http://evil","点我")`))).toBe(true);
    expect(await auditCount()).toBe(1);
    const audit = await database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'export.unmasked')
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({
      actor_user_id: users.admin.id,
      target_type: 'troubles',
      outcome: 'success',
    });

    const masked = await admin.get('/api/v1/exports/troubles.csv?mask=true');
    expect(masked.body).toContain('138****8000');
    expect(await auditCount()).toBe(1);
  });

  it('every list and index table exports with its access and scope', async () => {
    const problems = await staff.get('/api/v1/exports/problems.xlsx');
    expect((await readXlsx(problems.rawPayload))[0]).toContain('办结期限');
    const enterprises = await staff.get('/api/v1/exports/enterprises.csv');
    expect(csvRows(enterprises.body)).toHaveLength(2);
    const departments = await department.get('/api/v1/exports/departments.csv');
    expect(csvRows(departments.body)[1]).toContain(world.department.name);
    expect((await department.get('/api/v1/exports/users.csv')).statusCode).toBe(403);
    const usersCsv = await admin.get('/api/v1/exports/users.xlsx');
    // The header and one user of every role (buildStaffSet, the auditor included).
    expect((await readXlsx(usersCsv.rawPayload)).length).toBe(8);
    const index = await staff.get(
      `/api/v1/exports/trouble-index.csv?community=${world.community.id}&year=${new Date().getFullYear()}`,
    );
    expect(index.statusCode).toBe(200);
    expect(csvRows(index.body).at(-1)).toMatch(/^,合计,,3,100/);
    const rates = await admin.get('/api/v1/exports/three-rates.xlsx');
    expect((await readXlsx(rates.rawPayload))[0]).toEqual([
      '类型',
      '排名',
      '名称',
      '类问题数',
      '响应率(%)',
      '解决率(%)',
      '满意率(%)',
      '评价数',
    ]);
    expect(
      (await department.get('/api/v1/exports/troubles.csv')).body
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\n'),
    ).toHaveLength(1);
  });

  it('guards every formula start but leaves numbers alone', () => {
    expect(
      ['=1+1', '+86', '-x', '@SUM(A1)', '\tx', '\rx', 'ok', -5].map((v) => guardCell(v)),
    ).toEqual(["'=1+1", "'+86", "'-x", "'@SUM(A1)", "'\tx", "'\rx", 'ok', -5]);
  });
});
