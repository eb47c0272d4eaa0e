/**
 * The audit administrator (审计员, 等保 安全管理中心) in a real browser against a real server with
 * the demo: the system administrator sees no audit section, is refused the page and the API (and
 * the refusal is recorded); the demo auditor `shenji` lands on /audit, sees the chain 完整,
 * filters by actor, action and outcome, loads older rows by keyset, finds the admin's refused
 * attempt and exports CSV. Screenshots: artifacts/screenshots/audit-*.png.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { launchChromium, screenshot, signIn as signInAs, waitForText } from './browser';
import { ensureWebBuilt, type RunningServer, startServer } from './server-process';

const ADMIN = { username: 'admin', password: 'Fannao#Admin2023' };
const AUDITOR = { username: 'shenji', password: 'Shenji#2023' };
/** Failed logins made before the auditor looks: more than one page (50 rows) of them. */
const FAILED_LOGINS = 56;

let server: RunningServer;
let browser: Browser;
const pageErrors: string[] = [];

const settle = (page: Page) => page.waitForTimeout(800);

const signIn = (username: string, password: string, landing: string) =>
  signInAs(browser, server.url, username, password, { landing, pageErrors });

/** Fills the filter form and searches. */
async function search(
  page: Page,
  f: { actor?: string; action?: string; outcome?: '成功' | '失败' },
): Promise<void> {
  const form = page.locator('form.audit-filters');
  await form.getByRole('button', { name: '重置' }).click();
  if (f.actor !== undefined) {
    await page.getByLabel('操作人').fill(f.actor);
  }
  if (f.action !== undefined) {
    await page.getByLabel('操作', { exact: true }).fill(f.action);
    await page.keyboard.press('Escape');
  }
  if (f.outcome !== undefined) {
    await page.getByLabel('结果').click();
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: f.outcome })
      .click();
  }
  await form.getByRole('button', { name: '查询' }).click();
  await page.waitForLoadState('networkidle', { timeout: 30_000 });
  await settle(page);
}

const rowTexts = (page: Page) => page.locator('.audit-table .ant-table-row').allInnerTexts();

beforeAll(async () => {
  ensureWebBuilt();
  server = await startServer({ env: { LOGIN_RATE_PER_MINUTE: '1000' } });
  browser = await launchChromium();
  for (let i = 0; i < FAILED_LOGINS; i++) {
    const res = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: `intruder-${i}`, password: 'guessing-123' }),
    });
    expect(res.status).toBe(401);
  }
}, 360_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
}, 60_000);

describe('separation of duties (三权分立)', () => {
  it('the administrator sees no audit section and is refused the page and the API', async () => {
    const { page, context } = await signIn(ADMIN.username, ADMIN.password, '/');
    await waitForText(page.locator('.app-content'), ['系统管理']);
    expect(await page.locator('.home-card', { hasText: '审计日志' }).count()).toBe(0);
    const api = await page.request.get(`${server.url}/api/v1/audit`);
    expect(api.status()).toBe(403);
    expect(api.headers()['content-type']).toContain('application/problem+json');
    expect(((await api.json()) as { code: string }).code).toBe('FORBIDDEN');
    await page.goto(`${server.url}/audit`, { timeout: 30_000 });
    await waitForText(page.locator('.ant-result'), ['无权访问']);
    await screenshot(page, 'audit-admin-forbidden');
    // Admins create auditor accounts: the role is offered and the demo auditor is listed.
    await page.goto(`${server.url}/admin?tab=users`, { timeout: 30_000 });
    await waitForText(page.locator('.ant-table-row', { hasText: 'shenji' }), ['审计员']);
    await context.close();
  }, 90_000);

  it('the auditor lands on the audit trail, sees the chain intact and nothing else', async () => {
    const { page } = await signIn(AUDITOR.username, AUDITOR.password, '/audit');
    await waitForText(page.locator('.audit-page .page-title'), ['审计日志']);
    await waitForText(page.getByTestId('audit-chain'), ['审计链', '完整']);
    expect(await page.locator('.notification-bell').count()).toBe(0);
    await waitForText(page.locator('.audit-table'), ['auth.login']);
    // Home is the audit trail too.
    await page.goto(`${server.url}/`, { timeout: 30_000 });
    await page.waitForURL(`${server.url}/audit`, { timeout: 30_000 });
    await settle(page);
    await screenshot(page, 'audit-auditor-landing');

    // The admin's login and its refused attempt to read the trail.
    await search(page, { actor: 'admin', action: 'auth.login' });
    const logins = await rowTexts(page);
    expect(logins.length).toBeGreaterThan(0);
    expect(logins.every((r) => r.includes('auth.login') && r.includes('系统管理员'))).toBe(true);
    await search(page, { action: 'audit.read', outcome: '失败' });
    const refused = await rowTexts(page);
    expect(refused.some((r) => r.includes('系统管理员') && r.includes('失败'))).toBe(true);
    await screenshot(page, 'audit-refused-attempts');

    // More failed logins than one page: "load more" fetches the older ones by keyset.
    await search(page, { action: 'auth.login', outcome: '失败' });
    expect(await rowTexts(page)).toHaveLength(50);
    expect((await rowTexts(page)).every((r) => r.includes('未登录') && r.includes('失败'))).toBe(
      true,
    );
    await page.getByRole('button', { name: '加载更多' }).click();
    await waitForText(page.locator('.audit-more'), ['已到最早的记录']);
    const all = await rowTexts(page);
    expect(all.length).toBeGreaterThanOrEqual(FAILED_LOGINS);
    const seqs = all.map((r) => Number(/#(\d+)/.exec(r)?.[1]));
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect(new Set(seqs).size).toBe(seqs.length);
    await screenshot(page, 'audit-failed-logins', true);

    // The CSV export of these filters: UTF-8 with a BOM, and itself recorded.
    const href = await page.getByRole('link', { name: '导出 CSV' }).getAttribute('href');
    expect(href).toBe('/api/v1/audit/export.csv?action=auth.login&outcome=failure');
    const csv = await page.request.get(`${server.url}${href}`);
    expect(csv.status()).toBe(200);
    const body = await csv.body();
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(body.toString('utf8')).toContain('序号,时间,操作人');
    expect(body.toString('utf8').trim().split('\n').length).toBeGreaterThan(FAILED_LOGINS);
    await search(page, { action: 'audit.export' });
    await waitForText(page.locator('.audit-table'), ['导出审计日志', '县审计员']);
    await waitForText(page.getByTestId('audit-chain'), ['完整']);
  }, 180_000);

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
