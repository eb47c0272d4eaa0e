/**
 * The main cross-role journey in a real browser against a real server with the demo (issue 5):
 * an anonymous worker on a 390×844 phone reports a trouble and gets a code → staff (baohua1)
 * triage it on the workbench and link it to a new problem → dispatch to a department → the
 * department (dept-zonggonghui) accepts, replies to the reporters with a public note and resolves
 * → the worker sees the outcome by code and rates it 不满意 → the problem reopens. Plus: staff of
 * another community (tongmu1) cannot see it, the English switch works and the staff header fits
 * a phone. Screenshots of each step go to artifacts/screenshots/journey-*.png.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { launchChromium, screenshot, signIn as signInAs, waitForText } from './browser';
import { ensureWebBuilt, type RunningServer, startServer } from './server-process';

let server: RunningServer;
let browser: Browser;
let enterprise: { id: string; name: string };

const PHONE = { viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true };
const DESKTOP = { viewport: { width: 1400, height: 900 }, locale: 'zh-CN' };
const REPORT = '宿舍三楼热水器坏了一个多星期，二十多名职工没有热水洗澡，向宿舍管理员反映过没人修。';
const RESOLUTION = '县总工会协调宿舍产权方，已更换三楼热水器并检修全楼热水管路。';

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

const signIn = (options: typeof DESKTOP | typeof PHONE, username: string, password: string) =>
  signInAs(browser, server.url, username, password, { context: options });

/** The drawer that is open (antd keeps closed ones in the DOM until they are destroyed). */
const drawer = (page: Page) => page.locator('.ant-drawer-open .ant-drawer-section');
const modal = (page: Page) => page.locator('.ant-modal-wrap:visible .ant-modal');

/** Picks an option of an antd Select by typing part of its label. */
async function choose(page: Page, label: string, text: string): Promise<void> {
  await modal(page).getByLabel(label).click();
  await page.keyboard.type(text);
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text })
    .first()
    .click();
}

describe('the cross-role journey (worker → staff → department → worker)', () => {
  let code = '';
  let problemId = '';

  it('lets an anonymous worker report a trouble on a phone and get a tracking code', async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    await page.goto(`${server.url}/report?enterprise=${enterprise.id}`, { timeout: 30_000 });
    await page.locator('[data-ready="true"]').waitFor({ timeout: 30_000 });
    await page.getByLabel('遇到了什么烦恼？').fill(REPORT);
    await screenshot(page, 'journey-01-worker-report', true);
    await page.getByTestId('submit').click();
    code = (await page.getByTestId('tracking-code').innerText({ timeout: 30_000 })).trim();
    expect(code).toMatch(/^BH-[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/);
    await screenshot(page, 'journey-02-worker-code');
    await context.close();
  }, 120_000);

  it('lets staff triage it on the workbench, link it to a new problem and dispatch it', async () => {
    const { context, page } = await signIn(DESKTOP, 'baohua1', 'Shequ#2023');
    await page.getByRole('link', { name: '打开工作台' }).click();
    await page.waitForURL(/\/workbench/);
    const row = page.locator('tr', { hasText: code });
    await row.waitFor({ timeout: 30_000 });
    await screenshot(page, 'journey-03-staff-triage-queue');
    await row.click();
    await waitForText(drawer(page), [code, REPORT.slice(0, 10)]);
    // The classifier's suggestion panel (category with confidence, similar open problems).
    await page.locator('.suggestions-panel').waitFor({ timeout: 30_000 });
    await screenshot(page, 'journey-03b-staff-suggestions');

    await drawer(page).locator('.category-cascader').click();
    await page.locator('.ant-cascader-menu-item', { hasText: '餐饮住宿' }).click();
    await page.locator('.ant-cascader-menu-item', { hasText: '宿舍住房' }).click();
    await drawer(page).getByText('重', { exact: true }).click();
    await drawer(page).getByText('急', { exact: true }).click();
    await drawer(page).getByLabel('涉及职工').fill('25');
    expect(await drawer(page).getByTestId('computed-priority').innerText()).toContain('P1');
    await drawer(page).getByRole('button', { name: '保存分拣' }).click();
    await page.getByText('分拣已保存').waitFor({ timeout: 30_000 });
    await screenshot(page, 'journey-04-staff-triaged');

    await drawer(page).getByLabel('类问题标题').fill('宿舍热水器长期损坏');
    await drawer(page).getByRole('button', { name: '新建并归入' }).click();
    await page.waitForURL(/problem=/, { timeout: 30_000 });
    problemId = new URL(page.url()).searchParams.get('problem')!;
    await waitForText(drawer(page), ['宿舍热水器长期损坏', '待处理', '重急', code]);
    await screenshot(page, 'journey-05-staff-problem');

    await drawer(page).getByRole('button', { name: '交办', exact: true }).click();
    await choose(page, '牵头部门', '总工会');
    await choose(page, '配合部门', '住房和城乡建设局');
    await modal(page).getByLabel('交办说明').fill('请总工会牵头协调宿舍产权方，住建局配合检修。');
    await modal(page).getByRole('button', { name: '提交' }).click();
    await waitForText(drawer(page), [
      '已交办',
      '上栗县总工会 · 牵头',
      '上栗县住房和城乡建设局 · 配合',
    ]);
    await waitForText(drawer(page).locator('.event-timeline'), ['新建类问题', '交办']);
    await screenshot(page, 'journey-06-staff-dispatched', true);
    await context.close();
  }, 180_000);

  it('lets the department accept, reply to the reporters and resolve from its inbox', async () => {
    const { context, page } = await signIn(DESKTOP, 'dept-zonggonghui', 'Bumen#2023');
    // The dispatch notified the department: the bell counts it.
    const bell = page.locator('.notification-bell');
    await waitForText(bell.locator('.ant-badge'), ['1']);
    await bell.click();
    await waitForText(page.locator('.notification-panel'), ['新交办']);
    await screenshot(page, 'journey-07-department-bell');
    await page.locator('.notification-item', { hasText: '新交办' }).first().click();
    await page.waitForURL(/\/inbox\?problem=/, { timeout: 30_000 });
    await waitForText(drawer(page), ['宿舍热水器长期损坏', '已交办']);
    await drawer(page).getByRole('button', { name: '签收' }).click();
    await waitForText(drawer(page), ['办理中', '已签收']);

    await drawer(page).getByRole('button', { name: '记录进展' }).click();
    await modal(page).getByLabel('进展情况').fill('已联系宿舍产权方，本周内更换热水器。');
    await modal(page).getByText('向反映人公开此进展').click();
    await modal(page).getByRole('button', { name: '提交' }).click();
    await waitForText(drawer(page).locator('.event-timeline'), ['公开进展', '本周内更换热水器']);

    await drawer(page).getByRole('button', { name: '办结', exact: true }).click();
    await modal(page).getByLabel('办结情况').fill(RESOLUTION);
    await modal(page).getByRole('button', { name: '提交' }).click();
    await waitForText(drawer(page), ['已解决', RESOLUTION.slice(0, 12)]);
    await screenshot(page, 'journey-08-department-resolved', true);
    await page
      .getByRole('button', { name: 'Close' })
      .or(page.locator('.ant-drawer-close'))
      .first()
      .click();
    await page.getByText('已答复/已解决').click();
    await page.locator('tr', { hasText: '宿舍热水器长期损坏' }).waitFor({ timeout: 30_000 });
    await screenshot(page, 'journey-09-department-inbox');
    await context.close();
  }, 180_000);

  it('shows the worker the outcome by code; 不满意 reopens the problem', async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    await page.goto(`${server.url}/track/${code}`, { timeout: 30_000 });
    await page.getByTestId('rating-form').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('track-answer').innerText()).toContain('更换三楼热水器');
    await screenshot(page, 'journey-10-worker-outcome', true);
    await page.getByLabel('不满意', { exact: true }).check();
    await page.getByLabel(/不满意的原因/).fill('只换了三楼，二楼的热水器也坏了。');
    await page.getByTestId('rating-submit').click();
    // The rating reopened the problem: the page says so (the new round has no rating yet).
    await page.getByTestId('rating-done').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('rating-done').innerText()).toContain('重新交办');
    await screenshot(page, 'journey-11-worker-dissatisfied', true);
    await context.close();

    const { context: staff, page: desk } = await signIn(DESKTOP, 'baohua1', 'Shequ#2023');
    await desk.goto(`${server.url}/workbench?tab=active&problem=${problemId}`);
    await waitForText(drawer(desk), ['宿舍热水器长期损坏', '已交办']);
    await waitForText(drawer(desk).locator('.event-timeline'), ['办结', '重新办理']);
    await waitForText(drawer(desk), ['上次办理结果']);
    const reopens = await drawer(desk)
      .locator('.ant-descriptions-item', { hasText: '重新办理次数' })
      .innerText();
    expect(reopens).toContain('1');
    await screenshot(desk, 'journey-12-staff-reopened', true);

    // English switch on the staff app.
    await desk.locator('.ant-drawer-close').click();
    await desk.getByText('English', { exact: true }).click();
    await desk.getByRole('heading', { name: 'Workbench' }).waitFor({ timeout: 30_000 });
    await desk.getByRole('tab', { name: /To triage/ }).waitFor();
    expect(await desk.evaluate(() => document.documentElement.lang)).toBe('en');
    await screenshot(desk, 'journey-12b-staff-english');
    await staff.close();
  }, 180_000);

  it('lets the supervisor issue a supervision order and read the rankings', async () => {
    const { context, page } = await signIn(DESKTOP, 'tiexinban', 'Tiexin#2023');
    await page.getByRole('link', { name: '打开督办' }).click();
    await page.waitForURL(/\/supervision/);
    await waitForText(page.locator('.ant-table'), ['宝华工业社区', '桐木工业小区']);
    await screenshot(page, 'journey-13-supervisor-communities');
    await page.goto(`${server.url}/supervision?tab=orders&problem=${problemId}`);
    await waitForText(drawer(page), ['宿舍热水器长期损坏', '已交办']);
    await drawer(page).getByRole('button', { name: '下发督办单' }).click();
    await modal(page).getByLabel('理由').fill('职工对办理结果不满意，问题已重新办理。');
    await modal(page).getByLabel('督办要求').fill('三日内完成全楼热水器检修并反馈。');
    const due = new Date(Date.now() + 3 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
    await modal(page).getByLabel('期限').click();
    await page.keyboard.type(`${due} 18:00`);
    // Enter confirms the date and submits the form.
    await page.keyboard.press('Enter');
    await waitForText(drawer(page), ['督办单', '已下发', '三日内完成全楼热水器检修']);
    await screenshot(page, 'journey-14-supervision-order', true);
    await page.locator('.ant-drawer-close').click();
    await waitForText(page.locator('.ant-table'), ['宿舍热水器长期损坏', '已下发']);
    await page.getByRole('tab', { name: '三率排名' }).click();
    await waitForText(page.locator('.ant-table').first(), ['上栗县总工会']);
    await screenshot(page, 'journey-15-supervisor-rankings');
    await context.close();
  }, 180_000);

  it('lets the admin upload a holiday calendar and reports bad lines', async () => {
    const { context, page } = await signIn(DESKTOP, 'admin', 'Fannao#Admin2023');
    await page.getByRole('link', { name: '打开系统管理' }).click();
    await page.waitForURL(/\/admin/);
    await page.getByRole('tab', { name: '节假日日历' }).click();
    // A year the built-in calendar does not cover yet.
    const year = new Date().getFullYear() + 2;
    await page.getByLabel('年份').click();
    await page.getByLabel('年份').fill(String(year));
    await page.keyboard.press('Enter');
    await page.getByText('本年尚无官方日历').waitFor({ timeout: 30_000 });
    const upload = (name: string, text: string) =>
      page
        .locator('input[type=file]')
        .setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
    await upload(
      'bad.csv',
      `day,isOffDay,name\n${year}-10-01,休,国庆节\n${year}-13-01,休,坏日期\n`,
    );
    await waitForText(page.locator('.ant-alert-error'), ['文件未导入', '第 3 行：日期无效']);
    await upload(
      'holidays.csv',
      `day,isOffDay,name\n${year}-10-01,休,国庆节\n${year}-10-02,休,国庆节\n${year}-10-11,班,国庆节调休\n`,
    );
    await page.getByText('已导入 3 天').waitFor({ timeout: 30_000 });
    await page.getByText('已覆盖本年（来源：holidays.csv）').waitFor({ timeout: 30_000 });
    await waitForText(page.locator('.ant-table'), [`${year}-10-11`, '调休上班', '国庆节调休']);
    expect(await page.locator('.ant-table tbody tr.ant-table-row').count()).toBe(3);
    await screenshot(page, 'journey-16-admin-calendar');
    await context.close();
  }, 120_000);

  it('hides the trouble and the problem from staff of another community', async () => {
    const { context, page } = await signIn(DESKTOP, 'tongmu1', 'Shequ#2023');
    await page.getByRole('link', { name: '打开工作台' }).click();
    await page.waitForURL(/\/workbench/);
    await page.locator('.queue-table').waitFor({ timeout: 30_000 });
    await page.waitForLoadState('networkidle');
    expect(await page.locator('tr', { hasText: code }).count()).toBe(0);
    await page.goto(`${server.url}/workbench?tab=active&problem=${problemId}`);
    await waitForText(drawer(page), ['找不到类问题']);
    await screenshot(page, 'journey-17-other-community');
    const status = await page.evaluate(
      async (id) => (await fetch(`/api/v1/problems/${id}`)).status,
      problemId,
    );
    expect(status).toBe(404);
    await context.close();
  }, 120_000);

  it('fits the staff header and the workbench on a 390 px phone', async () => {
    const { context, page } = await signIn(PHONE, 'baohua1', 'Shequ#2023');
    await page.getByRole('heading', { name: /您好/ }).waitFor({ timeout: 30_000 });
    const overflow = () =>
      page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await screenshot(page, 'journey-18-phone-home');
    await page.goto(`${server.url}/workbench?tab=active`);
    await page.locator('.queue-table .ant-table-row').first().waitFor({ timeout: 30_000 });
    await page.locator('.queue-table .ant-spin-spinning').waitFor({ state: 'detached' });
    expect(await overflow()).toBeLessThanOrEqual(0);
    await screenshot(page, 'journey-19-phone-workbench');
    await context.close();
  }, 120_000);
});
