import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { App } from '../../server/app.ts';
import { addDays, formatDay, isoWeekday, stockholmInstant } from '../../server/contracts/time.ts';
import { dayRule } from '../../server/lib/calendar.ts';
import { testToday } from '../helpers/clock.ts';
import { browserAvailable, expectAccessible, launchBrowser, signIn, startWebDistrict } from '../helpers/browser.ts';
import { createSlot, createUser, type TestUser } from '../helpers/factories.ts';

const run = browserAvailable();
const open = (date: string) => !dayRule(date, new Map()).closed;

/**
 * Two open weekdays in the same week, about a week and a half ahead: no weekend, no Swedish
 * holiday or closed eve (julafton, nyårsafton and the rest are all in the holiday rules).
 */
function twoWorkdays(): [string, string] {
  let day = addDays(testToday(), 8);
  while (!(open(day) && isoWeekday(day) <= 4 && open(addDays(day, 1)))) day = addDays(day, 1);
  return [day, addDays(day, 1)];
}

describe.skipIf(!run)('a host moves a slot, and the team lead sees the whole team', () => {
  let app: App;
  let browser: Browser;
  let base: string;
  let anna: TestUser;
  let lead: TestUser;
  const [first, second] = twoWorkdays();

  beforeAll(async () => {
    const started = await startWebDistrict();
    ({ app, base } = started);
    const { db, school, team } = started;
    anna = await createUser(db, { name: 'Anna Flyttsson', memberships: [{ organisationId: team.id, role: 'social_worker' }] });
    const bo = await createUser(db, { name: 'Bo Lagsson', memberships: [{ organisationId: team.id, role: 'social_worker' }] });
    lead = await createUser(db, { name: 'Cecilia Chef', memberships: [{ organisationId: team.id, role: 'team_lead' }] });
    await createSlot(db, { organisationId: school.id, hostIds: [anna.id], startsAt: stockholmInstant(first, '10:00').toISOString(), location: 'Vid huvudentrén' });
    await createSlot(db, { organisationId: school.id, hostIds: [bo.id], startsAt: stockholmInstant(first, '13:00').toISOString(), location: 'Vid idrottshallen' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  test('the host moves a slot to another free weekday time', async () => {
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 360, height: 740 } });
    context.setDefaultTimeout(8_000);
    const page = await context.newPage();
    await signIn(page, base, anna);

    await page.goto(`${base}/min-vecka?vecka=${first}`);
    await page.getByRole('heading', { level: 1, name: 'Min vecka' }).waitFor();
    await page.getByRole('link', { name: /^Flytta tiden / }).click();
    await page.getByRole('heading', { level: 1, name: 'Flytta tiden' }).waitFor();
    await page.getByText('De som har bokat följer med till den nya tiden.').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await expectAccessible(page);

    // A Saturday is refused with the reason in words; the input is kept.
    const saturday = addDays(first, 6 - isoWeekday(first));
    await page.getByLabel('Ny dag').fill(saturday);
    await page.getByRole('button', { name: 'Flytta tiden' }).click();
    await page.getByText(/^Tiden kan inte flyttas dit: /).first().waitFor();
    expect(await page.getByLabel('Ny dag').inputValue()).toBe(saturday);
    await expectAccessible(page);

    await page.getByLabel('Ny dag').fill(second);
    await page.getByLabel('Ny starttid').fill('14:15');
    await page.getByRole('button', { name: 'Flytta tiden' }).click();
    await page.getByRole('heading', { level: 1, name: 'Min vecka' }).waitFor();
    const day = formatDay(stockholmInstant(second, '14:15'));
    await page.getByText(`Tiden är flyttad till ${day} kl. 14.15–15.00.`).waitFor();
    await page.getByRole('heading', { level: 3, name: `${day} kl. 14.15–15.00` }).waitFor();
    expect(await page.getByRole('heading', { level: 3 }).count()).toBe(1);
    await expectAccessible(page);
    await context.close();
  });

  test('the team lead switches to the whole team and sees both hosts', async () => {
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 360, height: 740 } });
    context.setDefaultTimeout(8_000);
    const page = await context.newPage();
    await signIn(page, base, lead);

    await page.goto(`${base}/min-vecka?vecka=${first}`);
    await page.getByRole('heading', { level: 1, name: 'Min vecka' }).waitFor();
    await page.getByText('Du har inga walk-and-talk-tider den här veckan.').waitFor();
    await page.getByRole('link', { name: 'Hela teamet' }).click();
    await page.getByText('Med Bo Lagsson').waitFor();
    await page.getByText('Med Anna Flyttsson').waitFor();
    expect(page.url()).toContain(`vecka=`);
    expect(page.url()).toContain('vy=teamet');
    expect(await page.getByRole('link', { name: 'Hela teamet' }).getAttribute('aria-current')).toBe('page');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await expectAccessible(page);
    await context.close();
  });
});
