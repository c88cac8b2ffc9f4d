import { Readable } from 'node:stream';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { App } from '../../server/app.ts';
import { browserAvailable, expectAccessible, launchBrowser, startWebApp, openMenu } from '../helpers/browser.ts';
import { createDistrict, createUser, type TestUser } from '../helpers/factories.ts';

const run = browserAvailable();

describe.skipIf(!run)('signing in with a real browser', () => {
  let app: App;
  let browser: Browser;
  let base: string;
  let pedagogue: TestUser;
  let schoolName: string;

  beforeAll(async () => {
    const started = await startWebApp();
    ({ app, base } = started);
    const { school } = await createDistrict(started.db);
    schoolName = school.name;
    pedagogue = await createUser(started.db, { name: 'Emma Sandberg', memberships: [{ organisationId: school.id, role: 'pedagogue' }] });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  describe.each([
    ['with JavaScript', true],
    ['without JavaScript', false],
  ])('%s', (_name, javaScriptEnabled) => {
    let context: BrowserContext;
    // With JavaScript, a click that lands while SvelteKit hydrates can be lost; a person would
    // simply click again, a test waits until the page's scripts have loaded.
    const settled = async (page: Page) => {
      if (javaScriptEnabled) await page.waitForLoadState('networkidle');
    };
    beforeAll(async () => {
      // bypassCSP only lets the test inject axe-core; the app's own CSP is asserted separately.
      context = await browser.newContext({ javaScriptEnabled, bypassCSP: true, viewport: { width: 360, height: 740 } });
      context.setDefaultTimeout(8_000);
    });
    afterAll(() => context.close());

    test('a signed-out visit goes to /login, a wrong password is explained in Swedish with the e-mail kept', async () => {
      const page = await context.newPage();
      await page.goto(`${base}/`);
      await settled(page);
      expect(new URL(page.url()).pathname).toBe('/login');
      expect(await page.getAttribute('html', 'lang')).toBe('sv');
      expect(await page.title()).toBe('Logga in – Samverkan');
      await expectAccessible(page, { javaScriptEnabled });

      await page.getByLabel('E-postadress').fill(pedagogue.email);
      await page.getByLabel('Lösenord').fill('fel-lösenord');
      await page.getByRole('button', { name: 'Logga in' }).click();
      await page.getByRole('alert').filter({ hasText: 'E-postadressen eller lösenordet stämmer inte' }).waitFor();
      expect(await page.getByLabel('E-postadress').inputValue()).toBe(pedagogue.email);
      expect(await page.title()).toMatch(/^Fel: /);
      await expectAccessible(page, { javaScriptEnabled });
      await page.close();
    });

    test('a pedagogue signs in, sees the start page with name, organisation and role, and signs out', async () => {
      const page = await context.newPage();
      const cspViolations: string[] = [];
      page.on('console', (m) => {
        if (/Content Security Policy/.test(m.text())) cspViolations.push(m.text());
      });
      await page.goto(`${base}/login`);
      await settled(page);
      await page.getByLabel('E-postadress').fill(pedagogue.email);
      await page.getByLabel('Lösenord').fill(pedagogue.password);
      await page.getByRole('button', { name: 'Logga in' }).click();

      await page.getByRole('heading', { level: 1, name: 'Hej Emma!' }).waitFor();
      expect(await page.textContent('main')).toContain(`Pedagog – ${schoolName}`);
      await openMenu(page);
      expect(await page.getByRole('navigation', { name: 'Huvudmeny' }).isVisible()).toBe(true);
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(scrollWidth).toBeLessThanOrEqual(360);
      await expectAccessible(page, { javaScriptEnabled });
      await settled(page);

      await openMenu(page);
      await page.getByRole('button', { name: 'Logga ut' }).click();
      await page.getByRole('status').filter({ hasText: 'Du är utloggad.' }).waitFor();
      await page.goto(`${base}/`);
      expect(new URL(page.url()).pathname).toBe('/login');
      expect(cspViolations).toEqual([]);
      await page.close();
    });

    test('after signing in, the person comes back to the page they first asked for', async () => {
      const page = await context.newPage();
      await page.goto(`${base}/?flik=1`);
      await settled(page);
      expect(new URL(page.url()).searchParams.get('next')).toBe('/?flik=1');
      await page.getByLabel('E-postadress').fill(pedagogue.email);
      await page.getByLabel('Lösenord').fill(pedagogue.password);
      await page.getByRole('button', { name: 'Logga in' }).click();
      await page.waitForURL((u) => u.pathname === '/' && u.search === '?flik=1');
      await settled(page);
      await openMenu(page);
      await page.getByRole('button', { name: 'Logga ut' }).click();
      await page.waitForURL(/\/login/);
      await page.close();
    });
  });

  test('pages carry a nonce-based CSP without unsafe-inline scripts and refuse framing', async () => {
    const res = await fetch(`${base}/login`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'self' 'nonce-/);
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  test('a form post to /login from another site is refused', async () => {
    const res = await fetch(`${base}/login`, {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      body: new URLSearchParams({ email: pedagogue.email, password: pedagogue.password }),
      redirect: 'manual',
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  test('a form far larger than any form needs is refused unread; the photo form may send a phone photo', async () => {
    const post = (path: string) =>
      fetch(`${base}${path}`, {
        method: 'POST',
        headers: { origin: base, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
        body: new URLSearchParams({ email: pedagogue.email, password: pedagogue.password, filler: 'x'.repeat(300 * 1024) }),
        redirect: 'manual',
      });
    const tooLarge = await post('/login');
    expect(tooLarge.status).toBe(413);
    expect(await tooLarge.text()).toContain('Formuläret är större än något formulär här behöver');
    expect(tooLarge.headers.get('set-cookie')).toBeNull();
    // Sent in chunks, a body declares no length: it is counted as it arrives and stopped at the limit.
    const chunks = async function* () {
      yield new TextEncoder().encode(`email=${encodeURIComponent(pedagogue.email)}&password=${encodeURIComponent(pedagogue.password)}&filler=`);
      for (let i = 0; i < 8 * 16; i++) yield new Uint8Array(64 * 1024).fill(120);
    };
    const chunked = await fetch(`${base}/login`, {
      method: 'POST',
      headers: { origin: base, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      body: Readable.toWeb(Readable.from(chunks())),
      duplex: 'half',
      redirect: 'manual',
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expect(chunked.headers.get('set-cookie')).toBeNull();
    // Not refused for its size: signed out, the photo form sends the person to sign in.
    const photo = await post('/franvaro-och-profil?/photo');
    expect(photo.status).toBe(303);
    expect(photo.headers.get('location')).toMatch(/^\/login/);
  });
});
