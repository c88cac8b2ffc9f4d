import { describe, expect, test } from 'vitest';
import { browserAvailable, useWebApp } from '../helpers/browser.ts';
import { createDistrict, createUser } from '../helpers/factories.ts';

const run = browserAvailable();

describe.skipIf(!run)('signing in on a slow phone', () => {
  const suite = useWebApp(async ({ db }) => {
    const d = await createDistrict(db);
    return { pedagogue: await createUser(db, { memberships: [{ organisationId: d.school.id, role: 'pedagogue' }] }) };
  });

  test('what is typed before the page has loaded its scripts stays when they arrive', async () => {
    const { browser, base, pedagogue } = suite;
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    // The app's scripts wait until the person has typed, as on a slow connection.
    let release!: () => void;
    const typed = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/_app/immutable/**', async (route) => {
      await typed;
      await route.continue();
    });
    // Module scripts hold back DOMContentLoaded, so wait only for the form to be there.
    await page.goto(`${base}/login`, { waitUntil: 'commit' });
    await page.getByLabel('E-postadress').fill(pedagogue.email);
    release();
    // The scripts load and hydrate the page (synchronously, once they have run).
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(500);
    expect(await page.getByLabel('E-postadress').inputValue()).toBe(pedagogue.email);
    await page.getByLabel('Lösenord').fill(pedagogue.password);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.waitForURL(`${base}/`);
    await context.close();
  });
});
