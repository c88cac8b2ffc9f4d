import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Clock } from '../../server/lib/clock.ts';
import { testClock } from './clock.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Browser tests skip without Chromium, unless REQUIRE_BROWSER=1 makes that a failure. */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.REQUIRE_BROWSER === '1') throw new Error(`REQUIRE_BROWSER=1 men ingen Chromium finns på ${CHROMIUM}`);
  return false;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core on the page and fails on any WCAG 2.1 A or AA violation. A page rendered
 * without JavaScript is checked as rendered: its HTML, scripts removed, is replayed at the same
 * address in a page that may run axe.
 */
export async function expectAccessible(page: Page, opts: { javaScriptEnabled?: boolean } = {}) {
  if (opts.javaScriptEnabled === false) {
    const html = (await page.content()).replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '');
    const url = page.url();
    const replay = await page.context().browser()!.newContext({ bypassCSP: true, viewport: page.viewportSize() ?? undefined });
    const copy = await replay.newPage();
    await copy.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: html }));
    await copy.goto(url);
    try {
      await expectAccessible(copy);
    } finally {
      await replay.close();
    }
    return;
  }
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    // @ts-expect-error axe is injected above
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v: { id: string; help: string; nodes: { target: string[] }[] }) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  });
  expect(violations, `axe on ${page.url()}`).toEqual([]);
}

/** The real app with the web mount, listening on a free loopback port, on the worker's database. */
export async function startWebApp(clock: Clock = testClock, env: Record<string, string> = {}, port = 0) {
  const { buildApp } = await import('../../server/app.ts');
  const { loadConfig } = await import('../../server/config.ts');
  const { TEST_ENV } = await import('./app.ts');
  const { testDb } = await import('./db.ts');
  const database = await testDb();
  const app = await buildApp({ config: loadConfig({ ...TEST_ENV, ...env }), database, clock, web: true });
  await app.listen({ port, host: '127.0.0.1' });
  const bound = (app.server.address() as { port: number }).port;
  return { app, db: database.db, base: `http://127.0.0.1:${bound}` };
}

/** The web app on a fresh database with one district whose team has its office hours set. */
export async function startWebDistrict(clock: Clock = testClock) {
  const { createDistrict, setTeamSettings } = await import('./factories.ts');
  const started = await startWebApp(clock);
  const district = await createDistrict(started.db);
  await setTeamSettings(started.db, district.team.id);
  return { ...started, ...district };
}

/** A page on a 360 px phone, signed in as the person, with or without JavaScript. */
export async function signedInPhone(browser: Browser, base: string, user: { email: string; password: string }, javaScriptEnabled = true): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled, bypassCSP: true, viewport: { width: 360, height: 740 } });
  context.setDefaultTimeout(8_000);
  const page = await context.newPage();
  await signIn(page, base, user);
  return page;
}

/** Nothing on the page is wider than the 360 px phone. */
export async function expectFitsPhone(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
}

/** Signs in through the login form, as a person would. */
export async function signIn(page: Page, base: string, user: { email: string; password: string }) {
  await page.goto(`${base}/login`);
  await page.waitForLoadState('networkidle');
  await page.getByLabel('E-postadress').fill(user.email);
  await page.getByLabel('Lösenord').fill(user.password);
  await page.getByRole('button', { name: 'Logga in' }).click();
  // On a phone with JavaScript the button sits in the folded menu: there, not necessarily in view.
  await page.getByRole('button', { name: 'Logga ut', includeHidden: true }).waitFor({ state: 'attached' });
}

/**
 * On a phone with JavaScript the top bar's links and the sign-out button fold behind "Meny":
 * opens it when it is there and closed (after the page's scripts have run), as a person would.
 */
export async function openMenu(page: Page) {
  await page.waitForLoadState('networkidle');
  const button = page.getByRole('button', { name: 'Meny', exact: true });
  if ((await button.count()) && (await button.getAttribute('aria-expanded')) === 'false') await button.click();
}

/** Every browser test runs twice: as most people use the app, and as it must work without JavaScript. */
export const JS_MODES = [
  ['with JavaScript', true],
  ['without JavaScript', false],
] as const;

type Started = Awaited<ReturnType<typeof startWebApp>>;

/**
 * The web app and a Chromium for one describe block: started, with the block's own data from
 * `setup`, before its tests and closed after them. Read the fields inside the tests.
 */
export function useWebApp<T extends object>(setup: (started: Started) => Promise<T>, clock: Clock = testClock, env: Record<string, string> = {}): Started & T & { browser: Browser } {
  const suite = {} as Started & T & { browser: Browser };
  beforeAll(async () => {
    const started = await startWebApp(clock, env);
    Object.assign(suite, started, await setup(started));
    suite.browser = await launchBrowser();
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.app?.close();
  });
  return suite;
}
