import fs from 'node:fs';

import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { anonymousClient, buildTestApp, login } from '../../../test/build-test-app';
import { buildStaffSet, buildWorld } from '../../../test/factories';
import { createTestDatabase, type TestDatabase } from '../../../test/test-db';
import type { BuiltApp } from '../../app';

let database: TestDatabase;
let built: BuiltApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
let users: Awaited<ReturnType<typeof buildStaffSet>>;

beforeAll(async () => {
  database = await createTestDatabase();
  built = await buildTestApp(database, { env: { UPLOAD_MAX_BYTES: String(200 * 1024) } });
  world = await buildWorld(database.db);
  users = await buildStaffSet(database.db, world);
});
afterAll(async () => {
  await built.app.close();
  await database.destroy();
});

function multipart(filename: string, contentType: string, data: Buffer) {
  const boundary = '----fannao-test-boundary';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, data, tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

const upload = (filename: string, type: string, data: Buffer) => {
  const m = multipart(filename, type, data);
  return built.app.inject({
    method: 'POST',
    url: '/api/v1/uploads',
    payload: m.payload,
    headers: m.headers,
  });
};

describe('photo uploads', () => {
  it('re-encodes a real image, strips metadata, stores it outside the web root and serves it only in scope', async () => {
    const png = await sharp({
      create: { width: 320, height: 200, channels: 3, background: '#c00' },
    })
      .withMetadata({ exif: { IFD0: { Copyright: 'secret-location' } } })
      .png()
      .toBuffer();
    // A path in the name is refused (security/uploads.security.test.ts); this name is ignored.
    const res = await upload('IMG_0001.png', 'image/png', png);
    expect(res.statusCode).toBe(201);
    const { id } = res.json<{ id: string }>();
    const row = await database.db
      .selectFrom('attachments')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.storage_name).toMatch(/^\d{4}-\d{2}\/[0-9A-Z]{26}\.jpg$/);
    expect(row.mime).toBe('image/jpeg');
    const stored = fs.readFileSync(`${database.dataDir}/uploads/${row.storage_name}`);
    expect(stored.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    expect(stored.includes(Buffer.from('secret-location'))).toBe(false);

    const anon = anonymousClient(built.app);
    const t = await anon.post('/api/v1/troubles', {
      enterpriseId: world.enterprise.id,
      body: '厂区门口积水。',
      attachmentIds: [id],
    });
    expect(t.statusCode).toBe(201);
    const troubleId = t.json<{ id: string }>().id;
    // The same upload cannot be attached twice.
    const again = await anon.post('/api/v1/troubles', {
      enterpriseId: world.enterprise.id,
      body: '重复附件',
      attachmentIds: [id],
    });
    expect(again.statusCode).toBe(422);

    const staff = await login(built.app, users.staff.username);
    const file = await staff.get(`/api/v1/troubles/${troubleId}/attachments/${id}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/jpeg');
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect((await anon.get(`/api/v1/troubles/${troubleId}/attachments/${id}`)).statusCode).toBe(
      401,
    );
  });

  it.each([
    [
      'HTML disguised as a JPEG',
      'photo.jpg',
      'image/jpeg',
      Buffer.from('<html><script>alert(1)</script></html>'),
    ],
    [
      'an SVG with a script',
      'x.svg',
      'image/svg+xml',
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
    ],
    ['an empty file', 'empty.png', 'image/png', Buffer.alloc(0)],
    [
      'a truncated PNG',
      'broken.png',
      'image/png',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
    ],
  ])('rejects %s by its content', async (_label, name, type, data) => {
    const before = await database.db
      .selectFrom('attachments')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const res = await upload(name, type, data);
    expect(res.statusCode).toBe(415);
    expect(res.json<{ code: string }>().code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const after = await database.db
      .selectFrom('attachments')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('rejects a file over the size limit with 413', async () => {
    const big = await sharp({
      create: { width: 1500, height: 1500, channels: 3, background: '#123' },
    })
      .png({ compressionLevel: 0 })
      .toBuffer();
    const res = await upload('big.png', 'image/png', big);
    expect(res.statusCode).toBe(413);
    expect(res.json<{ code: string; detail: string }>()).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      detail: '文件过大，上限为 200 KB。',
    });
  });
});

describe('orphan uploads', () => {
  it('deletes uploads never attached to a trouble after a day, with their files', async () => {
    const png = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#0c0' } })
      .png()
      .toBuffer();
    const { id } = (await upload('o.png', 'image/png', png)).json<{ id: string }>();
    const row = await database.db
      .selectFrom('attachments')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const file = `${database.dataDir}/uploads/${row.storage_name}`;
    expect(fs.existsSync(file)).toBe(true);
    expect(await built.services.uploads.deleteOrphans(row.created_at + 60_000)).toBe(0);
    expect(
      await built.services.uploads.deleteOrphans(row.created_at + 25 * 3_600_000),
    ).toBeGreaterThanOrEqual(1);
    expect(fs.existsSync(file)).toBe(false);
    expect(
      await database.db
        .selectFrom('attachments')
        .select('id')
        .where('id', '=', id)
        .executeTakeFirst(),
    ).toBeUndefined();
    const attached = await database.db
      .selectFrom('attachments')
      .select('id')
      .where('trouble_id', 'is not', null)
      .execute();
    expect(attached.length).toBeGreaterThan(0); // attached photos are never touched
  });
});
