import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { anonymousClient, buildTestApp, type Client, login } from '../../../test/build-test-app';
import { buildCommunity, buildStaffSet, buildUser, buildWorld } from '../../../test/factories';
import { createTestDatabase, type TestDatabase } from '../../../test/test-db';
import type { BuiltApp } from '../../app';

let database: TestDatabase;
let built: BuiltApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
let users: Awaited<ReturnType<typeof buildStaffSet>>;
let staff: Client;
let admin: Client;
let foreignStaff: Client;
let worker: Client;

const categoryId = async (code: string) =>
  (
    await database.db
      .selectFrom('categories')
      .select('id')
      .where('code', '=', code)
      .executeTakeFirstOrThrow()
  ).id;

async function report(body: string): Promise<string> {
  const res = await staff.post('/api/v1/troubles', { body, channel: 'visit' });
  expect(res.statusCode).toBe(201);
  return res.json<{ id: string }>().id;
}

interface Suggestions {
  category: {
    categoryId: string | null;
    categoryName: string | null;
    confidence: number;
    choose: boolean;
    alternatives: { categoryId: string; categoryName: string; confidence: number }[];
  };
  similar: { problemId: string; title: string; status: string; score: number }[];
}

beforeAll(async () => {
  database = await createTestDatabase();
  built = await buildTestApp(database);
  world = await buildWorld(database.db);
  users = await buildStaffSet(database.db, world);
  const other = await buildCommunity(database.db, world.county.id, Date.now(), 'TO');
  const otherStaff = await buildUser(database.db, {
    role: 'staff',
    countyId: world.county.id,
    communityId: other.id,
  });
  staff = await login(built.app, users.staff.username);
  admin = await login(built.app, users.admin.username);
  worker = await login(built.app, users.worker.username);
  foreignStaff = await login(built.app, otherStaff.username);
});
afterAll(async () => {
  await built.app.close();
  await database.destroy();
});

describe('GET /api/v1/troubles/:id/suggestions', () => {
  it('suggests a category from the taxonomy on day one, with the exact contract', async () => {
    const id = await report('白天上班没空，晚上看病难，希望社区开夜诊。');
    const res = await staff.get(`/api/v1/troubles/${id}/suggestions`);
    expect(res.statusCode).toBe(200);
    const body = res.json<Suggestions>();
    expect(Object.keys(body).sort()).toEqual(['category', 'similar']);
    expect(body.category.categoryId).toBe(await categoryId('medical.night'));
    expect(body.category.categoryName).toBe('夜间看病');
    expect(body.category.confidence).toBeGreaterThan(0);
    expect(body.category.confidence).toBeLessThanOrEqual(1);
    expect(body.category.choose).toBe(body.category.confidence < 0.5);
    expect(body.category.alternatives.length).toBeGreaterThan(0);
    for (const a of body.category.alternatives) {
      expect(a.confidence).toBeLessThanOrEqual(body.category.confidence);
    }
    expect(Array.isArray(body.similar)).toBe(true);
  });

  it('answers 404 problem+json to staff of another community', async () => {
    const id = await report('宿舍停水两天了');
    const res = await foreignStaff.get(`/api/v1/troubles/${id}/suggestions`);
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json<{ code: string }>().code).toBe('NOT_FOUND');
  });

  it('refuses roles without the permission and anonymous callers', async () => {
    const id = await report('宿舍停电');
    expect((await worker.get(`/api/v1/troubles/${id}/suggestions`)).statusCode).toBe(403);
    const anon = await anonymousClient(built.app).get(`/api/v1/troubles/${id}/suggestions`);
    expect(anon.statusCode).toBe(401);
  });

  it('learns from a triage correction at once (no restart)', async () => {
    const text = '厂区门口的快递柜经常满，取件排长队';
    const id = await report(text);
    const target = await categoryId('care.mental');
    const before = (await staff.get(`/api/v1/troubles/${id}/suggestions`)).json<Suggestions>();
    expect(before.category.categoryId).not.toBe(target);
    for (let i = 0; i < 4; i++) {
      const t = await report(text);
      expect((await staff.patch(`/api/v1/troubles/${t}`, { categoryId: target })).statusCode).toBe(
        200,
      );
    }
    const after = (await staff.get(`/api/v1/troubles/${id}/suggestions`)).json<Suggestions>();
    expect(after.category.categoryId).toBe(target);
    const logged = await database.db
      .selectFrom('text_model_updates')
      .select('category_id')
      .where('category_id', '=', target)
      .execute();
    expect(logged).toHaveLength(4);
  });
});

describe('POST /api/v1/text/classify and /public/classify', () => {
  it('classifies free text for staff', async () => {
    const res = await staff.post('/api/v1/text/classify', { text: '老板拖欠工资三个月了' });
    expect(res.statusCode).toBe(200);
    expect(res.json<Suggestions['category']>().categoryId).toBe(await categoryId('rights.wages'));
  });

  it('gives the public report form at most three categories', async () => {
    const res = await anonymousClient(built.app).post('/api/v1/public/classify', {
      text: '孩子上幼儿园没有学位',
    });
    expect(res.statusCode).toBe(200);
    const items = res.json<{ items: { categoryId: string; categoryName: string }[] }>().items;
    expect(items.length).toBeGreaterThan(0);
    expect(items.length).toBeLessThanOrEqual(3);
    expect(items[0]!.categoryId).toBe(await categoryId('schooling.kindergarten'));
    expect(Object.keys(items[0]!).sort()).toEqual(['categoryId', 'categoryName', 'confidence']);
  });

  it('rejects empty text with 400 problem+json', async () => {
    const res = await staff.post('/api/v1/text/classify', { text: '  ' });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ code: string }>().code).toBe('VALIDATION_FAILED');
  });
});

describe('/api/v1/text/dictionary', () => {
  it('lets admins add a word that segments as one token at once', async () => {
    expect((await admin.get('/api/v1/text/dictionary')).json()).toEqual({ words: [] });
    const put = await admin.put('/api/v1/text/dictionary', { words: ['烦恼驿站', '夫妻房'] });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toEqual({ words: ['夫妻房', '烦恼驿站'] });
    expect(await built.services.text.segment('社区设了烦恼驿站')).toContain('烦恼驿站');
  });

  it('refuses staff (403) and bad words (400 BAD_REQUEST)', async () => {
    expect((await staff.get('/api/v1/text/dictionary')).statusCode).toBe(403);
    const bad = await admin.put('/api/v1/text/dictionary', { words: ['两个 词'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ code: string }>().code).toBe('BAD_REQUEST');
  });
});
