/**
 * The data pages in a real browser against a real server with the demo community: a staff
 * member imports a small XLSX (built here with exceljs, one bad row), sees the bad row, commits
 * and finds the troubles in the workbench; the dashboard shows the hot problems; a clustering run
 * over the imported month is created and one candidate accepted; an admin creates a webhook
 * channel and an Open311 key.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { launchChromium, screenshot, signIn as signInAs, waitForText } from './browser';
import { ensureWebBuilt, type RunningServer, startServer } from './server-process';

const DASHBOARD = '/indices?community=baohua&from=2023-05-01&to=2023-10-01';
const TAG = `E2E${Date.now().toString(36).slice(-5)}`;

let server: RunningServer;
let browser: Browser;
const pageErrors: string[] = [];

/** Lets modal and message animations finish before a screenshot. */
const settle = (page: Page) => page.waitForTimeout(800);

/** The month before now in Asia/Shanghai, as `YYYY-MM`, and a day in it. */
function previousMonth(): { month: string; day: (d: number) => string } {
  const now = new Date(Date.now() + 8 * 3600_000);
  const y = now.getUTCMonth() === 0 ? now.getUTCFullYear() - 1 : now.getUTCFullYear();
  const m = now.getUTCMonth() === 0 ? 12 : now.getUTCMonth();
  const month = `${y}-${String(m).padStart(2, '0')}`;
  return { month, day: (d) => `${month}-${String(d).padStart(2, '0')} 09:30` };
}

/** A troubles ledger: a title row, four good rows about one issue and one row with a bad date. */
async function buildLedger(): Promise<string> {
  const { day } = previousMonth();
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('台账');
  sheet.addRow(['宝华社区烦恼台账（导入测试）']);
  sheet.addRow(['反映时间', '标题', '烦恼内容', '反映人', '联系电话']);
  const body = '宿舍楼热水器坏了一个多星期没人来修，工人下班只能用冷水洗澡';
  sheet.addRow([day(3), `${TAG} 宿舍热水器坏了`, body, '张三', '13800138001']);
  sheet.addRow([day(4), `${TAG} 热水器还没修`, `${body}，请尽快维修`, '李四', '13800138002']);
  sheet.addRow([day(5), `${TAG} 宿舍没有热水`, `宿舍热水器坏了没人修，${body}`, '王五', '']);
  sheet.addRow(['2023-13-45', `${TAG} 坏日期`, '这一行的日期写错了，应当报错', '赵六', '']);
  sheet.addRow([day(6), `${TAG} 热水器维修`, `又是${body}`, '', '13800138004']);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fannao-import-')), '台账.xlsx');
  await workbook.xlsx.writeFile(file);
  return file;
}

const signIn = (username: string, password: string) =>
  signInAs(browser, server.url, username, password, { pageErrors });

beforeAll(async () => {
  ensureWebBuilt();
  server = await startServer();
  browser = await launchChromium();
}, 360_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
}, 60_000);

describe('data pages (staff)', () => {
  let page: Page;

  beforeAll(async () => {
    ({ page } = await signIn('baohua1', 'Shequ#2023'));
  }, 90_000);

  it('shows the import and clustering cards on the home page', async () => {
    await waitForText(page.locator('.home-card', { hasText: '数据导入' }), ['打开数据导入']);
    await waitForText(page.locator('.home-card', { hasText: '聚类审核' }), ['打开聚类审核']);
  }, 60_000);

  it('imports a ledger: dry run, the bad row, commit, the troubles in the workbench', async () => {
    const file = await buildLedger();
    await page.goto(`${server.url}/imports`, { timeout: 30_000 });
    await waitForText(page.locator('.import-page'), ['数据导入', '烦恼台账']);
    await page.locator('.import-page input[type=file]').setInputFiles(file);
    await screenshot(page, 'data-import-choose');
    await page.getByRole('button', { name: '上传并试导入' }).click();

    await waitForText(page.getByTestId('import-status'), ['检查完成']);
    const errors = page.locator('.import-errors tbody tr');
    await waitForText(errors.first(), ['6', '反映时间']);
    await waitForText(page.locator('.import-counts'), ['可导入', '4', '有错误', '1']);
    await waitForText(page.locator('.import-page'), ['表头所在行', '2', '烦恼内容', 'body']);
    expect(await page.getByRole('link', { name: '下载错误行' }).count()).toBe(1);
    await screenshot(page, 'data-import-validated', true);

    const download = page.waitForEvent('download', { timeout: 30_000 });
    await page.getByRole('link', { name: '下载错误行' }).click();
    expect((await download).suggestedFilename()).toMatch(/\.xlsx$/);

    await page.getByRole('button', { name: '确认导入' }).click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: '确认导入' }).click();
    await waitForText(page.getByTestId('import-status'), ['导入完成'], 60_000);
    await waitForText(page.locator('.import-page'), ['已导入 4 行']);
    await settle(page);
    await screenshot(page, 'data-import-committed', true);

    await page.getByRole('link', { name: '到工作台查看' }).click();
    await page.waitForURL(/\/workbench/, { timeout: 30_000 });
    await waitForText(page.locator('.work-page'), [`${TAG} 宿舍热水器坏了`]);
    expect(await page.getByRole('link', { name: '导出 XLSX' }).getAttribute('href')).toBe(
      '/api/v1/exports/troubles.xlsx?unlinked=true',
    );
    await screenshot(page, 'data-workbench-imported');
    // The export links carry the list's filters and the server accepts them.
    const triageCsv = await page.request.get(
      `${server.url}/api/v1/exports/troubles.csv?unlinked=true`,
    );
    expect(triageCsv.status()).toBe(200);
    expect(await triageCsv.text()).toContain(`${TAG} 宿舍热水器坏了`);
    await page.getByRole('tab', { name: '已逾期' }).click();
    // The tab switch re-renders the toolbar; wait for the link that carries the new filter.
    const overdueLink = page.locator('a[href*="/exports/problems.xlsx"][href*="overdue=true"]');
    await overdueLink.waitFor({ timeout: 30_000 });
    const overdueHref = await overdueLink.getAttribute('href');
    expect(overdueHref).toContain('overdue=true');
    expect((await page.request.get(`${server.url}${overdueHref}`)).status()).toBe(200);
  }, 180_000);

  it('shows the hot problems on the dashboard', async () => {
    await page.goto(`${server.url}${DASHBOARD}`, { timeout: 30_000 });
    const card = page.locator('.ant-card', { hasText: '热点问题' }).first();
    await waitForText(card, ['热点问题', '热度', '反映人数']);
    await waitForText(card.locator('.hot-problems-table .ant-table-row').first(), ['1']);
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'data-hot-problems');
  }, 90_000);

  it('clusters the imported month and accepts a candidate', async () => {
    const { month } = previousMonth();
    await page.goto(`${server.url}/clusters`, { timeout: 30_000 });
    await waitForText(page.locator('.clusters-page'), ['聚类审核', '聚类批次']);
    await page.getByRole('button', { name: '开始聚类' }).click();
    await page.waitForURL(/run=/, { timeout: 60_000 });
    const card = page.getByTestId('cluster-card').filter({ hasText: TAG }).first();
    await waitForText(card, ['待审核', TAG]);
    await waitForText(page.locator('.clusters-page'), [month]);
    await screenshot(page, 'data-clusters-run', true);
    await card.getByRole('button', { name: '采纳为类问题' }).click();
    await waitForText(card, ['已采纳']);
    await settle(page);
    await screenshot(page, 'data-clusters-accepted');
  }, 120_000);

  it('shows the reply quality in the problem drawer', async () => {
    const list = await page.request.get(
      `${server.url}/api/v1/problems?status=resolved,replied,closed&limit=5`,
    );
    const { items } = (await list.json()) as { items: { id: string }[] };
    expect(items.length).toBeGreaterThan(0);
    await page.goto(`${server.url}/workbench?tab=active&problem=${items[0]!.id}`, {
      timeout: 30_000,
    });
    const panel = page.getByTestId('reply-quality');
    await waitForText(panel, ['答复质量', '针对性', '完整性', '说理性', '及时性']);
    await panel.scrollIntoViewIfNeeded();
    await settle(page);
    await screenshot(page, 'data-reply-quality');
  }, 90_000);
});

describe('data pages (admin)', () => {
  let page: Page;

  beforeAll(async () => {
    ({ page } = await signIn('admin', 'Fannao#Admin2023'));
  }, 90_000);

  it('creates a webhook channel', async () => {
    await page.goto(`${server.url}/admin?tab=channels`, { timeout: 30_000 });
    await page.getByRole('button', { name: '新建通知渠道' }).click();
    const modal = page.locator('.ant-modal').filter({ hasText: '新建通知渠道' });
    await modal.getByLabel('名称').fill('督办群机器人');
    await modal.getByLabel('地址').fill('https://example.com/hooks/fannao');
    await modal.getByLabel('签名密钥').fill('secret-123456');
    await settle(page);
    await screenshot(page, 'data-admin-channel-form');
    await modal.getByRole('button', { name: '提交' }).click();
    const row = page.locator('.ant-table-row', { hasText: '督办群机器人' });
    await waitForText(row, ['督办群机器人', 'Webhook', '新的重急烦恼']);
    await settle(page);
    await screenshot(page, 'data-admin-channels');
  }, 90_000);

  it('lists failed deliveries and creates an Open311 key shown once', async () => {
    await page.goto(`${server.url}/admin?tab=deliveries`, { timeout: 30_000 });
    await waitForText(page.locator('.work-page'), ['发送失败']);
    await page.goto(`${server.url}/admin?tab=open311`, { timeout: 30_000 });
    await page.getByRole('button', { name: '新建 API 密钥' }).click();
    const modal = page.locator('.ant-modal').filter({ hasText: '新建 API 密钥' });
    await modal.getByLabel('用途说明').fill('12345 热线对接');
    // The community select fills itself once the communities have loaded; submit after that.
    await waitForText(modal.locator('.community-select'), ['工业']);
    await modal.getByRole('button', { name: '提交' }).click();
    const key = await waitForText(page.getByTestId('new-key'), ['']);
    expect(key.length).toBeGreaterThan(16);
    await settle(page);
    await screenshot(page, 'data-admin-open311-key');
    await page
      .locator('.ant-modal')
      .filter({ hasText: '新密钥' })
      .getByRole('button', { name: /OK|确/ })
      .click();
    await waitForText(page.locator('.ant-table-row', { hasText: '12345 热线对接' }), ['12345']);
    await page.goto(`${server.url}/admin?tab=users`, { timeout: 30_000 });
    await waitForText(page.locator('.work-page'), ['含个人信息（明文）']);
    expect(
      await page.getByRole('link', { name: '导出 CSV' }).first().getAttribute('href'),
    ).toContain('mask=true');
    const usersCsv = await page
      .getByRole('link', { name: '导出 CSV' })
      .first()
      .getAttribute('href');
    const masked = await page.request.get(`${server.url}${usersCsv}`);
    expect(masked.status()).toBe(200);
    expect(masked.headers()['x-personal-data']).toBe('masked');
  }, 90_000);

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
