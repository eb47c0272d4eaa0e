/**
 * Monthly reports (月报) in a real browser against a real server with the demo: a staff member
 * generates September 2023 and downloads the PDF and the XLSX from the reports page.
 */
import fs from 'node:fs';

import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { launchChromium, screenshot } from './browser';
import { ensureWebBuilt, type RunningServer, startServer } from './server-process';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  ensureWebBuilt();
  server = await startServer();
  browser = await launchChromium();
}, 360_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
}, 60_000);

describe('monthly reports page (月报)', () => {
  it('generates a month and downloads its PDF and XLSX', async () => {
    const context = await browser.newContext({
      viewport: { width: 1400, height: 900 },
      locale: 'zh-CN',
      acceptDownloads: true,
    });
    const page = await context.newPage();
    await page.goto(`${server.url}/login`, { waitUntil: 'networkidle', timeout: 30_000 });
    await page.getByLabel('用户名').fill('baohua1');
    await page.getByLabel('密码').fill('Shequ#2023');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${server.url}/`, { timeout: 30_000 });
    await page.getByRole('link', { name: '查看月报' }).click();
    await page.waitForURL(`${server.url}/reports`, { timeout: 30_000 });
    await page.getByLabel('月份').click();
    await page.getByLabel('月份').fill('2023-09');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: '生成月报' }).click();
    const row = page.locator('tr', { hasText: '2023年9月' });
    await row.waitFor({ timeout: 60_000 });
    await screenshot(page, 'reports-page');
    const [pdf] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      row.getByRole('link', { name: /PDF/ }).click(),
    ]);
    const pdfBytes = fs.readFileSync(await pdf.path());
    expect(pdfBytes.subarray(0, 5).toString()).toBe('%PDF-');
    const [xlsx] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      row.getByRole('link', { name: /XLSX/ }).click(),
    ]);
    const xlsxBytes = fs.readFileSync(await xlsx.path());
    expect(xlsxBytes.subarray(0, 2).toString()).toBe('PK');
    await context.close();
  }, 180_000);
});
