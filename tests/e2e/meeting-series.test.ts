import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { App } from '../../server/app.ts';
import { addDays } from '../../server/contracts/time.ts';
import { testToday } from '../helpers/clock.ts';
import { browserAvailable, expectAccessible, expectFitsPhone, launchBrowser, signedInPhone, startWebDistrict } from '../helpers/browser.ts';
import { createOrganisation, createUser, type TestUser } from '../helpers/factories.ts';

const run = browserAvailable();

describe.skipIf(!run)('a police collaboration series in the browser: preview → publish → listed → cancelled', () => {
  let app: App;
  let browser: Browser;
  let base: string;
  let anna: TestUser;
  let bo: TestUser;
  // A Monday at least a week ahead; the series runs every four weeks for eight weeks.
  let from = addDays(testToday(), 7);
  let until: string;

  beforeAll(async () => {
    const started = await startWebDistrict();
    ({ app, base } = started);
    const { db, team } = started;
    await createOrganisation(db, { kind: 'police', name: 'Lokalpolisområde Test', servingTeamId: team.id });
    anna = await createUser(db, { name: 'Anna Serie', memberships: [{ organisationId: team.id, role: 'social_worker' }] });
    bo = await createUser(db, { name: 'Bo Serie', memberships: [{ organisationId: team.id, role: 'social_worker' }] });
    while (new Date(`${from}T12:00:00Z`).getUTCDay() !== 1) from = addDays(from, 1);
    until = addDays(from, 56);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const phone = (user: TestUser, javaScriptEnabled = true) => signedInPhone(browser, base, user, javaScriptEnabled);
  const fitsPhone = expectFitsPhone;

  // Each run has its own social worker and name, so the two series never meet.
  test.each([
    ['with JavaScript', true, 0, 'Samverkan Västerort'],
    ['without JavaScript', false, 1, 'Samverkan Söderort'],
  ])('a social worker previews, publishes and cancels a series (%s)', async (_name, javaScriptEnabled, who, label) => {
    const page = await phone([anna, bo][who]!, javaScriptEnabled);
    await page.goto(`${base}/moten`);
    await page.getByRole('heading', { level: 1, name: 'Mina möten' }).waitFor();
    await page.getByRole('link', { name: 'Mötesserier' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mötesserier' }).waitFor();
    await fitsPhone(page);
    await expectAccessible(page, { javaScriptEnabled });

    // Without a place the form says what is missing, and keeps the rest.
    await page.getByLabel('Samverkansmöte med polisen').check();
    await page.getByLabel('Namn eller tema').fill(label);
    await page.getByRole('button', { name: 'Förhandsgranska' }).click();
    await page.getByRole('link', { name: 'Välj ett polisområde, en skola eller en förskola.' }).waitFor();
    expect(await page.getByLabel('Namn eller tema').inputValue()).toBe(label);
    await expectAccessible(page, { javaScriptEnabled });

    await page.getByLabel('Verksamhet', { exact: true }).selectOption({ label: 'Lokalpolisområde Test' });
    await page.getByRole('group', { name: 'Var ska mötena vara?' }).getByLabel('På socialtjänstens kontor').check();
    await page.getByLabel('Veckodag').selectOption({ label: 'måndag' });
    await page.getByLabel('Starttid').fill('09:00');
    await page.getByLabel('Längd i minuter').fill('90');
    await page.getByLabel('Hur ofta').selectOption({ label: 'Var fjärde vecka' });
    await page.getByLabel('Första datum').fill(from);
    await page.getByLabel('Sista datum').fill(until);
    // The person planning is already ticked.
    expect(await page.getByRole('group', { name: 'Vilka socialsekreterare är med?' }).getByLabel([anna, bo][who]!.name).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Förhandsgranska' }).click();
    await page.getByRole('heading', { name: 'Så här blir serien' }).waitFor();
    await page.getByText(/^(måndag|tisdag|onsdag|torsdag|fredag) \d+ \S+ kl\. 09\.00–10\.30$/).first().waitFor();
    await fitsPhone(page);
    await expectAccessible(page, { javaScriptEnabled });

    await page.getByRole('button', { name: 'Lägg ut mötena' }).click();
    await page.getByText(/^Klart! (1 möte är bokat|\d+ möten är bokade)\./).waitFor();
    const card = page.getByRole('article', { name: label });
    await card.getByText('Var fjärde vecka, måndagar kl. 09.00–10.30').waitFor();
    await card.getByText('Samverkansmöte med polisen · Lokalpolisområde Test').waitFor();
    expect(await card.getByRole('link', { name: /kl\. 09\.00–10\.30$/ }).count()).toBeGreaterThan(0);
    await fitsPhone(page);
    await expectAccessible(page, { javaScriptEnabled });

    // Cancelling needs a reason.
    await card.getByText('Ställ in serien').click();
    await card.getByRole('button', { name: /^Ställ in kommande möten/ }).click();
    await page.getByRole('link', { name: 'Skriv varför mötena ställs in.' }).waitFor();
    await expectAccessible(page, { javaScriptEnabled });
    await page.getByRole('article', { name: label }).getByLabel('Varför ställs mötena in?').fill('Polisen byter mötesform i höst');
    await page.getByRole('article', { name: label }).getByRole('button', { name: /^Ställ in kommande möten/ }).click();
    await page.getByText(/^Klart! (1 kommande möte är inställt|\d+ kommande möten är inställda)\./).waitFor();
    await page.getByText(/^Inställda och avslutade serier/).click();
    await page.getByRole('article', { name: label }).getByText('Inställd', { exact: true }).waitFor();
    await fitsPhone(page);
    await expectAccessible(page, { javaScriptEnabled });
    await page.context().close();
  });
});
