import { describe, expect, test } from 'vitest';
import { addDays, isoWeekday, stockholmDate } from '../../server/contracts/time.ts';
import { browserAvailable, expectAccessible, JS_MODES, signedInPhone, useWebApp } from '../helpers/browser.ts';
import { createDistrict, createOrganisation, createUser } from '../helpers/factories.ts';

const run = browserAvailable();

/** A weekday at least a week ahead, on the real clock. */
function weekdayAhead() {
  let day = addDays(stockholmDate(new Date()), 8);
  while (isoWeekday(day) > 5) day = addDays(day, 1);
  return day;
}

describe.skipIf(!run)('a meeting request asks what its type needs', () => {
  const suite = useWebApp(async ({ db }) => {
    const d = await createDistrict(db);
    const area = await createOrganisation(db, { kind: 'police', name: 'Lokalpolisområde Typtest', servingTeamId: d.team.id });
    const officer = await createUser(db, { memberships: [{ organisationId: area.id, role: 'police' }] });
    const principal = await createUser(db, { memberships: [{ organisationId: d.school.id, role: 'principal' }] });
    return { officer, principal };
  });

  test.each(JS_MODES)('%s: the police ask for a collaboration meeting without being asked about guardians', async (_name, javaScriptEnabled) => {
    const { browser, base, officer } = suite;
    const page = await signedInPhone(browser, base, officer, javaScriptEnabled);
    await page.goto(`${base}/moten/ny`);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    expect(await page.getByRole('group', { name: /vårdnadshavarna/ }).count()).toBe(0);
    await page.getByLabel('Kort beteckning').fill(javaScriptEnabled ? 'Samverkan våren' : 'Samverkan hösten');
    await page.locator('#time-1-date').fill(weekdayAhead());
    await page.locator('#time-1-start').fill('10:00');
    await page.locator('#time-1-end').fill('11:00');
    await expectAccessible(page, { javaScriptEnabled });
    await page.getByRole('button', { name: 'Begär mötet' }).click();
    await page.waitForURL(/\/moten\/[0-9a-f-]+\?begard=1$/);
    await page.getByText('Samverkansmöte med polisen').first().waitFor();
    await page.context().close();
  });

  test('with JavaScript, a rektor who picks an APT-besök is no longer asked about guardians, and is again for an anmälningsmöte', async () => {
    const { browser, base, principal } = suite;
    const page = await signedInPhone(browser, base, principal, true);
    await page.goto(`${base}/moten/ny`);
    const guardians = page.getByRole('group', { name: 'Vet vårdnadshavarna om att ni begär mötet?' });
    await guardians.waitFor();
    await page.getByLabel('APT-besök').check();
    await expect.poll(() => guardians.count()).toBe(0);
    await page.getByLabel('Anmälningsmöte').check();
    await guardians.waitFor();
    await page.context().close();
  });
});
