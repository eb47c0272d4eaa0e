import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildTestApp, type Client, login } from '../../../test/build-test-app';
import { buildStaffSet, buildWorld } from '../../../test/factories';
import {
  type FakeReceiver,
  type FakeSmtp,
  startFakeReceiver,
  startFakeSmtp,
} from '../../../test/fake-receivers';
import { createTestDatabase, type TestDatabase } from '../../../test/test-db';
import type { BuiltApp } from '../../app';
import { FakeClock } from '../../shared/clock';
import { sweepOverdue } from '../promise';
import { backoffMs, enqueueDeliveries, MAX_DELIVERY_ATTEMPTS } from './outbox-repository';

const HOUR = 3_600_000;
let clock: FakeClock;
let database: TestDatabase;
let built: BuiltApp;
let receiver: FakeReceiver;
let smtp: FakeSmtp;
let world: Awaited<ReturnType<typeof buildWorld>>;
let users: Awaited<ReturnType<typeof buildStaffSet>>;
let admin: Client;

beforeAll(async () => {
  clock = new FakeClock(Date.parse('2026-03-02T02:00:00Z'));
  database = await createTestDatabase({ clock });
  receiver = await startFakeReceiver(() => clock.now());
  smtp = await startFakeSmtp();
  built = await buildTestApp(database, {
    clock,
    env: {
      PUBLIC_URL: 'https://fannao.example.cn',
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      SMTP_USER: 'fannao',
      SMTP_PASSWORD: 'smtp-pass',
      SMTP_FROM: '烦恼指数 <noreply@fannao.example.cn>',
      NOTIFY_TIMEOUT_MS: '5000',
    },
  });
  world = await buildWorld(database.db, clock.now());
  users = await buildStaffSet(database.db, world);
  admin = await login(built.app, users.admin.username);
});
afterAll(async () => {
  await built.app.close();
  await receiver.close();
  await smtp.close();
  await database.destroy();
});

const ALL_EVENTS = [
  'trouble.p1',
  'problem.overdue',
  'problem.escalated',
  'problem.reopened',
  'report.ready',
  'indices.earlyWarning',
];

async function createChannel(body: Record<string, unknown>) {
  const res = await admin.post('/api/v1/admin/channels', {
    communityId: world.community.id,
    events: ALL_EVENTS,
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string; targetMasked: string; secretSet: boolean }>();
}

const deliveriesOf = (eventKeyPrefix: string) =>
  database.db
    .selectFrom('deliveries')
    .selectAll()
    .where('event_key', 'like', `${eventKeyPrefix}%`)
    .orderBy('channel_id')
    .execute();

async function p1Trouble(body: string) {
  const res = await built.app.inject({
    method: 'POST',
    url: '/api/v1/troubles',
    payload: {
      communityId: world.community.id,
      body,
      severity: 'major',
      urgency: 'urgent',
      anonymous: true,
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string; code: string; priority: string }>();
}

describe('notification channels', () => {
  let channels: Record<string, string> = {};

  it('creates one channel of every kind; targets are masked and secrets never returned', async () => {
    const wecom = await createChannel({
      name: '社区工作群（企业微信）',
      kind: 'wecom',
      target: `${receiver.base}/cgi-bin/webhook/send?key=693axxx6-7aoc-4bc4-97a0-0ec2sifa5aaa`,
    });
    const dingtalk = await createChannel({
      name: '贴心办钉钉群',
      kind: 'dingtalk',
      target: `${receiver.base}/robot/send?access_token=a1b2c3d4e5f6a7b8c9d0`,
      secret: receiver.secrets.dingtalk,
    });
    const feishu = await createChannel({
      name: '飞书群',
      kind: 'feishu',
      target: `${receiver.base}/open-apis/bot/v2/hook/2f5c8e3a-1b7d-4c9e-8f0a-6d2b4e1c3a5f`,
      secret: receiver.secrets.feishu,
    });
    const webhook = await createChannel({
      name: '县数据中台',
      kind: 'webhook',
      target: `${receiver.base}/hooks/fannao`,
      secret: receiver.secrets.webhook,
    });
    const email = await createChannel({
      name: '社区邮箱',
      kind: 'email',
      target: 'shequ@example.cn, zhuren@example.cn',
    });
    channels = {
      wecom: wecom.id,
      dingtalk: dingtalk.id,
      feishu: feishu.id,
      webhook: webhook.id,
      email: email.id,
    };
    expect(wecom.targetMasked).toBe(`${receiver.base}/cgi-bin/webhook/send?key=693a****`);
    expect(feishu.targetMasked).toBe(`${receiver.base}/open-apis/bot/v2/hook/2f5c****`);
    expect(email.targetMasked).toBe('s***@example.cn, z***@example.cn');
    expect(dingtalk.secretSet).toBe(true);
    const list = await admin.get('/api/v1/admin/channels');
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(receiver.secrets.dingtalk);
    expect(list.body).not.toContain('a1b2c3d4e5f6a7b8c9d0');
    expect(list.body).not.toContain('shequ@');
    // Stored encrypted, not in clear.
    const row = await database.db
      .selectFrom('notification_channels')
      .selectAll()
      .where('id', '=', dingtalk.id)
      .executeTakeFirstOrThrow();
    expect(row.target_enc).not.toContain('a1b2c3d4');
    expect(row.secret_enc).not.toContain(receiver.secrets.dingtalk);
  });

  it('validates targets per kind and keeps channels to admins of the county', async () => {
    const bad = await admin.post('/api/v1/admin/channels', {
      communityId: world.community.id,
      name: 'x',
      kind: 'dingtalk',
      events: ['trouble.p1'],
      target: `${receiver.base}/robot/send`,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ detail: string }>().detail).toContain('access_token');
    const noSecret = await admin.post('/api/v1/admin/channels', {
      communityId: world.community.id,
      name: 'x',
      kind: 'webhook',
      events: ['trouble.p1'],
      target: `${receiver.base}/x`,
    });
    expect(noSecret.statusCode).toBe(400);
    const staff = await login(built.app, users.staff.username);
    expect((await staff.get('/api/v1/admin/channels')).statusCode).toBe(403);
    const other = await buildWorld(database.db, clock.now());
    const otherAdmin = await login(
      built.app,
      (await buildStaffSet(database.db, other)).admin.username,
    );
    expect((await otherAdmin.get(`/api/v1/admin/channels/${channels.wecom}`)).statusCode).toBe(404);
    expect(
      (await otherAdmin.get('/api/v1/admin/channels')).json<{ items: unknown[] }>().items,
    ).toEqual([]);
  });

  it('delivers a new P1 trouble to every channel in its exact format, signed', async () => {
    const t = await p1Trouble('夜班食堂晚上没有热饭，三百多名职工只能吃泡面');
    expect(t.priority).toBe('P1');
    const queued = await deliveriesOf(`trouble-p1:${t.id}`);
    expect(queued).toHaveLength(5);
    expect(queued.every((d) => d.state === 'pending')).toBe(true);

    const before = receiver.received.length;
    expect(await built.jobs.deliveries.runDue()).toBe(5);
    const got = receiver.received.slice(before);
    expect(got.map((r) => r.vendor).sort()).toEqual(['dingtalk', 'feishu', 'webhook', 'wecom']);
    for (const r of got) {
      expect(r.problem, `${r.vendor}: ${r.problem}`).toBeNull();
    }
    const wecom = got.find((r) => r.vendor === 'wecom')!;
    const content = (wecom.body.markdown as { content: string }).content;
    expect(content).toContain(`新的重急烦恼：${t.code}`);
    expect(content).toContain(`[查看详情](https://fannao.example.cn/troubles/${t.id})`);
    const ding = got.find((r) => r.vendor === 'dingtalk')!;
    expect(ding.url).toMatch(/timestamp=\d{13}&sign=/);
    expect((ding.body.markdown as { title: string }).title).toBe(`新的重急烦恼：${t.code}`);
    const hook = got.find((r) => r.vendor === 'webhook')!;
    expect(hook.body).toMatchObject({
      event: 'trouble.p1',
      url: `https://fannao.example.cn/troubles/${t.id}`,
    });
    expect(hook.headers['x-fannao-delivery']).toBe(hook.body.id);

    const mail = smtp.mails.at(-1)!;
    expect(mail.to.sort()).toEqual(['shequ@example.cn', 'zhuren@example.cn']);
    expect(mail.from).toBe('noreply@fannao.example.cn');
    expect(mail.raw).toMatch(/Message-ID: <[0-9A-Z]{26}@fannao\.example\.cn>/i);

    const sent = await deliveriesOf(`trouble-p1:${t.id}`);
    expect(sent.map((d) => [d.state, d.attempts])).toEqual(sent.map(() => ['sent', 1]));
  });

  it('announces a trouble raised to P1 at triage once, in the triage transaction', async () => {
    const res = await built.app.inject({
      method: 'POST',
      url: '/api/v1/troubles',
      payload: { communityId: world.community.id, body: '宿舍热水器坏了一周', anonymous: true },
    });
    expect(res.statusCode, res.body).toBe(201);
    const t = res.json<{ id: string; priority: string }>();
    expect(t.priority).not.toBe('P1');
    expect(await deliveriesOf(`trouble-p1:${t.id}`)).toHaveLength(0);

    const staff = await login(built.app, users.staff.username);
    const raised = await staff.patch(`/api/v1/troubles/${t.id}`, {
      severity: 'major',
      urgency: 'urgent',
    });
    expect(raised.statusCode, raised.body).toBe(200);
    expect(raised.json<{ priority: string }>().priority).toBe('P1');
    const queued = await deliveriesOf(`trouble-p1:${t.id}`);
    expect(queued).toHaveLength(5);
    expect(JSON.parse(queued[0]!.message) as { title: string }).toMatchObject({
      title: expect.stringContaining('新的重急烦恼') as string,
    });

    // Lowered and raised again: still one announcement per channel.
    await staff.patch(`/api/v1/troubles/${t.id}`, { urgency: 'normal' });
    await staff.patch(`/api/v1/troubles/${t.id}`, { urgency: 'urgent' });
    expect(await deliveriesOf(`trouble-p1:${t.id}`)).toHaveLength(5);
    expect(await built.jobs.deliveries.runDue()).toBe(5);
  });

  it('never sends a row already marked sent again, even with a stale lease after a crash', async () => {
    const t = await p1Trouble('宿舍热水器坏了，冬天洗不了澡');
    await built.jobs.deliveries.runDue();
    await database.db
      .updateTable('deliveries')
      .set({ locked_until: clock.now() - 1, locked_by: 'dead-worker' })
      .where('event_key', '=', `trouble-p1:${t.id}`)
      .execute();
    const before = receiver.received.length;
    clock.advance(10 * 60_000);
    expect(await built.jobs.deliveries.runDue()).toBe(0);
    expect(receiver.received.length).toBe(before);
  });

  it('re-sends a row whose worker died mid-send once its lease expires, with the same delivery id', async () => {
    const t = await p1Trouble('厂区门口路灯坏了，下夜班很危险');
    const row = (await deliveriesOf(`trouble-p1:${t.id}`)).find(
      (d) => d.channel_id === channels.webhook,
    )!;
    // A worker claimed it and crashed before marking it sent.
    await database.db
      .updateTable('deliveries')
      .set({
        state: 'sending',
        attempts: 1,
        locked_by: 'dead-worker',
        locked_until: clock.now() + 60_000,
      })
      .where('id', '=', row.id)
      .execute();
    await built.jobs.deliveries.runDue();
    expect((await deliveriesOf(`trouble-p1:${t.id}`)).find((d) => d.id === row.id)?.state).toBe(
      'sending',
    );
    clock.advance(61_000);
    const before = receiver.received.length;
    await built.jobs.deliveries.runDue();
    const again = receiver.received.slice(before).filter((r) => r.vendor === 'webhook');
    expect(again).toHaveLength(1);
    expect(again[0]!.headers['x-fannao-delivery']).toBe(row.id);
  });

  it('retries a failing receiver with exponential backoff, shows the failure to admins, and retries on request', async () => {
    await database.db
      .updateTable('notification_channels')
      .set({ active: 0 })
      .where('id', '!=', channels.dingtalk!)
      .execute();
    receiver.mode = 'http500';
    const t = await p1Trouble('工资拖欠两个月没发，二十多人');
    const key = `trouble-p1:${t.id}`;
    const [row] = await deliveriesOf(key);
    expect(row).toBeDefined();
    const waits: number[] = [];
    for (let attempt = 1; attempt <= MAX_DELIVERY_ATTEMPTS; attempt++) {
      expect(await built.jobs.deliveries.runDue()).toBe(1);
      const [r] = await deliveriesOf(key);
      expect(r!.attempts).toBe(attempt);
      expect(r!.last_error).toContain('HTTP 500');
      if (attempt < MAX_DELIVERY_ATTEMPTS) {
        expect(r!.state).toBe('pending');
        waits.push(r!.next_attempt_at - clock.now());
        // Not due before its backoff has passed.
        expect(await built.jobs.deliveries.runDue()).toBe(0);
        clock.set(r!.next_attempt_at);
      } else {
        expect(r!.state).toBe('failed');
      }
    }
    expect(waits).toEqual([1, 2, 3, 4, 5, 6, 7].map(backoffMs));
    expect(waits.slice(0, 3)).toEqual([30_000, 60_000, 120_000]);

    const failed = await admin.get('/api/v1/admin/deliveries?status=failed');
    expect(failed.statusCode).toBe(200);
    const item = failed
      .json<{ items: { id: string; event: string; attempts: number; lastError: string }[] }>()
      .items.find((i) => i.id === row!.id)!;
    expect(item).toMatchObject({ event: 'trouble.p1', attempts: MAX_DELIVERY_ATTEMPTS });
    expect(item.lastError).toContain('HTTP 500');

    receiver.mode = 'ok';
    const retried = await admin.post(`/api/v1/admin/deliveries/${row!.id}/retry`);
    expect(retried.statusCode, retried.body).toBe(200);
    expect(retried.json<{ status: string }>().status).toBe('pending');
    expect(await built.jobs.deliveries.runDue()).toBe(1);
    expect((await deliveriesOf(key))[0]!.state).toBe('sent');
    const again = await admin.post(`/api/v1/admin/deliveries/${row!.id}/retry`);
    expect(again.statusCode).toBe(409);
  });

  it("treats a vendor's error code on HTTP 200 as a failure", async () => {
    receiver.mode = 'vendorError';
    const t = await p1Trouble('园区公交车班次太少，上下班打不到车');
    await built.jobs.deliveries.runDue();
    const [r] = await deliveriesOf(`trouble-p1:${t.id}`);
    expect(r!.state).toBe('pending');
    expect(r!.last_error).toBe('钉钉 errcode 310000: "sign not match"');
    receiver.mode = 'ok';
    await database.db
      .updateTable('notification_channels')
      .set({ active: 1 })
      .where('community_id', '=', world.community.id)
      .execute();
  });

  it('writes no delivery when the change that triggers it rolls back', async () => {
    const before = await database.db
      .selectFrom('deliveries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    // The intake fails after the trouble row is written (unknown attachment): all of it rolls back.
    const res = await built.app.inject({
      method: 'POST',
      url: '/api/v1/troubles',
      payload: {
        communityId: world.community.id,
        body: '车间粉尘很大，需要职业病体检',
        severity: 'major',
        urgency: 'urgent',
        attachmentIds: ['01HZZZZZZZZZZZZZZZZZZZZZZZ'],
      },
    });
    expect(res.statusCode).toBe(422);
    await expect(
      database.db.transaction().execute(async (trx) => {
        await enqueueDeliveries(trx, {
          event: 'trouble.p1',
          communityId: world.community.id,
          eventKey: 'rolled-back',
          message: { title: 't', lines: [], linkPath: null },
          now: clock.now(),
        });
        throw new Error('change failed');
      }),
    ).rejects.toThrow('change failed');
    const after = await database.db
      .selectFrom('deliveries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('queues overdue, escalation and reopened events in the transaction of the change', async () => {
    const { problems, intake } = built.services;
    const { trouble } = await intake({
      actor: users.staff.actor,
      body: {
        communityId: world.community.id,
        body: '子女入学材料不知道去哪里办',
        channel: 'visit',
        severity: 'minor',
        urgency: 'normal',
        workersAffected: 1,
        anonymous: true,
        attachmentIds: [],
      },
    });
    const problemId = await problems.createFromTroubles({
      actor: users.staff.actor,
      troubleIds: [trouble.id],
      title: '子女入学材料',
    });
    clock.advance(25 * HOUR);
    await sweepOverdue(database.db, clock.now());
    const overdue = await deliveriesOf(`escalation:${problemId}:coordination`);
    expect(overdue).toHaveLength(5);
    expect(new Set(overdue.map((d) => d.event))).toEqual(new Set(['problem.overdue']));
    clock.advance(24 * HOUR);
    await sweepOverdue(database.db, clock.now());
    await sweepOverdue(database.db, clock.now());
    const levels = await deliveriesOf(`escalation:${problemId}:coordination`);
    expect(levels.filter((d) => d.event === 'problem.escalated')).toHaveLength(5);

    await problems.dispatch({
      actor: users.staff.actor,
      problemId,
      leadDepartmentId: world.department.id,
      cooperatingDepartmentIds: [],
    });
    await problems.answer({
      actor: users.staff.actor,
      problemId,
      kind: 'reply',
      text: '已告知材料清单和办理窗口。',
    });
    await problems.reopen({ actor: users.staff.actor, problemId, reason: '职工反映窗口仍不受理' });
    const reopened = await deliveriesOf(`reopen:${problemId}:1`);
    expect(reopened).toHaveLength(5);
    expect(JSON.parse(reopened[0]!.message)).toMatchObject({
      title: expect.stringContaining('重新办理') as string,
      linkPath: `/problems/${problemId}`,
    });
    await built.jobs.deliveries.runDue();
    expect((await deliveriesOf(`reopen:${problemId}:1`)).map((d) => d.state)).toEqual(
      reopened.map(() => 'sent'),
    );
  });

  it('lets channels subscribe to some event types only', async () => {
    admin = await login(built.app, users.admin.username);
    const res = await admin.patch(`/api/v1/admin/channels/${channels.wecom}`, {
      events: ['report.ready'],
    });
    expect(res.statusCode, res.body).toBe(200);
    const t = await p1Trouble('宿舍区没有快递柜，包裹经常丢');
    const rows = await deliveriesOf(`trouble-p1:${t.id}`);
    expect(rows.map((r) => r.channel_id)).not.toContain(channels.wecom);
    expect(rows).toHaveLength(4);
  });
});

describe('in-app notifications', () => {
  it('answers the unread count for the bell and marks read', async () => {
    const supervisor = await login(built.app, users.supervisor.username);
    const count = await supervisor.get('/api/v1/notifications/unread-count');
    expect(count.statusCode).toBe(200);
    const unread = count.json<{ unread: number }>().unread;
    expect(unread).toBeGreaterThan(0);
    const list = await supervisor.get('/api/v1/notifications?unreadOnly=true&limit=1');
    const first = list.json<{ items: { id: string }[] }>().items[0]!;
    expect((await supervisor.post(`/api/v1/notifications/${first.id}/read`)).statusCode).toBe(204);
    expect(
      (await supervisor.get('/api/v1/notifications/unread-count')).json<{ unread: number }>()
        .unread,
    ).toBe(unread - 1);
    expect((await supervisor.post('/api/v1/notifications/read-all')).statusCode).toBe(200);
    expect(
      (await supervisor.get('/api/v1/notifications/unread-count')).json<{ unread: number }>()
        .unread,
    ).toBe(0);
    expect((await anonymousGet('/api/v1/notifications/unread-count')).statusCode).toBe(401);
  });
});

const anonymousGet = (url: string) => built.app.inject({ method: 'GET', url });
