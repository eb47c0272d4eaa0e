import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { anonymousClient, buildTestApp, type Client, login } from '../../../test/build-test-app';
import { buildCommunity, buildStaffSet, buildUser, buildWorld } from '../../../test/factories';
import { createTestDatabase, type TestDatabase } from '../../../test/test-db';
import type { BuiltApp } from '../../app';

let database: TestDatabase;
let built: BuiltApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
let staff: Client;
let supervisor: Client;
let otherStaff: Client;
let dept: Client;

interface Quality {
  kind: string;
  answeredBy: string;
  explainability: number;
  completeness: number;
  relevance: number;
  timeliness: number | null;
  overall: number;
  reasons: { code: string; text: string; evidence?: string }[];
}

async function problemWithTrouble(body: string, title: string): Promise<string> {
  const t = await anonymousClient(built.app).post('/api/v1/troubles', {
    enterpriseId: world.enterprise.id,
    body,
    channel: 'qr',
  });
  const linked = await staff.post(`/api/v1/troubles/${t.json<{ id: string }>().id}/link`, {
    newProblem: { title },
  });
  return linked.json<{ problemId: string }>().problemId;
}

beforeAll(async () => {
  database = await createTestDatabase();
  built = await buildTestApp(database);
  world = await buildWorld(database.db);
  const users = await buildStaffSet(database.db, world);
  const other = await buildCommunity(database.db, world.county.id, Date.now(), 'OR');
  const o = await buildUser(database.db, {
    role: 'staff',
    countyId: world.county.id,
    communityId: other.id,
  });
  staff = await login(built.app, users.staff.username);
  supervisor = await login(built.app, users.supervisor.username);
  otherStaff = await login(built.app, o.username);
  dept = await login(built.app, users.department.username);
});
afterAll(async () => {
  await built.app.close();
  await database.destroy();
});

describe('GET /problems/:id/reply-quality', () => {
  it('scores the department’s reply with reasons, and the supervisor can send it back', async () => {
    const id = await problemWithTrouble(
      '入职两个月了公司一直不和我们签劳动合同，也不给交社保。',
      '企业不签劳动合同',
    );
    await staff.post(`/api/v1/problems/${id}/dispatch`, { leadDepartmentId: world.department.id });
    await dept.post(`/api/v1/problems/${id}/accept`);
    const answered = await dept.post(`/api/v1/problems/${id}/reply`, {
      text: '根据《劳动合同法》第十条和第八十二条规定，用人单位自用工之日起一个月内应当订立书面劳动合同。县劳动监察大队已约谈该公司，责令其在10个工作日内与职工补签劳动合同并补缴社保。',
    });
    expect(answered.statusCode).toBe(200);
    const res = await supervisor.get(`/api/v1/problems/${id}/reply-quality`);
    expect(res.statusCode).toBe(200);
    const q = res.json<Quality>();
    expect(q.kind).toBe('reply');
    expect(q.explainability).toBeGreaterThanOrEqual(70);
    expect(q.completeness).toBeGreaterThanOrEqual(90);
    expect(q.timeliness).toBe(100);
    const law = q.reasons.find((r) => r.code === 'explain.law')!;
    expect(law.evidence).toContain('《劳动合同法》');
    expect(law.text).toContain('引用了法律法规');
    const en = await supervisor.request({
      method: 'GET',
      url: `/api/v1/problems/${id}/reply-quality`,
      headers: { 'accept-language': 'en' },
    });
    expect(en.json<Quality>().reasons.find((r) => r.code === 'explain.law')!.text).toContain(
      'Cites a law',
    );
    // Sent back, the answer is still there to be judged.
    const back = await supervisor.post(`/api/v1/problems/${id}/send-back`, {
      reason: '请说明补缴社保的期限',
    });
    expect(back.statusCode).toBe(200);
    expect((await staff.get(`/api/v1/problems/${id}/reply-quality`)).statusCode).toBe(200);
  });

  it('gives a vague answer low completeness', async () => {
    const id = await problemWithTrouble('厂区门口路灯坏了，晚上很黑。', '厂区门口路灯坏了');
    await staff.post(`/api/v1/problems/${id}/resolve`, { text: '已收悉，我们将尽快研究处理。' });
    const q = (await staff.get(`/api/v1/problems/${id}/reply-quality`)).json<Quality>();
    expect(q.kind).toBe('resolve');
    expect(q.completeness).toBeLessThanOrEqual(40);
    expect(q.reasons.map((r) => r.code)).toEqual(
      expect.arrayContaining(['completeness.noDeadline', 'completeness.vague', 'explain.none']),
    );
  });

  it('answers 422 without an answer, 404 out of scope, 403 for other roles', async () => {
    const id = await problemWithTrouble('车间噪音太大。', '车间噪音大');
    const none = await staff.get(`/api/v1/problems/${id}/reply-quality`);
    expect(none.statusCode).toBe(422);
    expect(none.headers['content-type']).toContain('application/problem+json');
    expect(none.json<{ code: string }>().code).toBe('RULE_VIOLATION');
    const hidden = await otherStaff.get(`/api/v1/problems/${id}/reply-quality`);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json<{ code: string }>().code).toBe('NOT_FOUND');
    expect((await dept.get(`/api/v1/problems/${id}/reply-quality`)).statusCode).toBe(404);
    expect(
      (await anonymousClient(built.app).get(`/api/v1/problems/${id}/reply-quality`)).statusCode,
    ).toBe(401);
  });
});
