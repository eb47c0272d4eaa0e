import fs from 'node:fs';
import path from 'node:path';

import { type Browser, chromium, type Locator, type Page } from 'playwright-core';

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
