import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { App } from '../../server/app.ts';
import { testToday } from '../helpers/clock.ts';
import { browserAvailable, expectAccessible, launchBrowser, signIn, startWebApp } from '../helpers/browser.ts';
import { assignContact, createDistrict, createUser, putOnDuty, setTeamSettings, type TestUser } from '../helpers/factories.ts';

const run = browserAvailable();

describe.skipIf(!run)('a pedagogue on a phone finds their contact and can reach someone now', () => {
  let app: App;
  let browser: Browser;
  let base: string;
  let pedagogue: TestUser;

  beforeAll(async () => {
    const started = await startWebApp();
    ({ app, base } = started);
    const db = started.db;
    const { school, team } = await createDistrict(db);
    await setTeamSettings(db, team.id, { dutyPhone: '08-111 22 33', afterHoursPhone: '08-444 55 66' });
    const anna = await createUser(db, { name: 'Anna Kontaktsson', phone: '070-174 06 77', memberships: [{ organisationId: team.id, role: 'social_worker' }] });
    await assignContact(db, { organisationId: school.id, sectionId: school.sections[0]!.id, userId: anna.id });
    await putOnDuty(db, team.id, anna.id, testToday());
    pedagogue = await createUser(db, { memberships: [{ organisationId: school.id, role: 'pedagogue', sectionId: school.sections[0]!.id }] });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  test.each([
    ['with JavaScript', true],
    ['without JavaScript', false],
  ])('%s', async (_name, javaScriptEnabled) => {
    const context = await browser.newContext({ javaScriptEnabled, bypassCSP: true, viewport: { width: 360, height: 740 } });
    context.setDefaultTimeout(8_000);
    const page = await context.newPage();
    await signIn(page, base, pedagogue);

    const contacts = page.getByRole('region', { name: 'Era kontaktpersoner' });
    await expect.poll(() => contacts.getByRole('heading', { name: 'Anna Kontaktsson' }).count()).toBe(1);
    const card = contacts.getByRole('article', { name: 'Anna Kontaktsson' });
    expect(await card.textContent()).toContain('För F–3');
    expect(await card.getByRole('link', { name: /070-174 06 77/ }).getAttribute('href')).toBe('tel:0701740677');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await expectAccessible(page, { javaScriptEnabled });

    await page.getByRole('link', { name: 'Nå någon nu' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nå någon nu' }).waitFor();
    const calls = await page.getByRole('link', { name: /^Ring / }).allTextContents();
    expect(calls.length).toBeGreaterThanOrEqual(2);
    expect(calls.at(-1)!.trim()).toBe('Ring 112');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await expectAccessible(page, { javaScriptEnabled });
    await context.close();
  });
});
