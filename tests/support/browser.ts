// Headless Chromium for the browser tests: Debian's package driven by playwright-core (no browser download),
// a 1280×800 page per user, signing in through the login page, and screenshots kept as test artefacts.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../db/demo-org';
import { SCREENSHOT_DIR } from './paths';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/**
 * Loads the login page once and waits for it generously: the first page a fresh browser renders against a
 * just-started stack can take a while, and the scenario's timeouts should measure the app, not that start.
 */
export async function warmUp(browser: Browser, baseUrl: string): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/login`, { timeout: 60_000 });
  await page.getByLabel('用户名').waitFor({ timeout: 60_000 });
  await context.close();
}

export interface UserPage {
  page: Page;
  /** Uncaught exceptions and console errors seen so far: a healthy page has none. */
  errors: string[];
  close(): Promise<void>;
}

/**
 * Opens `path` in a fresh browser context (no session), which lands on the login page; signs in as
 * `username` and waits until the app is back on `path` — the deep-link round trip every user goes through.
 */
export async function openAs(browser: Browser, baseUrl: string, username: string, path: string): Promise<UserPage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(`${baseUrl}${path}`);
  await page.waitForURL(/\/login\?returnTo=/).catch(async (e: unknown) => {
    throw new Error(`${(e as Error).message}\nat ${page.url()}, page errors: ${JSON.stringify(errors)}\n${(await page.content()).slice(0, 2000)}`, { cause: e });
  });
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.locator('button[type="submit"]').click();
  const expected = new URL(path, baseUrl);
  await page.waitForURL((url) => url.pathname === expected.pathname);
  return { page, errors, close: () => context.close() };
}

/**
 * Runs a scenario; when it fails, saves a screenshot of every open page (and the URLs) as artefacts, so the
 * failure can be seen, then fails with the original error.
 */
export async function withFailureScreenshots(browser: Browser, name: string, scenario: () => Promise<void>): Promise<void> {
  try {
    await scenario();
  } catch (error) {
    const pages = browser.contexts().flatMap((c) => c.pages());
    await Promise.all(pages.map((p, i) => screenshot(p, `failure-${name}-${i}`, { fullPage: true }).catch(() => undefined)));
    const where = pages.map((p) => p.url()).join(', ');
    throw new Error(`${(error as Error).message}\n(open pages: ${where}; screenshots in .cache/screenshots/failure-${name}-*.png)`, { cause: error });
  }
}

export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: options.fullPage });
}

/**
 * Confirms the open Popconfirm and waits until it has closed. As with a select's dropdown, a popup still in its zoom-in
 * can lose the click on a loaded machine (the popup stays open and nothing happens): only a settled one is clicked.
 */
export async function confirmPopover(page: Page): Promise<void> {
  const open = page.locator('.ant-popconfirm:visible:not(.ant-popover-hidden):not([class*="-appear"]):not([class*="-enter"]):not([class*="-leave"])');
  await open.locator('.ant-btn-primary').click();
  await open.waitFor({ state: 'hidden' });
}

/** Picks options of the Ant Design select labelled `label` (several for a multi-select), then closes it. */
export async function pickOption(page: Page, label: string, ...options: string[]): Promise<void> {
  // The selected value covers the labelled search input: click the select around it.
  const select = page.getByLabel(label, { exact: true }).locator('xpath=ancestor::div[contains(concat(" ", @class, " "), " ant-select ")][1]');
  await select.click();
  // Only an open dropdown that has finished its slide animation takes clicks reliably.
  const open = page.locator('.ant-select-dropdown:visible:not([class*="-enter"]):not([class*="-leave"])');
  for (const option of options) {
    await open.locator(`.ant-select-item-option[title="${option}"]`).click();
    await select.locator(`.ant-select-selection-item[title="${option}"]`).waitFor();
  }
  // A multi-select stays open for more picks.
  if (await select.evaluate((el) => el.classList.contains('ant-select-multiple'))) await page.keyboard.press('Escape');
  await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
}
