import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { SMTPServer } from 'smtp-server';

/**
 * The outside world of notifications, on loopback (STYLE §7.9: fakes only for the outside world):
 * an HTTP receiver that plays WeCom, DingTalk, Feishu and a generic webhook, checks each format
 * and recomputes each signature from the vendors' documented formulas, and an SMTP sink.
 */
export interface Received {
  vendor: 'wecom' | 'dingtalk' | 'feishu' | 'webhook';
  url: string;
  headers: http.IncomingHttpHeaders;
  body: Record<string, unknown>;
  /** The receiver's verdict on format and signature; null = valid. */
  problem: string | null;
}

export interface FakeReceiver {
  base: string;
  received: Received[];
  /** Answers for the next requests: 'ok', an HTTP status, or a vendor error code on HTTP 200. */
  mode: 'ok' | 'http500' | 'vendorError';
  secrets: { dingtalk: string; feishu: string; webhook: string };
  close(): Promise<void>;
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');

function check(
  vendor: Received['vendor'],
  url: URL,
  req: http.IncomingMessage,
  raw: string,
  body: Record<string, unknown>,
  secrets: FakeReceiver['secrets'],
  nowMs: number,
): string | null {
  switch (vendor) {
    case 'wecom': {
      if (!url.searchParams.get('key')) {
        return 'missing key';
      }
      const md = body.markdown as { content?: unknown } | undefined;
      if (body.msgtype !== 'markdown' || typeof md?.content !== 'string') {
        return 'not {msgtype:markdown, markdown:{content}}';
      }
      return Buffer.byteLength(md.content) > 4096 ? 'content over 4096 bytes' : null;
    }
    case 'dingtalk': {
      const ts = Number(url.searchParams.get('timestamp'));
      const sign = url.searchParams.get('sign');
      if (!url.searchParams.get('access_token') || !sign || !Number.isFinite(ts)) {
        return 'missing access_token, timestamp or sign';
      }
      // Recompute: base64(HMAC-SHA256(secret, `${timestamp}\n${secret}`)); URLSearchParams decodes it.
      const expected = createHmac('sha256', secrets.dingtalk)
        .update(`${ts}\n${secrets.dingtalk}`)
        .digest('base64');
      if (sign !== expected) {
        return 'sign mismatch';
      }
      if (!/[?&]sign=[^&]*%/.test(req.url ?? '') && /[+/=]/.test(expected)) {
        return 'sign not URL-encoded';
      }
      if (Math.abs(nowMs - ts) > 3_600_000) {
        return 'timestamp (ms) not within one hour';
      }
      const md = body.markdown as { title?: unknown; text?: unknown } | undefined;
      if (
        body.msgtype !== 'markdown' ||
        typeof md?.title !== 'string' ||
        typeof md.text !== 'string'
      ) {
        return 'not {msgtype:markdown, markdown:{title,text}}';
      }
      return null;
    }
    case 'feishu': {
      const ts = str(body.timestamp);
      if (!/^\d{10}$/.test(ts) || Math.abs(nowMs / 1000 - Number(ts)) > 3600) {
        return 'timestamp must be seconds (string) within one hour';
      }
      // Recompute: base64(HMAC-SHA256(key = `${timestamp}\n${secret}`, message = empty)).
      const expected = createHmac('sha256', `${ts}\n${secrets.feishu}`).update('').digest('base64');
      if (body.sign !== expected) {
        return 'sign mismatch';
      }
      if (body.msg_type !== 'interactive' || typeof body.card !== 'object') {
        return 'not msg_type interactive with a card';
      }
      return null;
    }
    case 'webhook': {
      const ts = str(req.headers['x-fannao-timestamp']);
      const expected = `sha256=${createHmac('sha256', secrets.webhook).update(`${ts}.${raw}`).digest('hex')}`;
      return req.headers['x-fannao-signature'] === expected ? null : 'signature mismatch';
    }
  }
}

/** `now` is the application's clock (tests run on a fake one), for the timestamp windows. */
export async function startFakeReceiver(now: () => number): Promise<FakeReceiver> {
  const received: Received[] = [];
  const state: FakeReceiver = {
    base: '',
    received,
    mode: 'ok',
    secrets: {
      dingtalk: 'SECdingtalk-secret-0123456789abcdef',
      feishu: 'feishu-secret-abcdef',
      webhook: 'webhook-secret-0123456789',
    },
    close: () => Promise.resolve(),
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', 'http://x');
      const vendor = url.pathname.startsWith('/cgi-bin/webhook/send')
        ? 'wecom'
        : url.pathname.startsWith('/robot/send')
          ? 'dingtalk'
          : url.pathname.startsWith('/open-apis/bot/v2/hook/')
            ? 'feishu'
            : 'webhook';
      let body: Record<string, unknown> = {};
      let problem: string | null = null;
      try {
        body = JSON.parse(raw) as Record<string, unknown>;
        problem = check(vendor, url, req, raw, body, state.secrets, now());
      } catch {
        problem = 'body is not JSON';
      }
      if (!String(req.headers['content-type']).startsWith('application/json')) {
        problem ??= 'content-type is not JSON';
      }
      received.push({ vendor, url: req.url ?? '', headers: req.headers, body, problem });
      if (state.mode === 'http500') {
        res.writeHead(500).end('down');
        return;
      }
      const bad = problem !== null || state.mode === 'vendorError';
      res.writeHead(vendor === 'webhook' && bad ? 401 : 200, {
        'content-type': 'application/json',
      });
      if (vendor === 'feishu') {
        res.end(
          JSON.stringify(
            bad
              ? {
                  code: 19021,
                  msg: 'sign match fail or timestamp is not within one hour from current time',
                }
              : { code: 0, msg: 'success', data: {} },
          ),
        );
      } else if (vendor === 'webhook') {
        res.end(bad ? '' : '{"ok":true}');
      } else {
        res.end(
          JSON.stringify(
            bad ? { errcode: 310000, errmsg: 'sign not match' } : { errcode: 0, errmsg: 'ok' },
          ),
        );
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () => new Promise((resolve) => server.close(() => resolve()));
  return state;
}

export interface Mail {
  from: string;
  to: string[];
  raw: string;
}

export interface FakeSmtp {
  port: number;
  mails: Mail[];
  close(): Promise<void>;
}

/** An SMTP sink with AUTH PLAIN/LOGIN (user `fannao`, password `smtp-pass`), no TLS. */
export async function startFakeSmtp(): Promise<FakeSmtp> {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    onAuth(auth, _session, cb) {
      if (auth.username === 'fannao' && auth.password === 'smtp-pass') {
        cb(null, { user: 'fannao' });
      } else {
        cb(new Error('Invalid username or password'));
      }
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return { port, mails, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
