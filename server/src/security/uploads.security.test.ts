import fs from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';

import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { anonymousClient, buildTestApp, type Client } from '../../test/build-test-app';
import { buildWorld } from '../../test/factories';
import { multipart, smallPng } from '../../test/security-world';
import { createTestDatabase, type TestDatabase } from '../../test/test-db';
import type { BuiltApp } from '../app';

/**
 * Uploads (issue 8; ASVS 5.2.1–5.2.3, 5.3.2): content that is not what its name says, an
 * oversized file, decompression bombs and a path in the file name are all refused, and a refused
 * upload leaves no file on disk and no row behind.
 */

const MAX_BYTES = 300_000;
let database: TestDatabase;
let built: BuiltApp;
let anon: Client;
let communityId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  built = await buildTestApp(database, { env: { UPLOAD_MAX_BYTES: String(MAX_BYTES) } });
  anon = anonymousClient(built.app);
  communityId = (await buildWorld(database.db)).community.id;
});
afterAll(async () => {
  await built.app.close();
  await database.destroy();
});

function filesOnDisk(): string[] {
  const dir = built.deps.config.uploadDir;
  if (!fs.existsSync(dir)) {
    return [];
  }
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => fs.statSync(path.join(dir, f)).isFile());
}

async function attachmentCount(): Promise<number> {
  const r = await database.db
    .selectFrom('attachments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

async function upload(filename: string, contentType: string, data: Buffer) {
  return anon.request({
    method: 'POST',
    url: '/api/v1/uploads',
    ...multipart(filename, contentType, data),
  });
}

/** A PNG whose header claims width × height, with a 1-bit grey image of zeros deflated inside. */
function pngBomb(width: number, height: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) {
      c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    }
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) {
      c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
    }
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 1; // bit depth
  ihdr[9] = 0; // greyscale
  const row = 1 + Math.ceil(width / 8);
  const idat = deflateSync(Buffer.alloc(row * height), { level: 9 });
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', idat),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A ZIP archive with one stored entry (a zip bomb's container; refused by its magic bytes). */
function zipFile(): Buffer {
  const name = Buffer.from('bomb.txt');
  const data = Buffer.alloc(1024, 0x30);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(name.length, 26);
  return Buffer.concat([local, name, data]);
}

describe('uploads', () => {
  const refused: [string, string, string, () => Promise<Buffer> | Buffer, number[]][] = [
    [
      'an HTML page named .jpg',
      'photo.jpg',
      'image/jpeg',
      () => Buffer.from('<!DOCTYPE html><html><body><script>alert(1)</script></body></html>'),
      [415],
    ],
    [
      'a PDF named .jpg',
      'scan.jpg',
      'image/jpeg',
      () => Buffer.from('%PDF-1.7\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF'),
      [415],
    ],
    ['a ZIP archive named .jpg', 'archive.jpg', 'image/jpeg', zipFile, [415]],
    [
      'an SVG with a script named .png',
      'logo.png',
      'image/png',
      () => Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      [415],
    ],
    ['an empty file', 'empty.jpg', 'image/jpeg', () => Buffer.alloc(0), [415]],
    [
      'a truncated PNG',
      'cut.png',
      'image/png',
      async () => (await smallPng()).subarray(0, 40),
      [415],
    ],
    [
      'a 20,000 × 20,000 pixel PNG bomb',
      'bomb.png',
      'image/png',
      () => pngBomb(20_000, 20_000),
      [415, 422],
    ],
    [
      'a 10,000 × 10,000 pixel PNG bomb (over the pixel limit)',
      'bomb2.png',
      'image/png',
      () => pngBomb(10_000, 10_000),
      [415, 422],
    ],
    ['a path in the file name', '../../etc/passwd.jpg', 'image/png', smallPng, [400]],
    ['a Windows path in the file name', '..\\..\\boot.png', 'image/png', smallPng, [400]],
  ];

  for (const [what, filename, type, make, statuses] of refused) {
    it(`refuses ${what}, storing nothing`, async () => {
      const filesBefore = filesOnDisk();
      const rowsBefore = await attachmentCount();
      const res = await upload(filename, type, await make());
      expect(statuses).toContain(res.statusCode);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(filesOnDisk()).toEqual(filesBefore);
      expect(await attachmentCount()).toBe(rowsBefore);
    });
  }

  it('refuses a file over UPLOAD_MAX_BYTES with 413, storing nothing', async () => {
    const filesBefore = filesOnDisk();
    const big = await sharp({
      create: { width: 900, height: 900, channels: 3, background: { r: 1, g: 2, b: 3 } },
    })
      .png({ compressionLevel: 0 })
      .toBuffer();
    expect(big.length).toBeGreaterThan(MAX_BYTES);
    const res = await upload('big.png', 'image/png', big);
    expect(res.statusCode).toBe(413);
    expect(res.json<{ code: string }>().code).toBe('PAYLOAD_TOO_LARGE');
    expect(filesOnDisk()).toEqual(filesBefore);
  });

  it('re-encodes a JPEG/HTML polyglot: the trailing payload is gone and the file is served as nosniff JPEG', async () => {
    const jpeg = await sharp({
      create: { width: 16, height: 16, channels: 3, background: { r: 0, g: 90, b: 0 } },
    })
      .jpeg()
      .toBuffer();
    const payload = '<html><script>alert(document.cookie)</script></html>';
    const res = await upload('evil.jpg', 'image/jpeg', Buffer.concat([jpeg, Buffer.from(payload)]));
    expect(res.statusCode).toBe(201);
    const { id } = res.json<{ id: string }>();
    const row = await database.db
      .selectFrom('attachments')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.storage_name).toMatch(/^\d{4}-\d{2}\/[A-Za-z0-9_-]+\.jpg$/);
    const stored = fs.readFileSync(path.join(built.deps.config.uploadDir, row.storage_name));
    expect(stored.includes(Buffer.from('<script'))).toBe(false);
    expect(stored.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));

    const trouble = await anon.post('/api/v1/troubles', {
      communityId,
      body: '宿舍墙面渗水发霉。',
      attachmentIds: [id],
    });
    expect(trouble.statusCode).toBe(201);
    const { buildUser } = await import('../../test/factories');
    const { login } = await import('../../test/build-test-app');
    const c = await database.db
      .selectFrom('communities')
      .select('county_id')
      .where('id', '=', communityId)
      .executeTakeFirstOrThrow();
    const staff = await buildUser(database.db, {
      role: 'staff',
      countyId: c.county_id,
      communityId,
    });
    const client = await login(built.app, staff.username);
    const served = await client.get(
      `/api/v1/troubles/${trouble.json<{ id: string }>().id}/attachments/${id}`,
    );
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/jpeg');
    expect(served.headers['x-content-type-options']).toBe('nosniff');
    expect(String(served.headers['content-disposition'])).toBe(`inline; filename="${id}.jpg"`);
  });
});
