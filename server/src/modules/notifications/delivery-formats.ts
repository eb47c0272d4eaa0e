import { createHmac } from 'node:crypto';

import type { ChannelKind } from '../../../../common/notifications';
import type { OutboxMessage } from './outbox-repository';

/**
 * The wire formats of the webhook channels (docs/notifications.md; official vendor documents as
 * summarised in notes/ecosystem.md §17). Pure functions: the sender adds only the HTTP call.
 */

/** DingTalk 加签: sign = urlEncode(base64(HMAC-SHA256(key = secret, `${timestampMs}\n${secret}`))). */
export function dingtalkSign(secret: string, timestampMs: number): string {
  return encodeURIComponent(
    createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64'),
  );
}

/**
 * Feishu signature: base64(HMAC-SHA256(key = `${timestampSec}\n${secret}`, message = empty)).
 * Key and message are the reverse of DingTalk's.
 */
export function feishuSign(secret: string, timestampSec: number): string {
  return createHmac('sha256', `${timestampSec}\n${secret}`).update('').digest('base64');
}

/** Generic webhook: hex HMAC-SHA256 with the channel secret over `${timestampSec}.${body}`. */
export function webhookSignature(secret: string, timestampSec: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestampSec}.${body}`).digest('hex');
}

export interface HttpDelivery {
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface RenderInput {
  kind: Exclude<ChannelKind, 'email'>;
  url: string;
  secret: string | null;
  message: OutboxMessage;
  /** Absolute link to the record (PUBLIC_URL + linkPath), or null. */
  link: string | null;
  now: number;
  deliveryId: string;
  /** A NotificationEvent, or `test` for a channel test. */
  event: string;
}

const LINK_TEXT = '查看详情';

/** Cuts a string to at most `maxBytes` UTF-8 bytes without splitting a character. */
export function truncateBytes(s: string, maxBytes: number): string {
  if (Buffer.byteLength(s) <= maxBytes) {
    return s;
  }
  let out = '';
  let bytes = 0;
  for (const ch of s) {
    const b = Buffer.byteLength(ch);
    if (bytes + b > maxBytes - 3) {
      break;
    }
    out += ch;
    bytes += b;
  }
  return `${out}…`;
}

/** Markdown-like quoting must not be broken by the message's own line breaks or markup. */
const clean = (s: string) => s.replace(/[\r\n]+/g, ' ').trim();

export function renderHttpDelivery(input: RenderInput): HttpDelivery {
  const json = { 'content-type': 'application/json; charset=utf-8' };
  const { message, link } = input;
  const lines = message.lines.map(clean);
  switch (input.kind) {
    case 'wecom': {
      // 企业微信群机器人: markdown content ≤ 4096 bytes; the key in the URL is the secret.
      const tail = link ? `\n[${LINK_TEXT}](${link})` : '';
      const head = `**${clean(message.title)}**\n`;
      const body = truncateBytes(
        lines.map((l) => `> ${l}`).join('\n'),
        4096 - Buffer.byteLength(head + tail),
      );
      return {
        url: input.url,
        headers: json,
        body: JSON.stringify({ msgtype: 'markdown', markdown: { content: head + body + tail } }),
      };
    }
    case 'dingtalk': {
      // 钉钉自定义机器人: timestamp (ms) and sign as query parameters when 加签 is on.
      let url = input.url;
      if (input.secret) {
        const sep = url.includes('?') ? '&' : '?';
        url = `${url}${sep}timestamp=${input.now}&sign=${dingtalkSign(input.secret, input.now)}`;
      }
      const text = [
        `#### ${clean(message.title)}`,
        ...lines.map((l) => `> ${l}`),
        ...(link ? [`[${LINK_TEXT}](${link})`] : []),
      ].join('\n\n');
      return {
        url,
        headers: json,
        body: JSON.stringify({
          msgtype: 'markdown',
          markdown: { title: clean(message.title), text: truncateBytes(text, 18_000) },
        }),
      };
    }
    case 'feishu': {
      // 飞书自定义机器人: timestamp (s) and sign in the body; an interactive card with a button.
      const seconds = Math.floor(input.now / 1000);
      const signature = input.secret
        ? { timestamp: String(seconds), sign: feishuSign(input.secret, seconds) }
        : {};
      const card = {
        config: { wide_screen_mode: true },
        header: { title: { tag: 'plain_text', content: clean(message.title) }, template: 'red' },
        elements: [
          {
            tag: 'div',
            text: { tag: 'lark_md', content: truncateBytes(lines.join('\n'), 15_000) },
          },
          ...(link
            ? [
                {
                  tag: 'action',
                  actions: [
                    {
                      tag: 'button',
                      text: { tag: 'plain_text', content: LINK_TEXT },
                      type: 'primary',
                      url: link,
                    },
                  ],
                },
              ]
            : []),
        ],
      };
      return {
        url: input.url,
        headers: json,
        body: JSON.stringify({ ...signature, msg_type: 'interactive', card }),
      };
    }
    case 'webhook': {
      const seconds = Math.floor(input.now / 1000);
      const body = JSON.stringify({
        id: input.deliveryId,
        event: input.event,
        title: message.title,
        lines: message.lines,
        text: [message.title, ...message.lines].join('\n'),
        url: link,
        sentAt: input.now,
      });
      return {
        url: input.url,
        headers: {
          ...json,
          'x-fannao-event': input.event,
          'x-fannao-delivery': input.deliveryId,
          'x-fannao-timestamp': String(seconds),
          'x-fannao-signature': `sha256=${webhookSignature(input.secret ?? '', seconds, body)}`,
        },
        body,
      };
    }
  }
}

/**
 * The vendor's verdict on an HTTP 200: WeCom and DingTalk answer `errcode`, Feishu `code`
 * (older bots `StatusCode`); anything but 0 is a failure. Returns the error text, or null.
 */
export function vendorError(
  kind: RenderInput['kind'],
  status: number,
  body: string,
): string | null {
  if (status < 200 || status >= 300) {
    return `HTTP ${status}${body ? `: ${body.slice(0, 300)}` : ''}`;
  }
  if (kind === 'webhook') {
    return null;
  }
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(body) as Record<string, unknown>;
  } catch {
    return `HTTP ${status}: the answer is not JSON: ${body.slice(0, 200)}`;
  }
  if (kind === 'feishu') {
    const code = parsed.code ?? parsed.StatusCode;
    if (code === 0) {
      return null;
    }
    return `飞书 code ${JSON.stringify(code)}: ${JSON.stringify(parsed.msg ?? parsed.StatusMessage ?? '')}`;
  }
  if (parsed.errcode === 0) {
    return null;
  }
  const vendor = kind === 'wecom' ? '企业微信' : '钉钉';
  return `${vendor} errcode ${JSON.stringify(parsed.errcode)}: ${JSON.stringify(parsed.errmsg ?? '')}`;
}

/** Plain-text and HTML bodies of an e-mail. */
export function renderEmail(message: OutboxMessage, link: string | null) {
  const esc = (s: string) =>
    s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const text = [
    message.title,
    '',
    ...message.lines,
    ...(link ? ['', `${LINK_TEXT}：${link}`] : []),
    '',
    '—— 烦恼指数平台自动发送，请勿直接回复。',
  ].join('\n');
  const html = [
    `<h3>${esc(message.title)}</h3>`,
    ...message.lines.map((l) => `<p>${esc(l)}</p>`),
    ...(link ? [`<p><a href="${esc(link)}">${LINK_TEXT}</a></p>`] : []),
    '<p style="color:#888">烦恼指数平台自动发送，请勿直接回复。</p>',
  ].join('\n');
  return { subject: `【烦恼指数】${message.title}`, text, html };
}
