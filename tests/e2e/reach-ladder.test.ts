import { describe, expect, test } from 'vitest';
import { browserAvailable, expectAccessible, JS_MODES, signedInPhone, useWebApp } from '../helpers/browser.ts';
import { createDistrict, createUser, setTeamSettings } from '../helpers/factories.ts';

const run = browserAvailable();

// A Wednesday with nobody on the duty phone, in office hours and in the evening (`?at=`).
const WEDNESDAY = '2027-03-03T10:00:00+01:00';
const EVENING = '2027-03-03T21:00:00+01:00';

describe.skipIf(!run)('Nå någon nu at another moment, and on a day nobody holds the duty phone', () => {
  const suite = useWebApp(async ({ db }) => {
    const { school, team } = await createDistrict(db);
    await setTeamSettings(db, team.id, { dutyPhone: '08-111 22 33', afterHoursPhone: '08-444 55 66' });
    const pedagogue = await createUser(db, { memberships: [{ organisationId: school.id, role: 'pedagogue' }] });
    return { pedagogue };
  });

  test.each(JS_MODES)('%s: the page honours ?at=, and does not promise an answer nobody will give', async (_name, javaScriptEnabled) => {
    const { browser, base, pedagogue } = suite;
    const page = await signedInPhone(browser, base, pedagogue, javaScriptEnabled);
    const routes = async () => (await page.locator('.route-kind').allTextContents()).map((s) => s.trim());

    await page.goto(`${base}/na-nagon-nu?at=${encodeURIComponent(WEDNESDAY)}`);
    await page.getByRole('heading', { level: 1, name: 'Nå någon nu' }).waitFor();
    await page.getByText('kl. 10.00', { exact: false }).first().waitFor();
    const duty = page.getByRole('listitem').filter({ hasText: 'Ingen har jourtelefonen i dag' });
    await duty.waitFor();
    expect(await duty.textContent()).not.toContain('svarar i dag');
    expect(await routes()).toEqual(['Jourtelefonen', 'Akut fara']);
    expect((await page.getByRole('link', { name: /^Ring / }).allTextContents()).map((s) => s.trim())).toEqual(['Ring 08-111 22 33', 'Ring 112']);
    await expectAccessible(page, { javaScriptEnabled });

    await page.goto(`${base}/na-nagon-nu?at=${encodeURIComponent(EVENING)}`);
    await page.getByText(/Kontoret är stängt/).first().waitFor();
    expect((await page.getByRole('link', { name: /^Ring / }).allTextContents()).map((s) => s.trim())).toEqual(['Ring 08-444 55 66', 'Ring 112']);

    // A moment it cannot read is said, and the ladder of now is shown.
    await page.goto(`${base}/na-nagon-nu?at=i-morgon`);
    await page.getByRole('status').filter({ hasText: 'Här är vägarna just nu.' }).waitFor();
    expect((await page.getByRole('link', { name: /^Ring / }).allTextContents()).at(-1)!.trim()).toBe('Ring 112');
    await expectAccessible(page, { javaScriptEnabled });
    await page.context().close();
  });
});
