import { createHmac } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import {
  dingtalkSign,
  feishuSign,
  renderEmail,
  renderHttpDelivery,
  truncateBytes,
  vendorError,
  webhookSignature,
} from './delivery-formats';
import { backoffMs } from './outbox-repository';

const message = {
  title: '逾期提醒：BH-P0012',
  lines: ['宝华工业社区「子女入学」办结期限已过。', '第二行 <b>&'],
  linkPath: '/problems/01J',
};

describe('robot signatures', () => {
  it('DingTalk: HMAC keyed by the secret over "timestamp\\nsecret", base64, URL-encoded', () => {
    const secret = 'SEC1234567890abcdef';
    const ts = 1_700_000_000_123;
    const raw = createHmac('sha256', secret).update(`${ts}\n${secret}`).digest('base64');
    expect(dingtalkSign(secret, ts)).toBe(encodeURIComponent(raw));
    expect(decodeURIComponent(dingtalkSign(secret, ts))).toBe(raw);
  });

  it('Feishu: HMAC keyed by "timestamp\\nsecret" over an empty message (the reverse of DingTalk)', () => {
    const secret = 'feishu-secret';
    const ts = 1_700_000_000;
    expect(feishuSign(secret, ts)).toBe(
      createHmac('sha256', `${ts}\n${secret}`).update('').digest('base64'),
    );
    expect(feishuSign(secret, ts)).not.toBe(
      createHmac('sha256', secret).update(`${ts}\n${secret}`).digest('base64'),
    );
  });

  it('generic webhook: hex HMAC over "timestamp.body"', () => {
    expect(webhookSignature('k', 1, '{}')).toBe(
      createHmac('sha256', 'k').update('1.{}').digest('hex'),
    );
  });
});

describe('formats', () => {
  const base = {
    secret: null,
    message,
    link: 'https://x.cn/problems/01J',
    now: 1_700_000_000_000,
    deliveryId: 'D1',
    event: 'problem.overdue',
  };

  it('WeCom markdown stays within 4096 bytes', () => {
    const long = {
      ...message,
      lines: Array.from({ length: 500 }, () => '很长的一行中文内容用于测试截断'),
    };
    const req = renderHttpDelivery({
      ...base,
      kind: 'wecom',
      url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=K',
      message: long,
    });
    const body = JSON.parse(req.body) as { msgtype: string; markdown: { content: string } };
    expect(body.msgtype).toBe('markdown');
    expect(Buffer.byteLength(body.markdown.content)).toBeLessThanOrEqual(4096);
    expect(body.markdown.content.endsWith('[查看详情](https://x.cn/problems/01J)')).toBe(true);
  });

  it('DingTalk adds timestamp and sign only when 加签 is on', () => {
    const plain = renderHttpDelivery({
      ...base,
      kind: 'dingtalk',
      url: 'https://oapi.dingtalk.com/robot/send?access_token=T',
    });
    expect(plain.url).toBe('https://oapi.dingtalk.com/robot/send?access_token=T');
    const signed = renderHttpDelivery({
      ...base,
      kind: 'dingtalk',
      secret: 'SECx',
      url: 'https://oapi.dingtalk.com/robot/send?access_token=T',
    });
    expect(signed.url).toBe(
      `https://oapi.dingtalk.com/robot/send?access_token=T&timestamp=${base.now}&sign=${dingtalkSign('SECx', base.now)}`,
    );
    expect(JSON.parse(signed.body)).toMatchObject({
      msgtype: 'markdown',
      markdown: { title: message.title },
    });
  });

  it('Feishu puts seconds and the sign in the body of an interactive card', () => {
    const req = renderHttpDelivery({
      ...base,
      kind: 'feishu',
      secret: 's',
      url: 'https://open.feishu.cn/open-apis/bot/v2/hook/abc',
    });
    const body = JSON.parse(req.body) as Record<string, unknown>;
    expect(body).toMatchObject({
      timestamp: '1700000000',
      sign: feishuSign('s', 1_700_000_000),
      msg_type: 'interactive',
    });
  });

  it('reads vendor verdicts', () => {
    expect(vendorError('wecom', 200, '{"errcode":0,"errmsg":"ok"}')).toBeNull();
    expect(vendorError('dingtalk', 200, '{"errcode":310000,"errmsg":"sign not match"}')).toContain(
      '310000',
    );
    expect(vendorError('feishu', 200, '{"code":19021,"msg":"sign match fail"}')).toContain('19021');
    expect(vendorError('feishu', 200, '{"StatusCode":0,"StatusMessage":"success"}')).toBeNull();
    expect(vendorError('webhook', 204, '')).toBeNull();
    expect(vendorError('webhook', 500, 'down')).toBe('HTTP 500: down');
    expect(vendorError('wecom', 200, '<html>')).toContain('not JSON');
  });

  it('escapes HTML in e-mails', () => {
    const mail = renderEmail(message, 'https://x.cn/p?a=1&b=2');
    expect(mail.subject).toBe('【烦恼指数】逾期提醒：BH-P0012');
    expect(mail.html).toContain('第二行 &lt;b&gt;&amp;');
    expect(mail.html).toContain('href="https://x.cn/p?a=1&amp;b=2"');
    expect(mail.text).toContain('查看详情：https://x.cn/p?a=1&b=2');
  });

  it('truncates on character boundaries and backs off exponentially', () => {
    expect(truncateBytes('烦恼指数', 8)).toBe('烦…');
    expect([1, 2, 3, 8, 20].map(backoffMs)).toEqual([
      30_000, 60_000, 120_000, 3_600_000, 3_600_000,
    ]);
  });
});
