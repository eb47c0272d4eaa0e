/**
 * Worker phone pages (职工端) in a real browser against a real server with the demo, on a
 * 390×844 phone viewport: the light entry, an anonymous report with a photo from a QR code,
 * the tracking code and the progress page, rating, retries on a weak network, the saved draft,
 * keyboard navigation and axe-core (no serious or critical violations).
 */
import path from 'node:path';

import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { launchChromium, screenshot } from './browser';
import { ensureWebBuilt, root, type RunningServer, startServer } from './server-process';

let server: RunningServer;
let browser: Browser;
let enterprise: { id: string; name: string };

// bypassCSP: axe-core is injected as an inline script, which the server's CSP rightly forbids.
const PHONE = {
  viewport: { width: 390, height: 844 },
  locale: 'zh-CN',
  isMobile: true,
  bypassCSP: true,
};

beforeAll(async () => {
  ensureWebBuilt();
  server = await startServer();
  browser = await launchChromium();
  const community = (await (
    await fetch(`${server.url}/api/v1/public/communities/baohua`)
  ).json()) as { enterprises: { id: string; name: string }[] };
  enterprise = community.enterprises[0]!;
}, 360_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
}, 60_000);

async function phonePage(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  return { context, page };
}

async function openReport(page: Page): Promise<void> {
  await page.goto(`${server.url}/report?enterprise=${enterprise.id}`, { timeout: 30_000 });
  await page.locator('[data-ready="true"]').waitFor({ timeout: 30_000 });
  await page.getByTestId('enterprise-name').waitFor({ timeout: 30_000 });
}

/** axe-core in the page; returns the serious and critical violations. */
async function axeViolations(page: Page) {
  await page.addScriptTag({ path: path.join(root, 'node_modules/axe-core/axe.min.js') });
  const results = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            context: Document,
            options: object,
          ) => Promise<{
            violations: { id: string; impact: string | null; help: string; nodes: unknown[] }[];
          }>;
        };
      }
    ).axe;
    return axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'best-practice'] },
    });
  });
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} ×${v.nodes.length}`);
}

/** Staff resolve a trouble on the spot through the API (the worker then can rate it). */
async function resolveOnSpot(code: string): Promise<void> {
  const login = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'baohua1', password: 'Shequ#2023' }),
  });
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const headers = { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' };
  const list = (await (
    await fetch(`${server.url}/api/v1/troubles?q=${encodeURIComponent(code)}`, { headers })
  ).json()) as { items: { id: string; code: string }[] };
  const trouble = list.items.find((t) => t.code === code);
  expect(trouble, `trouble ${code} in the staff list`).toBeDefined();
  const res = await fetch(`${server.url}/api/v1/troubles/${trouble!.id}/resolve-on-spot`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ answer: '已联系企业，热水器已于今日修复。' }),
  });
  expect(res.status).toBe(200);
}

describe('worker pages (职工端)', () => {
  it('serve a light, pre-compressed entry without the staff libraries', async () => {
    const html = await (
      await fetch(`${server.url}/report?enterprise=${enterprise.id}`, {
        headers: { accept: 'text/html' },
      })
    ).text();
    expect(html).toContain('id="root"');
    const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!);
    expect(assets.some((a) => /\/worker-[^/]+\.js$/.test(a))).toBe(true);
    expect(assets.join(' ')).not.toMatch(/antd|echarts|exceljs|i18n|router/);
    // The staff app still answers every other path, including the look-alike /reports.
    const staff = await (
      await fetch(`${server.url}/reports`, { headers: { accept: 'text/html' } })
    ).text();
    expect(staff).not.toContain('/worker-');
    const script = await fetch(`${server.url}${assets.find((a) => a.endsWith('.js'))!}`, {
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(script.headers.get('content-encoding')).toBe('gzip');
    expect(script.headers.get('cache-control')).toContain('immutable');
  });

  it('let an anonymous worker report with a photo, see the code, follow and rate it', async () => {
    const { context, page } = await phonePage();
    await openReport(page);
    expect(await page.getByTestId('enterprise-name').innerText()).toBe(enterprise.name);
    await page
      .getByLabel('遇到了什么烦恼？')
      .fill('宿舍三楼的热水器坏了一个星期，二十多个人没有热水洗澡。');
    await page.getByTestId('category-chips').locator('label').nth(1).click();
    const photo = await sharp({
      create: { width: 2400, height: 1800, channels: 3, background: { r: 30, g: 120, b: 200 } },
    })
      .jpeg({ quality: 95 })
      .toBuffer();
    const uploaded = page.waitForResponse((r) => r.url().endsWith('/api/v1/uploads'));
    await page
      .getByTestId('photo-input')
      .setInputFiles({ name: 'heater.jpg', mimeType: 'image/jpeg', buffer: photo });
    const upload = (await (await uploaded).json()) as { width: number; height: number };
    // Shrunk in the browser before upload: the longest side is at most 1280 px.
    expect(Math.max(upload.width, upload.height)).toBe(1280);
    await page.getByRole('img', { name: '已上传的第 1 张照片' }).waitFor();
    await screenshot(page, 'worker-01-report-filled', true);

    await page.getByTestId('submit').click();
    const code = (await page.getByTestId('tracking-code').innerText({ timeout: 30_000 })).trim();
    expect(code).toMatch(/^[A-Z]{2,4}-[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/);
    await screenshot(page, 'worker-02-code-shown');
    // The draft is gone once the report is acknowledged.
    expect(await page.evaluate(() => localStorage.getItem('fannao.worker.draft'))).toBeNull();

    await page.getByTestId('track-link').click();
    await page.waitForURL(`${server.url}/track/${code}`);
    expect(await page.getByTestId('track-status').innerText()).toBe('已受理，等待处理');
    expect(await page.getByTestId('track-timeline').innerText()).toContain('已受理您反映的烦恼');
    await screenshot(page, 'worker-03-track', true);
    expect(await axeViolations(page)).toEqual([]);

    await resolveOnSpot(code);
    await page.reload();
    await page.getByTestId('rating-form').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('track-answer').innerText()).toContain('热水器已于今日修复');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('基本满意', { exact: true }).check();
    await page.getByLabel(/意见或建议/).fill('修得挺快，希望以后定期检查。');
    await screenshot(page, 'worker-04-rating', true);
    await page.getByTestId('rating-submit').click();
    await page.getByTestId('rating-result').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('rating-result').innerText()).toContain('基本满意');
    expect(await page.getByTestId('rating-form').count()).toBe(0);
    await screenshot(page, 'worker-05-rated', true);
    await context.close();
  }, 180_000);

  it('retry a lost connection with the same Idempotency-Key and file the report once', async () => {
    const { context, page } = await phonePage();
    await openReport(page);
    const keys: string[] = [];
    let aborts = 2;
    await page.route('**/api/v1/troubles', async (route) => {
      keys.push(route.request().headers()['idempotency-key'] ?? '');
      if (aborts > 0) {
        aborts -= 1;
        await route.abort('internetdisconnected');
      } else {
        await route.continue();
      }
    });
    await page.getByLabel('遇到了什么烦恼？').fill('车间通风不好，夏天太闷热。');
    await page.getByTestId('submit').click();
    await page.getByTestId('tracking-code').waitFor({ timeout: 30_000 });
    expect(keys).toHaveLength(3);
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toMatch(/^w-[0-9a-f]{32}$/);

    // Offline for good: the report stays saved and is sent later with one tap, still once.
    await page.getByRole('button', { name: '再反映一个烦恼' }).click();
    await page.unroute('**/api/v1/troubles');
    const offlineKeys: string[] = [];
    await page.route('**/api/v1/troubles', async (route) => {
      offlineKeys.push(route.request().headers()['idempotency-key'] ?? '');
      await route.abort('internetdisconnected');
    });
    await page.getByLabel('遇到了什么烦恼？').fill('食堂晚饭太早，加班的人吃不上。');
    await page.getByTestId('submit').click();
    await page.getByText(/网络中断/).waitFor({ timeout: 30_000 });
    await screenshot(page, 'worker-06-offline');
    expect(await page.getByLabel('遇到了什么烦恼？').isDisabled()).toBe(true);
    await page.reload();
    await page.getByText(/网络中断/).waitFor({ timeout: 30_000 });
    await page.unroute('**/api/v1/troubles');
    const sent = page.waitForRequest((r) => r.url().endsWith('/api/v1/troubles'));
    await page.getByRole('button', { name: '重新提交' }).click();
    expect((await sent).headers()['idempotency-key']).toBe(offlineKeys[0]);
    await page.getByTestId('tracking-code').waitFor({ timeout: 30_000 });
    expect(new Set(offlineKeys).size).toBe(1);
    await context.close();
  }, 120_000);

  it('keep the draft on the phone, show server errors readably, and switch to English', async () => {
    const { context, page } = await phonePage();
    await openReport(page);
    await page.getByLabel('遇到了什么烦恼？').fill('工资条看不懂，想问加班费怎么算。');
    await page.getByTestId('identity-named').check();
    await page.getByLabel(/手机号码/).fill('12345');
    await page.getByTestId('submit').click();
    expect(await page.getByText('请输入 11 位手机号码，或留空。').isVisible()).toBe(true);
    await page.getByLabel(/手机号码/).fill('13800002222');
    await page.getByTestId('submit').click();
    expect(await page.getByText('留名反映需要先同意个人信息保护告知。').isVisible()).toBe(true);
    expect(await page.getByTestId('privacy-notice').innerText()).toMatch(/保存 3 年.*2026-11-v1/s);
    await screenshot(page, 'worker-07-named', true);
    expect(await axeViolations(page)).toEqual([]);

    await page.reload();
    await page.locator('[data-ready="true"]').waitFor();
    expect(await page.getByLabel('遇到了什么烦恼？').inputValue()).toContain('工资条看不懂');
    expect(await page.getByTestId('draft-restored').isVisible()).toBe(true);

    await page.goto(`${server.url}/track/BH-22222-22222`);
    const error = await page.getByTestId('track-error').innerText({ timeout: 30_000 });
    expect(error).toContain('BH-22222-22222');
    expect(error).not.toMatch(/HTTP|404/);

    await page.getByTestId('language-toggle').click();
    await page.goto(`${server.url}/report?enterprise=${enterprise.id}`);
    await page.getByLabel('What is troubling you?').waitFor({ timeout: 30_000 });
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await screenshot(page, 'worker-08-english', true);
    await context.close();
  }, 120_000);

  it('let a worker pick the enterprise from a community QR code', async () => {
    const { context, page } = await phonePage();
    await page.goto(`${server.url}/report?community=baohua`);
    const select = page.getByLabel(/选择所在企业/);
    await select.waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('community').innerText()).toContain('宝华工业社区');
    await select.selectOption(enterprise.id);
    await page.getByLabel('遇到了什么烦恼？').fill('厂门口的路灯坏了，下夜班很黑。');
    const sent = page.waitForRequest((r) => r.url().endsWith('/api/v1/troubles'));
    await page.getByTestId('submit').click();
    expect((await sent).postDataJSON()).toMatchObject({
      channel: 'qr',
      enterpriseId: enterprise.id,
      anonymous: true,
    });
    await page.getByTestId('tracking-code').waitFor({ timeout: 30_000 });
    await context.close();
  }, 60_000);

  it('suggests categories from the text with the real classifier, and stays silent on a 404', async () => {
    const { context, page } = await phonePage();
    // A deployment without the classifier (404): nothing is shown and it is not asked again.
    let missingCalls = 0;
    await page.route('**/api/v1/public/classify', async (route) => {
      missingCalls += 1;
      await route.fulfill({ status: 404, contentType: 'application/problem+json', body: '{}' });
    });
    await openReport(page);
    await page.getByLabel('遇到了什么烦恼？').fill('孩子转学到这边读书，不知道怎么办手续。');
    await page.waitForTimeout(1500);
    await page.getByLabel('遇到了什么烦恼？').fill('孩子转学到这边读书，不知道怎么办手续，急。');
    await page.waitForTimeout(1500);
    expect(missingCalls).toBe(1);
    expect(await page.getByTestId('category-suggestions').count()).toBe(0);

    // The real classifier (day-one model from the taxonomy's keywords and examples).
    await page.unrouteAll();
    const asked: unknown[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/api/v1/public/classify')) {
        asked.push(r.postDataJSON());
      }
    });
    await page.reload();
    await page.locator('[data-ready="true"]').waitFor();
    await page
      .getByLabel('遇到了什么烦恼？')
      .fill('孩子明年要上小学，外地户口不知道怎么办入学手续。');
    const suggestion = page.getByTestId('category-suggestions').getByRole('button').first();
    await suggestion.waitFor({ timeout: 10_000 });
    expect(asked.at(-1)).toEqual({ text: '孩子明年要上小学，外地户口不知道怎么办入学手续。' });
    const names = await page
      .getByTestId('category-suggestions')
      .getByRole('button')
      .allInnerTexts();
    expect(names.some((n) => n.includes('入学'))).toBe(true);
    await screenshot(page, 'worker-10-suggestion');
    const chosen = (await suggestion.innerText()).trim();
    await suggestion.click();
    expect(await page.getByLabel(chosen, { exact: true }).isChecked()).toBe(true);
    await context.close();
  }, 120_000);

  it('reach every part of the report form with the keyboard and pass axe on /report and /track', async () => {
    const { context, page } = await phonePage();
    await openReport(page);
    await page.getByTestId('category-chips').waitFor();
    const reached = new Set<string>();
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      const id = await page.evaluate(() => {
        const el = document.activeElement as HTMLInputElement | null;
        return el === null
          ? ''
          : (el.dataset.testid ?? (el.id || `${el.tagName}:${el.name || el.type}`));
      });
      reached.add(id);
    }
    for (const part of [
      'report-body',
      'INPUT:category-top',
      'photo-input',
      'identity-anonymous',
      'submit',
      'language-toggle',
    ]) {
      expect([...reached], part).toContain(part);
    }
    // Space on a focused category chip selects it (native radio buttons).
    await page.getByTestId('category-chips').locator('input').nth(2).focus();
    await page.keyboard.press('Space');
    expect(await page.getByTestId('category-chips').locator('input').nth(2).isChecked()).toBe(true);
    await page.getByTestId('category-sub').waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.goto(`${server.url}/track`);
    await page.getByLabel('查询码').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'worker-09-lookup');
    await context.close();
  }, 120_000);
});
