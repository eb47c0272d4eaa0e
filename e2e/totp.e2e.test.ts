/**
 * Two-step verification (TOTP, ASVS 6.3.2) in a real browser against a real server with the demo
 * and TOTP_REQUIRED_ROLES=staff: staff member baohua1 signs in with the password, is sent to the
 * enrolment before anything else, scans (here: reads the key), confirms with a code computed by
 * otpauth and sees the recovery codes once; signing in again asks for the code (a wrong one is
 * refused), and the right one opens the home page; the admin sees TOTP on in the users tab,
 * resets it and starts their own enrolment from the user menu. Screenshots:
 * artifacts/screenshots/totp-*.png.
 */
import { Secret, TOTP } from 'otpauth';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { launchChromium, screenshot, submitLogin, waitForText } from './browser';
import { ensureWebBuilt, type RunningServer, startServer } from './server-process';

const STAFF = { username: 'baohua1', password: 'Shequ#2023' };
const ADMIN = { username: 'admin', password: 'Fannao#Admin2023' };

let server: RunningServer;
let browser: Browser;
const pageErrors: string[] = [];
let secret = '';
/** The time step of the last code used, so that the next login waits for a fresh one. */
let usedStep = 0;

const settle = (page: Page) => page.waitForTimeout(800);

function totp(): TOTP {
  return new TOTP({
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    secret: Secret.fromBase32(secret),
  });
}

/** A code of a time step not used yet (waits for the next step when needed). */
async function freshCode(): Promise<string> {
  while (Math.floor(Date.now() / 30_000) <= usedStep) {
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  usedStep = Math.floor(Date.now() / 30_000);
  return totp().generate();
}

const openLogin = (username: string, password: string) =>
  submitLogin(browser, server.url, username, password, {
    context: {
      viewport: { width: 1280, height: 900 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    },
    pageErrors,
  });

beforeAll(async () => {
  ensureWebBuilt();
  server = await startServer({ env: { TOTP_REQUIRED_ROLES: 'staff' } });
  browser = await launchChromium();
}, 360_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
}, 60_000);

describe('two-step verification', () => {
  let staff: { context: BrowserContext; page: Page };

  it('sends a staff member who must use TOTP to the enrolment first, and enrols with a code', async () => {
    staff = await openLogin(STAFF.username, STAFF.password);
    const { page } = staff;
    await waitForText(page.locator('.totp-gate-card'), ['请先开启两步验证', '崔远生']);
    // Nothing else answers before enrolment (server-side, not only the page).
    const blocked = await page.evaluate(
      async () => (await (await fetch('/api/v1/problems')).json()) as unknown,
    );
    expect(blocked).toMatchObject({ status: 403, code: 'TOTP_ENROLLMENT_REQUIRED' });

    await page.getByRole('button', { name: '开始设置' }).click();
    const qr = page.getByRole('img', { name: '两步验证二维码' });
    await qr.waitFor({ timeout: 30_000 });
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    const grouped = await page.getByTestId('totp-secret').innerText();
    expect(grouped).toMatch(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);
    secret = grouped.replace(/\s+/g, '');
    await settle(page);
    await screenshot(page, 'totp-01-enrolment');

    const code = page.getByLabel('验证码');
    expect(await code.getAttribute('autocomplete')).toBe('one-time-code');
    await code.fill(await freshCode());
    await page.getByRole('button', { name: '确认开启' }).click();
    const list = page.getByRole('list', { name: '恢复码' });
    const text = await waitForText(list, ['-']);
    const codes = text.match(/[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}/g) ?? [];
    expect(codes).toHaveLength(10);
    await settle(page);
    await screenshot(page, 'totp-02-recovery-codes');
    await page.getByRole('button', { name: '我已保存' }).click();
    await waitForText(page.locator('body'), ['崔远生，您好']);
    await staff.context.close();
  }, 120_000);

  it('asks for the code at the next login, refuses a wrong one and lets the right one in', async () => {
    const { context, page } = await openLogin(STAFF.username, STAFF.password);
    const code = page.getByLabel('验证码');
    await code.waitFor({ timeout: 30_000 });
    expect(await code.getAttribute('autocomplete')).toBe('one-time-code');
    expect(await code.getAttribute('inputmode')).toBe('numeric');
    await page.getByRole('button', { name: '使用恢复码' }).waitFor();
    await settle(page);
    await screenshot(page, 'totp-03-login-code');

    const wrong = String((Number(totp().generate()) + 1) % 1_000_000).padStart(6, '0');
    await code.fill(wrong);
    await code.press('Enter');
    await waitForText(page.getByRole('alert'), ['验证码错误']);

    await code.fill(await freshCode());
    await code.press('Enter');
    await page.waitForURL(`${server.url}/`, { timeout: 30_000 });
    await waitForText(page.locator('body'), ['崔远生，您好']);

    // The user menu shows the status.
    await page.getByTitle('账户菜单').click();
    await page.getByRole('menuitem', { name: '两步验证' }).click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '两步验证' });
    await waitForText(dialog, ['已开启', '剩余恢复码', '10']);
    await settle(page);
    await screenshot(page, 'totp-04-status');
    await context.close();
  }, 120_000);

  it('lets the admin see TOTP on in the users tab and reset it', async () => {
    const { context, page } = await openLogin(ADMIN.username, ADMIN.password);
    await page.waitForURL(`${server.url}/`, { timeout: 30_000 });
    await page.goto(`${server.url}/admin?tab=users`, { timeout: 30_000 });
    const row = page.locator('.ant-table-row', { hasText: STAFF.username });
    await waitForText(row, ['崔远生', '已开启']);
    await row.getByRole('button', { name: '重置两步验证' }).click();
    const confirm = page.locator('.ant-modal-confirm');
    await waitForText(confirm, ['重置 崔远生 的两步验证？']);
    await settle(page);
    await screenshot(page, 'totp-05-admin-reset');
    await confirm.getByRole('button', { name: '重置两步验证' }).click();
    await waitForText(row, ['未开启']);

    // The admin's own enrolment from the user menu (TOTP is optional for admins here).
    await page.getByTitle('账户菜单').click();
    await page.getByRole('menuitem', { name: '两步验证' }).click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '两步验证' });
    await waitForText(dialog, ['未开启']);
    await dialog.getByRole('button', { name: '开启两步验证' }).click();
    await dialog.getByRole('button', { name: '开始设置' }).click();
    await dialog.getByRole('img', { name: '两步验证二维码' }).waitFor({ timeout: 30_000 });
    await waitForText(dialog, ['扫码并确认', '无法扫码时手动输入密钥']);
    await settle(page);
    await screenshot(page, 'totp-06-dialog-enrolment');
    await context.close();
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
