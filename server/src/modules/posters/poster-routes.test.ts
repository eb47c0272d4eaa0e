import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import QRCode from 'qrcode';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildTestApp, type Client, login } from '../../../test/build-test-app';
import {
  buildCommunity,
  buildEnterprise,
  buildStaffSet,
  buildUser,
  buildWorld,
} from '../../../test/factories';
import { createTestDatabase, type TestDatabase } from '../../../test/test-db';
import type { BuiltApp } from '../../app';
import { A4, qrGeometry, qrMatrix } from './poster-layout';

let database: TestDatabase;
let built: BuiltApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
let staff: Client;
let tmp: string;

const PUBLIC_URL = 'https://fannao.example.cn';

beforeAll(async () => {
  database = await createTestDatabase();
  built = await buildTestApp(database, { env: { PUBLIC_URL } });
  world = await buildWorld(database.db);
  const users = await buildStaffSet(database.db, world);
  staff = await login(built.app, users.staff.username);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fannao-poster-'));
});
afterAll(async () => {
  await built.app.close();
  await database.destroy();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Text of a PDF as poppler's pdftotext reads it (what a printer or reader would show). */
function pdfText(pdf: Buffer): { text: string; pages: number } {
  const file = path.join(tmp, `p-${Date.now()}.pdf`);
  fs.writeFileSync(file, pdf);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return { text, pages: Number(/Pages:\s+(\d+)/.exec(info)?.[1]) };
}

const reportUrlOf = (enterpriseId: string) => `${PUBLIC_URL}/report?enterprise=${enterpriseId}`;

describe('QR posters (扫码海报)', () => {
  it('prints an A4 PDF with the enterprise, its community and the instructions', async () => {
    const res = await staff.get(`/api/v1/enterprises/${world.enterprise.id}/qr-poster.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const { text, pages } = pdfText(res.rawPayload);
    expect(pages).toBe(1);
    const flat = text.replace(/\s+/g, '');
    expect(flat).toContain(world.enterprise.name);
    expect(flat).toContain(world.community.name);
    expect(flat).toContain('扫码反映');
    expect(flat).toContain('24小时内协调落实');
    expect(flat).toContain(reportUrlOf(world.enterprise.id));
  });

  it('draws a QR code that encodes exactly the report URL of the enterprise', async () => {
    const res = await staff.get(`/api/v1/enterprises/${world.enterprise.id}/qr-poster.png`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    const { data, info } = await sharp(res.rawPayload)
      .greyscale()
      .raw()
      .toBuffer({ resolveWithObject: true });
    expect(info.width).toBe(Math.round(A4.width * (150 / 72)));
    // Read the module grid back from the pixels at each module's centre…
    const expected = QRCode.create(reportUrlOf(world.enterprise.id), { errorCorrectionLevel: 'M' });
    const size = expected.modules.size;
    const { moduleSize, origin } = qrGeometry(qrMatrix(reportUrlOf(world.enterprise.id)));
    const scale = info.width / A4.width;
    const read: number[] = [];
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const px = Math.floor((origin.x + (x + 0.5) * moduleSize) * scale);
        const py = Math.floor((origin.y + (y + 0.5) * moduleSize) * scale);
        read.push(data[py * info.width + px]! < 128 ? 1 : 0);
      }
    }
    // …and compare it with the symbol the qrcode library makes for the exact URL.
    expect(read).toEqual(Array.from(expected.modules.data));
    // A different enterprise would give a different symbol.
    const other = QRCode.create(reportUrlOf('01HZZZZZZZZZZZZZZZZZZZZZZZ'), {
      errorCorrectionLevel: 'M',
    });
    expect(read).not.toEqual(Array.from(other.modules.data));
  });

  it('prints every enterprise of a community in one PDF, one page each', async () => {
    const second = await buildEnterprise(database.db, world.community.id);
    const res = await staff.get(`/api/v1/communities/${world.community.id}/qr-posters.pdf`);
    expect(res.statusCode).toBe(200);
    const { text, pages } = pdfText(res.rawPayload);
    const flat = text.replace(/\s+/g, '');
    expect(pages).toBe(2);
    expect(flat).toContain(world.enterprise.name);
    expect(flat).toContain(second.name);
  });

  it('keeps posters within scope: another community is 404, other roles are 403', async () => {
    const elsewhere = await buildCommunity(database.db, world.county.id);
    const foreign = await buildEnterprise(database.db, elsewhere.id);
    const notMine = await staff.get(`/api/v1/enterprises/${foreign.id}/qr-poster.pdf`);
    expect(notMine.statusCode).toBe(404);
    expect(notMine.json<{ code: string }>().code).toBe('NOT_FOUND');
    const batch = await staff.get(`/api/v1/communities/${elsewhere.id}/qr-posters.pdf`);
    expect(batch.statusCode).toBe(404);
    const dept = await buildUser(database.db, {
      role: 'department',
      countyId: world.county.id,
      departmentId: world.department.id,
    });
    const deptClient = await login(built.app, dept.username);
    const refused = await deptClient.get(
      `/api/v1/enterprises/${world.enterprise.id}/qr-poster.png`,
    );
    expect(refused.statusCode).toBe(403);
  });
});
