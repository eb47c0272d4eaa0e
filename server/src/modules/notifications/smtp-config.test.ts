import { describe, expect, it } from 'vitest';

import { ConfigError, loadConfig } from '../../config';

const base = { NODE_ENV: 'test', DATA_DIR: '/tmp/fannao-config-test' };

describe('SMTP settings', () => {
  it('are off unless SMTP_HOST is set', () => {
    expect(loadConfig(base).smtp).toBeNull();
  });

  it('read host, port, TLS, login and sender; port 465 means implicit TLS', () => {
    const c = loadConfig({
      ...base,
      SMTP_HOST: 'smtp.example.cn',
      SMTP_PORT: '465',
      SMTP_USER: 'u',
      SMTP_PASSWORD: 'p',
      SMTP_FROM: '烦恼指数 <noreply@example.cn>',
    });
    expect(c.smtp).toEqual({
      host: 'smtp.example.cn',
      port: 465,
      secure: true,
      requireTls: false,
      auth: { user: 'u', pass: 'p' },
      from: '烦恼指数 <noreply@example.cn>',
    });
    expect(
      loadConfig({ ...base, SMTP_HOST: 'h', SMTP_FROM: 'a@b.cn', SMTP_REQUIRE_TLS: 'true' }).smtp,
    ).toMatchObject({ port: 587, secure: false, requireTls: true, auth: null });
  });

  it('stop the start with a readable list when they do not fit together', () => {
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig({ ...base, ...env });
        return [];
      } catch (e) {
        expect(e).toBeInstanceOf(ConfigError);
        return (e as ConfigError).problems;
      }
    };
    expect(problems({ SMTP_HOST: 'h' })).toEqual([
      'SMTP_FROM: SMTP_FROM is required when SMTP_HOST is set',
    ]);
    expect(problems({ SMTP_HOST: 'h', SMTP_FROM: 'a@b.cn', SMTP_USER: 'u' })).toEqual([
      'SMTP_PASSWORD: SMTP_USER and SMTP_PASSWORD go together',
    ]);
    expect(problems({ SMTP_HOST: 'h', SMTP_FROM: 'not an address' })[0]).toMatch(/^SMTP_FROM:/);
    expect(problems({ SMTP_PORT: '70000' })[0]).toMatch(/^SMTP_PORT:/);
  });
});
