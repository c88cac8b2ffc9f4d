import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { DbHandle } from '../../db/client.ts';
import { DEMO_PASSWORD } from '../../db/demo-district.ts';
import { seedDemoDistrict } from '../../db/seed.ts';
import { buildApp, type App } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { systemClock } from '../../server/lib/clock.ts';
import { demoCalendar } from '../../server/lib/demo-calendar.ts';
import { passwordHasher } from '../../server/lib/passwords.ts';
import { en } from '../../web/src/lib/messages/en.ts';
import { sv } from '../../web/src/lib/messages/sv.ts';
import { TEST_ENV } from '../helpers/app.ts';
import { browserAvailable, expectAccessible, launchBrowser, signIn } from '../helpers/browser.ts';
import { freshPglite } from '../helpers/db.ts';

const run = browserAvailable();

// On the real clock, like the demo itself (the demo's calendar is built around the day it starts):
// the pages are the same on any day, so this slow walk runs once, not under every test clock.
// Every role of the demo district walks its whole navigation: in Swedish every page passes axe
// and fits a 320 px screen (what 1280 px at 400 % zoom shows, and more than 200 %); in English
// no Swedish text of the catalogue is left, and the other way round.
const ROLES = [
  'pedagog1@vallingbyskolan.example',
  'rektor@vallingbyskolan.example',
  'elevhalsa@vallingbyskolan.example',
  'forskolechef@vallingbyforskolor.example',
  'pedagog1@gronadiamanten.example',
  'polis@vasterort.example',
  'soc1@vallingbyteamet.example',
  'chef@vallingbyteamet.example',
  'admin@samverkan.example',
];

/**
 * The pieces of a catalogue's texts that only that language has: each text split at its
 * placeholders, pieces long enough to mean something, minus any the other language also uses
 * (names like "Samverkan" or "walk-and-talk").
 */
function ownPieces(mine: Record<string, string>, other: Record<string, string>): string[] {
  const theirs = Object.values(other).join('\n').toLowerCase();
  const pieces = Object.values(mine).flatMap((text) => text.split(/\{\w+\}/).map((p) => p.trim()));
  // Single words are left out: a place's own name may hold one ("Lokalpolisområde Västerort").
  return [...new Set(pieces)].filter((p) => p.length >= 14 && p.includes(' ') && !theirs.includes(p.toLowerCase()));
}
const SWEDISH_ONLY = ownPieces(sv, en);
const ENGLISH_ONLY = ownPieces(en, sv);

/** The page's own words: scripts and parts marked as another language (the language button) left out. */
async function wordsOf(page: Page, lang: 'sv' | 'en'): Promise<string> {
  return page.evaluate((l) => {
    const body = document.body.cloneNode(true) as HTMLElement;
    body.querySelectorAll(`script, style, [lang]:not([lang="${l}"])`).forEach((n) => n.remove());
    return body.textContent ?? '';
  }, lang);
}

describe.skipIf(!run)('every page of every demo role, in Swedish and in English', () => {
  let database: DbHandle;
  let app: App;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    database = await freshPglite();
    await seedDemoDistrict(database.db, passwordHasher.hash, demoCalendar(systemClock.now()));
    app = await buildApp({ config: loadConfig({ ...TEST_ENV }), database, clock: systemClock, web: true });
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await database?.close();
  });

  /** The pages a person reaches from the top bar and the footer. */
  async function pagesOf(page: Page): Promise<string[]> {
    const paths = await page.locator('header a, footer a').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).pathname));
    return [...new Set(['/', ...paths])];
  }

  test.each(ROLES)('%s: every page passes axe and fits 320 px in Swedish, and reads only English in English', async (email) => {
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 320, height: 740 } });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    await signIn(page, base, { email, password: DEMO_PASSWORD });
    const paths = await pagesOf(page);
    expect(paths.length).toBeGreaterThan(4);

    for (const path of paths) {
      await page.goto(`${base}${path}`);
      await page.waitForLoadState('networkidle');
      expect(await page.evaluate(() => document.documentElement.lang), path).toBe('sv');
      await expectAccessible(page);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), `${path} is wider than 320 px`).toBeLessThanOrEqual(320);
      const words = await wordsOf(page, 'sv');
      expect(ENGLISH_ONLY.filter((p) => words.includes(p)), `English on the Swedish page ${path}`).toEqual([]);
    }

    // The footer's button switches the language; the choice holds on every page after.
    await page.getByRole('button', { name: 'In English' }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    for (const path of paths) {
      await page.goto(`${base}${path}`);
      await page.waitForLoadState('networkidle');
      expect(await page.evaluate(() => document.documentElement.lang), path).toBe('en');
      const words = await wordsOf(page, 'en');
      expect(SWEDISH_ONLY.filter((p) => words.includes(p)), `Swedish on the English page ${path}`).toEqual([]);
    }
    await context.close();
  }, 240_000);

  test('without JavaScript the language button works too, and the sign-in page remembers the choice', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, bypassCSP: true, viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await page.goto(`${base}/login`);
    await page.getByRole('button', { name: 'In English' }).click();
    await page.getByRole('heading', { level: 1, name: en['login.title'] }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.getByLabel(en['login.email']).fill('pedagog1@vallingbyskolan.example');
    await page.getByLabel(en['login.password']).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: en['login.submit'] }).click();
    await page.getByRole('heading', { level: 2, name: en['home.reach'] }).waitFor();
    await expectAccessible(page, { javaScriptEnabled: false });
    await page.getByRole('button', { name: 'På svenska' }).click();
    await page.getByRole('heading', { level: 2, name: sv['home.reach'] }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('sv');
    await context.close();
  });
});
