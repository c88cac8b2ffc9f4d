import { describe, expect, test } from 'vitest';
import { browserAvailable, expectAccessible, signIn, useWebApp } from '../helpers/browser.ts';
import { createDistrict, createUser } from '../helpers/factories.ts';

const run = browserAvailable();

describe.skipIf(!run)('the shell around every page: a menu button on a phone, a wider column on a desktop where tables need it', () => {
  const suite = useWebApp(async ({ db }) => {
    const d = await createDistrict(db);
    const worker = await createUser(db, { memberships: [{ organisationId: d.team.id, role: 'social_worker' }] });
    return { worker };
  });
  const open = async (width: number, javaScriptEnabled: boolean) => {
    const context = await suite.browser.newContext({ javaScriptEnabled, bypassCSP: true, viewport: { width, height: 740 } });
    context.setDefaultTimeout(8_000);
    const page = await context.newPage();
    await signIn(page, suite.base, suite.worker);
    await page.waitForLoadState('networkidle');
    return page;
  };

  test('on a phone with JavaScript the menu folds behind a button, "Nå någon nu" stays, and Escape closes it', async () => {
    const page = await open(360, true);
    const menu = page.getByRole('button', { name: 'Meny', exact: true });
    const nav = page.getByRole('navigation', { name: 'Huvudmeny' });
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await nav.isVisible()).toBe(false);
    expect(await page.getByRole('link', { name: 'Nå någon nu' }).isVisible()).toBe(true);
    await menu.click();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    await nav.getByRole('link', { name: 'Min vecka' }).waitFor();
    await expectAccessible(page);
    await page.keyboard.press('Escape');
    expect(await nav.isVisible()).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Meny');
    // A link followed closes the menu behind it.
    await menu.click();
    await nav.getByRole('link', { name: 'Min vecka' }).click();
    await page.waitForURL(`${suite.base}/min-vecka`);
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    await page.context().close();
  });

  test('on a phone without JavaScript there is no button: every link shows', async () => {
    const page = await open(360, false);
    expect(await page.getByRole('button', { name: 'Meny', exact: true }).count()).toBe(0);
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Min vecka' }).waitFor();
    await page.context().close();
  });

  test('on a desktop every link shows; a week is wider than 768 px, the start page is not', async () => {
    const page = await open(1280, true);
    expect(await page.getByRole('button', { name: 'Meny', exact: true }).isVisible()).toBe(false);
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Min vecka' }).waitFor();
    const mainWidth = () => page.locator('main').evaluate((m) => m.getBoundingClientRect().width);
    expect(await mainWidth()).toBeLessThanOrEqual(768);
    await page.goto(`${suite.base}/min-vecka`);
    expect(await mainWidth()).toBeGreaterThan(1000);
    await expectAccessible(page);
    await page.context().close();
  });
});
