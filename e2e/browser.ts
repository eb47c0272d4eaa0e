import fs from 'node:fs';
import path from 'node:path';

import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Locator,
  type Page,
} from 'playwright-core';

import { root } from './server-process';

export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = path.join(root, 'artifacts/screenshots');

/** Debian's Chromium, headless; fails with a clear message when it is not installed. */
export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is required for the browser tests but ${CHROMIUM} does not exist ` +
        '(Debian: apt-get install chromium).',
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    timeout: 60_000,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

export async function screenshot(page: Page, name: string, fullPage = false): Promise<string> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage, timeout: 30_000 });
  return file;
}

/** Waits until the locator's text contains every one of `parts`, then returns the text. */
export async function waitForText(
  locator: Locator,
  parts: string[],
  timeoutMs = 30_000,
): Promise<string> {
  const until = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < until) {
    if ((await locator.count()) > 0) {
      last = (await locator.first().innerText()).replace(/\s+/g, ' ');
      if (parts.every((part) => last.includes(part))) {
        return last;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`expected ${JSON.stringify(parts)} in ${locator.toString()}, saw: ${last}`);
}

/** For every chart box on the page: its canvas size and whether anything is drawn on it. */
export function chartCanvases(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('[data-chart]')].map((box) => {
      const canvas = box.querySelector('canvas');
      if (canvas === null) {
        return { width: 0, height: 0, painted: false };
      }
      const context = canvas.getContext('2d');
      const pixels = context?.getImageData(0, 0, canvas.width, canvas.height).data;
      let painted = false;
      for (let i = 3; pixels !== undefined && i < pixels.length; i += 4 * 97) {
        if ((pixels[i] ?? 0) > 0) {
          painted = true;
          break;
        }
      }
      return { width: canvas.width, height: canvas.height, painted };
    }),
  );
}

/** Desktop defaults of the staff pages' browser tests. */
const STAFF_CONTEXT: BrowserContextOptions = {
  viewport: { width: 1440, height: 960 },
  locale: 'zh-CN',
  timezoneId: 'Asia/Shanghai',
  acceptDownloads: true,
};

/**
 * A new browser context on the login page with the user's name and password submitted; page
 * errors go to `pageErrors`. Does not wait for where the login leads (a TOTP step may follow).
 */
export async function submitLogin(
  browser: Browser,
  baseUrl: string,
  username: string,
  password: string,
  options: { context?: BrowserContextOptions; pageErrors?: string[] } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(options.context ?? STAFF_CONTEXT);
  const page = await context.newPage();
  page.on('pageerror', (error) => options.pageErrors?.push(error.message));
  await page.goto(`${baseUrl}/login`, { waitUntil: 'networkidle', timeout: 30_000 });
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByLabel('密码').press('Enter');
  return { context, page };
}

/** submitLogin, then waits for the landing page (`/` unless said) to load. */
export async function signIn(
  browser: Browser,
  baseUrl: string,
  username: string,
  password: string,
  options: { context?: BrowserContextOptions; pageErrors?: string[]; landing?: string } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const signedIn = await submitLogin(browser, baseUrl, username, password, options);
  await signedIn.page.waitForURL(`${baseUrl}${options.landing ?? '/'}`, { timeout: 30_000 });
  await signedIn.page.waitForLoadState('networkidle', { timeout: 30_000 });
  return signedIn;
}
