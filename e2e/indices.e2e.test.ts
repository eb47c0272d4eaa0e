/**
 * The indices dashboard and the big screen in a real browser against a real server with the
 * demo community: the article's figures (13.94 %, 7.82 %, 409 / 43 / 38) must show, charts must
 * draw, drill-down and exports must work, and the big screen must run without a login.
 */
import fs from 'node:fs';

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { chartCanvases, launchChromium, screenshot, waitForText } from './browser';
import { ensureWebBuilt, type RunningServer, startServer } from './server-process';

const DASHBOARD = '/indices?community=baohua&from=2023-05-01&to=2023-10-01';
const SCREEN = '/screen/baohua?token=baohua-demo-screen';

let server: RunningServer;
let browser: Browser;
const pageErrors: string[] = [];

function watch(page: Page): Page {
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return page;
}

async function logIn(page: Page, username: string, password: string): Promise<string[]> {
  const requested: string[] = [];
  page.on('request', (request) => requested.push(request.url()));
  await page.goto(`${server.url}/login`, { waitUntil: 'networkidle', timeout: 30_000 });
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByLabel('密码').press('Enter');
  await page.waitForURL(`${server.url}/`, { timeout: 30_000 });
  await page.waitForLoadState('networkidle', { timeout: 30_000 });
  return requested;
}

beforeAll(async () => {
  ensureWebBuilt();
  server = await startServer();
  browser = await launchChromium();
}, 360_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
}, 60_000);

describe('indices dashboard (指数看板)', () => {
  let page: Page;

  beforeAll(async () => {
    const context = await browser.newContext({
      viewport: { width: 1600, height: 1000 },
      locale: 'zh-CN',
      acceptDownloads: true,
    });
    page = watch(await context.newPage());
  }, 60_000);

  it('keeps ECharts off the login and home pages', async () => {
    const requested = await logIn(page, 'baohua1', 'Shequ#2023');
    expect(requested.some((url) => url.includes('/assets/vendor-echarts'))).toBe(false);
    expect(requested.some((url) => url.includes('/assets/vendor-exceljs'))).toBe(false);
    await waitForText(page.locator('.home-card', { hasText: '指数看板' }), ['打开指数看板']);
  }, 90_000);

  it('shows the article’s ranking and figures for May–September 2023', async () => {
    await page.goto(`${server.url}${DASHBOARD}`, { timeout: 30_000 });
    await waitForText(page.locator('.indices-title'), ['指数看板', '宝华工业社区']);
    await waitForText(page.locator('.indices-period-label'), ['2023年5月至9月']);

    const ranking = page.locator('.ranking-table tbody tr');
    await waitForText(ranking.filter({ hasText: '招工用工' }), ['招工用工', '57', '13.94%']);
    await waitForText(ranking.filter({ hasText: '子女入学' }), ['子女入学', '32', '7.82%']);

    await waitForText(page.locator('.indices-figure-troubles'), ['烦恼总数', '409']);
    await waitForText(page.locator('.indices-figure-problems'), ['类问题', '43']);
    await waitForText(page.locator('.indices-figure-resolved'), ['办结', '38']);

    await waitForText(page.locator('.indices-card-rates'), ['职能部门', '社区', '响应率']);
    await waitForText(page.locator('.indices-card-happiness'), ['幸福指数']);

    // Ranking, pie, trend, heat map and intensity: every chart box has a painted canvas.
    const until = Date.now() + 20_000;
    let charts = await chartCanvases(page);
    while (Date.now() < until && (charts.length < 5 || !charts.every((c) => c.painted))) {
      await page.waitForTimeout(300);
      charts = await chartCanvases(page);
    }
    expect(charts.length).toBeGreaterThanOrEqual(5);
    for (const chart of charts) {
      expect(chart.width).toBeGreaterThan(0);
      expect(chart.height).toBeGreaterThan(0);
      expect(chart.painted).toBe(true);
    }
    // The address bar keeps the view, so the link reproduces it.
    expect(new URL(page.url()).search).toBe('?community=baohua&from=2023-05-01&to=2023-10-01');

    await page.waitForTimeout(800); // let the chart animations finish
    await screenshot(page, 'indices-dashboard', true);
  }, 120_000);

  it('drills down from a category to its problems and troubles', async () => {
    await page.locator('.ranking-category-link', { hasText: '招工用工' }).first().click();
    const drawer = page.locator('.category-drawer');
    await waitForText(drawer, ['招工用工', '2023年5月至9月', '类问题（', '烦恼（57）']);
    await waitForText(drawer.locator('.ant-table-tbody'), ['BH-']);
    await screenshot(page, 'indices-drill-down');
    await page.keyboard.press('Escape');
    await drawer.locator('.ant-drawer-content').waitFor({ state: 'hidden', timeout: 10_000 });
  }, 60_000);

  it('exports the ranking as CSV (BOM) and XLSX', async () => {
    const card = page.locator('.indices-card-ranking');
    const [csv] = await Promise.all([
      page.waitForEvent('download', { timeout: 20_000 }),
      card.getByRole('button', { name: /CSV/ }).click(),
    ]);
    expect(csv.suggestedFilename()).toBe('烦恼指数排行榜_宝华工业社区_2023年5月至9月.csv');
    const text = fs.readFileSync(await csv.path(), 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain('1,招工用工,57,13.94');
    expect(text).toContain('子女入学,32,7.82');

    const [xlsx] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      card.getByRole('button', { name: /XLSX/ }).click(),
    ]);
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
    expect(
      fs
        .readFileSync(await xlsx.path())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');

    const [png] = await Promise.all([
      page.waitForEvent('download', { timeout: 20_000 }),
      card.getByRole('button', { name: /PNG/ }).click(),
    ]);
    const image = fs.readFileSync(await png.path());
    expect(image.subarray(1, 4).toString()).toBe('PNG');
  }, 90_000);

  it('switches to English', async () => {
    await page.getByText('English', { exact: true }).click();
    await waitForText(page.locator('.indices-card-ranking'), [
      'Trouble index ranking',
      'Recruitment & staffing',
      '13.94%',
    ]);
    await page.waitForTimeout(800);
    await screenshot(page, 'indices-dashboard-en', true);
    await page.getByText('中文', { exact: true }).click();
    await waitForText(page.locator('.indices-card-ranking'), ['烦恼指数排行榜']);
  }, 60_000);
});

describe('big screen (大屏)', () => {
  let page: Page;

  beforeAll(async () => {
    const context = await browser.newContext({
      viewport: { width: 1920, height: 1080 },
      locale: 'zh-CN',
    });
    page = watch(await context.newPage());
  }, 60_000);

  it('shows the title, the clock and the ranking without a login', async () => {
    await page.goto(`${server.url}${SCREEN}`, { timeout: 30_000 });
    await waitForText(page.locator('.screen-title'), ['宝华工业社区', '烦恼指数']);
    await waitForText(page.locator('.screen-clock'), [':']);
    const first = page.locator('.screen-ranking-row').first();
    await waitForText(first, ['招工用工', '13.94%']);
    await waitForText(page.locator('.screen-ranking-row', { hasText: '子女入学' }), ['7.82%']);
    await waitForText(page.locator('.screen-updated'), ['数据更新于']);
    const box = await page.locator('.screen-canvas').boundingBox();
    expect(box).toMatchObject({ x: 0, y: 0, width: 1920, height: 1080 });
    await page.waitForTimeout(1000);
    await screenshot(page, 'screen-ranking');

    // It rotates on its own: the monthly trend follows the ranking after 15 s.
    await page.waitForFunction(
      () => document.querySelector('.screen-board')?.getAttribute('data-page') === 'trend',
      null,
      { timeout: 20_000 },
    );
  }, 60_000);

  it('draws the other pages', async () => {
    await page.goto(`${server.url}${SCREEN}&pages=trend`, { timeout: 30_000 });
    await page.locator('.screen-trend [data-chart] canvas').waitFor({ timeout: 30_000 });
    await page.waitForTimeout(1200);
    const [trend] = await chartCanvases(page);
    expect(trend?.painted).toBe(true);
    await screenshot(page, 'screen-trend');

    await page.goto(`${server.url}${SCREEN}&pages=figures`, { timeout: 30_000 });
    await waitForText(page.locator('.screen-figures'), ['收集烦恼', '类问题', '办结', '逾期']);
    await page.waitForTimeout(1000);
    await screenshot(page, 'screen-figures');

    await page.goto(`${server.url}${SCREEN}&pages=resolved`, { timeout: 30_000 });
    await waitForText(page.locator('.screen-resolved'), ['近期办结', '办结于']);
    await page.waitForTimeout(1000);
    await screenshot(page, 'screen-resolved');
  }, 90_000);

  it('letterboxes the canvas on a window of another shape', async () => {
    await page.setViewportSize({ width: 1280, height: 1024 });
    await page.goto(`${server.url}${SCREEN}`, { timeout: 30_000 });
    await waitForText(page.locator('.screen-title'), ['宝华工业社区']);
    const box = await page.locator('.screen-canvas').boundingBox();
    expect(box?.width).toBeCloseTo(1280, 0);
    expect(box?.height).toBeCloseTo(720, 0);
    expect(box?.y).toBeCloseTo(152, 0);
    await page.setViewportSize({ width: 1920, height: 1080 });
  }, 60_000);

  it('explains a bad or missing token in Chinese', async () => {
    await page.goto(`${server.url}/screen/baohua?token=not-the-right-token`, { timeout: 30_000 });
    await waitForText(page.locator('.screen-message'), ['大屏访问令牌无效或已过期']);
    await screenshot(page, 'screen-bad-token');
    await page.goto(`${server.url}/screen/baohua`, { timeout: 30_000 });
    await waitForText(page.locator('.screen-message'), ['缺少大屏访问令牌']);
  }, 60_000);

  it('raised no uncaught errors in any page', () => {
    expect(pageErrors).toEqual([]);
  });
});
