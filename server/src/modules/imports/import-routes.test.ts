import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildTestApp, type Client, login } from '../../../test/build-test-app';
import { buildCommunity, buildStaffSet, buildUser, buildWorld } from '../../../test/factories';
import { messyTroublesXlsx } from '../../../test/import-files';
import { createTestDatabase, type TestDatabase } from '../../../test/test-db';
import type { BuiltApp } from '../../app';

let database: TestDatabase;
let built: BuiltApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
let staff: Client;
let otherStaff: Client;
let admin: Client;
let department: Client;

/** A multipart/form-data body with one file part (and optional text fields). */
function multipart(file: Buffer, fileName: string, fields: Record<string, string> = {}) {
  const boundary = `----fannao${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(
      Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
    );
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${fileName}"\r\ncontent-type: application/octet-stream\r\n\r\n`,
    ),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

async function upload(
  client: Client,
  url: string,
  file: Buffer,
  name: string,
  fields?: Record<string, string>,
) {
  const body = multipart(file, name, fields);
  return client.request({ method: 'POST', url, payload: body.payload, headers: body.headers });
}

async function settled(client: Client, id: string) {
  for (let i = 0; i < 200; i++) {
    const view = (await client.get(`/api/v1/imports/${id}`)).json<{ status: string }>();
    if (view.status !== 'validating' && view.status !== 'committing') {
      return view as {
        status: string;
        counts: Record<string, number>;
        errors: { row: number; code: string }[];
      };
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('import did not settle');
}

beforeAll(async () => {
  database = await createTestDatabase();
  built = await buildTestApp(database, {
    env: { IMPORT_MAX_BYTES: '2000000', IMPORT_MAX_UNCOMPRESSED_BYTES: '1048576' },
  });
  world = await buildWorld(database.db);
  const users = await buildStaffSet(database.db, world);
  const other = await buildCommunity(database.db, world.county.id);
  const otherUser = await buildUser(database.db, {
    role: 'staff',
    countyId: world.county.id,
    communityId: other.id,
  });
  staff = await login(built.app, users.staff.username);
  otherStaff = await login(built.app, otherUser.username);
  admin = await login(built.app, users.admin.username);
  department = await login(built.app, users.department.username);
});

afterAll(async () => {
  await built.app.close();
  await database.destroy();
});

describe('/api/v1/imports', () => {
  it('uploads, validates, shows errors, serves bad rows and commits', async () => {
    const res = await upload(
      staff,
      '/api/v1/imports?kind=troubles',
      await messyTroublesXlsx(world.enterprise.name),
      '台账.xlsx',
    );
    expect(res.statusCode).toBe(202);
    const id = res.json<{ id: string }>().id;
    const view = await settled(staff, id);
    expect(view.status).toBe('validated');
    expect(view.counts).toMatchObject({ good: 4, bad: 7 });
    expect(view.errors.map((e) => e.row)).toEqual([7, 8, 9, 9, 10, 11, 12, 13]);

    const english = await staff.request({
      method: 'GET',
      url: `/api/v1/imports/${id}?errors=1`,
      headers: { 'accept-language': 'en' },
    });
    expect(english.json<{ errors: { message: string }[] }>().errors).toEqual([
      expect.objectContaining({ message: '反映时间 is not a date: "2023-13-45"' }),
    ]);

    const xlsx = await staff.get(`/api/v1/imports/${id}/errors.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-disposition']).toContain(
      "filename*=UTF-8''%E5%8F%B0%E8%B4%A6-%E9%94%99%E8%AF%AF%E8%A1%8C.xlsx",
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.rowCount).toBe(8);

    expect((await otherStaff.get(`/api/v1/imports/${id}`)).statusCode).toBe(404);
    expect((await otherStaff.post(`/api/v1/imports/${id}/commit`)).statusCode).toBe(404);
    const noCsrf = await staff.request({
      method: 'POST',
      url: `/api/v1/imports/${id}/commit`,
      headers: { 'x-csrf-token': 'wrong' },
    });
    expect(noCsrf.json<{ code: string }>().code).toBe('CSRF_FAILED');

    const commit = await staff.post(`/api/v1/imports/${id}/commit`);
    expect(commit.statusCode).toBe(202);
    expect((await settled(staff, id)).counts.committed).toBe(4);
    const again = await staff.post(`/api/v1/imports/${id}/commit`);
    expect(again.json<{ code: string }>().code).toBe('RULE_VIOLATION');
  });

  it('checks role, scope, CSRF, file type and size', async () => {
    const csv = Buffer.from('部门名称,简称\n县教育局,教育局\n');
    expect(
      (await upload(department, '/api/v1/imports?kind=troubles', csv, 'a.csv')).statusCode,
    ).toBe(403);
    expect(
      (await upload(staff, '/api/v1/imports?kind=departments', csv, 'a.csv')).json<{
        code: string;
      }>().code,
    ).toBe('FORBIDDEN');
    const elsewhere = await upload(
      staff,
      `/api/v1/imports?kind=enterprises&community=${world.community.id}x`,
      csv,
      'a.csv',
    );
    expect(elsewhere.statusCode).toBe(404);
    const body = multipart(csv, 'a.csv', { kind: 'departments' });
    const forged = await admin.request({
      method: 'POST',
      url: '/api/v1/imports',
      payload: body.payload,
      headers: { ...body.headers, 'x-csrf-token': 'nope' },
    });
    expect(forged.statusCode).toBe(403);
    const ok = await upload(admin, '/api/v1/imports', csv, 'bumen.csv', { kind: 'departments' });
    expect(ok.statusCode).toBe(202);
    expect((await settled(admin, ok.json<{ id: string }>().id)).counts.good).toBe(1);

    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const bad = await upload(admin, '/api/v1/imports?kind=departments', png, 'x.csv');
    expect([bad.statusCode, bad.json<{ code: string }>().code]).toEqual([
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ]);
    const big = await upload(
      admin,
      '/api/v1/imports?kind=departments',
      Buffer.alloc(2_100_000, 0x41),
      'big.csv',
    );
    expect([big.statusCode, big.json<{ code: string }>().code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    const noHeader = await upload(
      admin,
      '/api/v1/imports?kind=departments',
      Buffer.from('a,b\n1,2\n'),
      'x.csv',
    );
    expect(noHeader.statusCode).toBe(400);
    expect(noHeader.headers['content-type']).toContain('application/problem+json');
  });

  it('refuses an XLSX whose parts would expand too much (zip bomb)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('s');
    ws.addRow(['部门名称']);
    for (let i = 0; i < 40_000; i++) {
      ws.addRow(['县教育局'.repeat(20)]);
    }
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await upload(admin, '/api/v1/imports?kind=departments', file, 'bomb.xlsx');
    expect(res.json<{ code: string; detail: string }>()).toMatchObject({ code: 'BAD_REQUEST' });
    expect(res.json<{ detail: string }>().detail).toContain('压缩炸弹');
  });
});
