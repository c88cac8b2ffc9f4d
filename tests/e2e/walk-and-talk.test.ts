import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { App } from '../../server/app.ts';
import { addDays, stockholmInstant } from '../../server/contracts/time.ts';
import { testToday } from '../helpers/clock.ts';
import { browserAvailable, expectAccessible, launchBrowser, signIn, startWebDistrict } from '../helpers/browser.ts';
import { createSlot, createUser, type TestUser } from '../helpers/factories.ts';

const run = browserAvailable();

describe.skipIf(!run)('a pedagogue on a phone books a walk-and-talk and cancels it', () => {
  let app: App;
  let browser: Browser;
  let base: string;
  let host: TestUser;
  const pedagogues: TestUser[] = [];
  const firstSlotDay = addDays(testToday(), 3);

  beforeAll(async () => {
    const started = await startWebDistrict();
    ({ app, base } = started);
    const { db, school, team } = started;
    host = await createUser(db, { name: 'Anna Promenad', memberships: [{ organisationId: team.id, role: 'social_worker' }] });
    // Two slots a few days ahead, one per run (with and without JavaScript).
    for (const day of [firstSlotDay, addDays(firstSlotDay, 1)]) {
      await createSlot(db, { organisationId: school.id, hostIds: [host.id], startsAt: stockholmInstant(day, '13:00').toISOString(), location: 'Vid huvudentrén' });
      pedagogues.push(await createUser(db, { memberships: [{ organisationId: school.id, role: 'pedagogue' }] }));
    }
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  test.each([
    ['with JavaScript', true, 0],
    ['without JavaScript', false, 1],
  ])('%s', async (_name, javaScriptEnabled, who) => {
    const context = await browser.newContext({ javaScriptEnabled, bypassCSP: true, viewport: { width: 360, height: 740 } });
    context.setDefaultTimeout(8_000);
    const page = await context.newPage();
    await signIn(page, base, pedagogues[who]!);

    await page.goto(`${base}/walk-and-talk`);
    await page.getByRole('heading', { level: 1, name: 'Boka walk-and-talk' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await expectAccessible(page, { javaScriptEnabled });
    await page.getByRole('link', { name: /^Boka tiden / }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Boka tiden' }).waitFor();

    // A note that identifies someone is refused, and says why; the input is kept.
    await page.getByLabel('Osäker på om jag ska göra en orosanmälan').check();
    await page.getByLabel('Kort anteckning (frivillig)').fill('Gäller 120317-1234 i åk 4');
    await page.getByRole('button', { name: 'Boka tiden' }).click();
    await page.getByText('Texten ser ut att innehålla ett personnummer').first().waitFor();
    expect(await page.getByLabel('Kort anteckning (frivillig)').inputValue()).toBe('Gäller 120317-1234 i åk 4');
    await expectAccessible(page, { javaScriptEnabled });

    await page.getByLabel('Kort anteckning (frivillig)').fill('Oro kring frånvaro i åk 4');
    await page.getByRole('button', { name: 'Boka tiden' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mina bokningar' }).waitFor();
    await page.getByText(/^Klart! Du har bokat /).waitFor();
    expect(await page.getByRole('link', { name: /^Lägg till i kalender: / }).getAttribute('href')).toMatch(/\/api\/bookings\/.+\/calendar\.ics$/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await expectAccessible(page, { javaScriptEnabled });

    // Avboka asks first; "Nej" keeps the booking, "Ja" cancels it and says so at the booking.
    await page.getByRole('button', { name: /^Avboka / }).click();
    await page.getByText(/^Vill du avboka /).waitFor();
    if (javaScriptEnabled) expect(await page.evaluate(() => document.activeElement?.textContent)).toMatch(/^Vill du avboka /);
    await page.getByRole('link', { name: 'Nej, behåll tiden' }).click();
    await page.getByRole('button', { name: /^Avboka / }).waitFor();
    await page.getByRole('button', { name: /^Avboka / }).click();
    await page.getByRole('button', { name: 'Ja, avboka' }).click();
    await page.getByText('Bokningen är avbokad. Tiden är ledig för någon annan.').waitFor();
    await page.getByRole('heading', { level: 2, name: 'Avbokade' }).waitFor();
    await page.getByText(/^Avbokad av /).waitFor();
    await expectAccessible(page, { javaScriptEnabled });
    await context.close();
  });

  test('the host finds their week and the series form, both accessible on a phone', async () => {
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await signIn(page, base, host);
    await page.goto(`${base}/min-vecka`);
    await page.getByRole('heading', { level: 1, name: 'Min vecka' }).waitFor();
    // The slots are three and four days ahead, which may be next week: the date picker finds it.
    await page.getByLabel('Visa veckan med datumet').fill(firstSlotDay);
    await page.getByRole('button', { name: 'Visa', exact: true }).click();
    await page.waitForURL(`**/min-vecka?vecka=${firstSlotDay}`);
    expect(await page.getByText('Vid huvudentrén').count()).toBeGreaterThan(0);
    await expectAccessible(page);
    await page.goto(`${base}/walk-and-talk/serier`);
    await page.getByRole('heading', { level: 1, name: 'Lägg ut walk-and-talk-tider' }).waitFor();
    await expectAccessible(page);
    await context.close();
  });
});
