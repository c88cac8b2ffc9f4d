import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { App } from '../../server/app.ts';
import { fixedClock } from '../../server/lib/clock.ts';
import { stockholmInstant } from '../../server/contracts/time.ts';
import { browserAvailable, expectAccessible, expectFitsPhone, launchBrowser, signedInPhone, startWebDistrict } from '../helpers/browser.ts';
import { createSlot, createUser, type TestUser } from '../helpers/factories.ts';

const run = browserAvailable();

// Saturday 5 December 2026, late morning: the week that is ending has only its weekend left.
const SATURDAY = '2026-12-05T11:00:00+01:00';

describe.skipIf(!run)('the week pages: the coming week at the weekend, any week by its date, no date outside the calendar', () => {
  let app: App;
  let browser: Browser;
  let base: string;
  let host: TestUser;
  const clock = fixedClock(SATURDAY);

  beforeAll(async () => {
    const started = await startWebDistrict(clock);
    ({ app, base } = started);
    const { db, school, team } = started;
    host = await createUser(db, { name: 'Helga Helgsson', memberships: [{ organisationId: team.id, role: 'social_worker' }] });
    await createSlot(db, { organisationId: school.id, hostIds: [host.id], startsAt: stockholmInstant('2026-12-04', '10:00').toISOString(), location: 'Vid matsalen' });
    await createSlot(db, { organisationId: school.id, hostIds: [host.id], startsAt: stockholmInstant('2026-12-08', '13:00').toISOString(), location: 'Vid biblioteket' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  test.each([
    ['with JavaScript', true],
    ['without JavaScript', false],
  ])('%s: the heading says it is the coming week, and any week can be picked by date', async (_name, javaScriptEnabled) => {
    clock.set(SATURDAY);
    const page = await signedInPhone(browser, base, host, javaScriptEnabled);
    await page.goto(`${base}/min-vecka`);
    await page.getByText(/^Kommande vecka, vecka 50: /).waitFor();
    await page.getByText('Vid biblioteket').waitFor();
    expect(await page.getByText('Vid matsalen').count()).toBe(0);
    await expectFitsPhone(page);
    await expectAccessible(page, { javaScriptEnabled });

    // The ending week is one step back, and says nothing about coming.
    await page.getByRole('link', { name: 'Föregående vecka' }).click();
    await page.getByText(/^Vecka 49: /).waitFor();
    await page.getByText('Vid matsalen').waitFor();

    // Any date picks its week.
    await page.getByLabel('Visa veckan med datumet').fill('2026-12-10');
    await page.getByRole('button', { name: 'Visa', exact: true }).click();
    await page.getByText(/^Vecka 50: /).waitFor();
    await page.getByText('Vid biblioteket').waitFor();

    await page.context().close();
  });

  // A link can carry any date to a signed-in person's browser: every page that reads one from its
  // address refuses what lies outside 2000–2100 in words, and the server keeps answering.
  test.each([
    ['/min-vecka?vecka=', ['0000-01-01', '9999-12-31', '+010000-01-01'], /^(Ange datumet som ÅÅÅÅ-MM-DD\.|Datumet måste ligga mellan år 2000 och 2100\.)$/],
    ['/moten?vecka=', ['0000-01-01', '9999-12-31', '+010000-01-01'], /^(Ange datumet som ÅÅÅÅ-MM-DD\.|Datumet måste ligga mellan år 2000 och 2100\.)$/],
    ['/jourschema?month=', ['0000-01', '9999-12', '+010000-01'], /^(Ange månaden som ÅÅÅÅ-MM\.|Månaden måste ligga mellan år 2000 och 2100\.)$/],
  ])('%s with a date outside the calendar is 400 in Swedish', async (path, values, message) => {
    const page = await signedInPhone(browser, base, host, false);
    for (const value of values) {
      const res = await page.goto(`${base}${path}${encodeURIComponent(value)}`);
      expect(res?.status(), value).toBe(400);
      await page.getByText(message).waitFor();
    }
    const started = performance.now();
    expect((await fetch(`${base}/api/health`)).status).toBe(200);
    expect(performance.now() - started).toBeLessThan(100);
    await page.context().close();
  });

  test('on the Monday after, it is simply this week', async () => {
    clock.set('2026-12-07T08:00:00+01:00');
    const page = await signedInPhone(browser, base, host);
    await page.goto(`${base}/min-vecka`);
    await page.getByText(/^Vecka 50: /).waitFor();
    expect(await page.getByText(/^Kommande vecka/).count()).toBe(0);
    await page.context().close();
  });
});
