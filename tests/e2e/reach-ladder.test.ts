import { describe, expect, test } from 'vitest';
import { browserAvailable, expectAccessible, JS_MODES, signedInPhone, useWebApp } from '../helpers/browser.ts';
import { addDays, formatTime, stockholmDate } from '../../server/contracts/time.ts';
import { assignContact, createDistrict, createMeeting, createUser, setTeamSettings } from '../helpers/factories.ts';

const run = browserAvailable();

// A Wednesday with nobody on the duty phone, in office hours and in the evening (`?at=`).
const WEDNESDAY = '2027-03-03T10:00:00+01:00';
const EVENING = '2027-03-03T21:00:00+01:00';

describe.skipIf(!run)('Nå någon nu at another moment, and on a day nobody holds the duty phone', () => {
  const suite = useWebApp(async ({ db }) => {
    const { school, team } = await createDistrict(db);
    await setTeamSettings(db, team.id, { dutyPhone: '08-111 22 33', afterHoursPhone: '08-444 55 66' });
    const pedagogue = await createUser(db, { memberships: [{ organisationId: school.id, role: 'pedagogue' }] });
    // The school's contact is in a meeting right now, for another 50 minutes.
    const anna = await createUser(db, { name: 'Anna Upptagen', memberships: [{ organisationId: team.id, role: 'social_worker' }] });
    // Named for these days only, so the ladder of March 2027 has no contact on it.
    await assignContact(db, { organisationId: school.id, userId: anna.id, startsOn: addDays(stockholmDate(new Date()), -1), endsOn: addDays(stockholmDate(new Date()), 1) });
    const startsAt = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 10 * 60_000);
    await createMeeting(db, { organisationId: school.id, teamId: team.id, workerIds: [anna.id], startsAt: startsAt.toISOString(), minutes: 60 });
    return { pedagogue, freeAt: formatTime(new Date(startsAt.getTime() + 60 * 60_000)) };
  });

  test.each(JS_MODES)('%s: the page honours ?at=, and does not promise an answer nobody will give', async (_name, javaScriptEnabled) => {
    const { browser, base, pedagogue, freeAt } = suite;
    const page = await signedInPhone(browser, base, pedagogue, javaScriptEnabled);
    const routes = async () => (await page.locator('.route-kind').allTextContents()).map((s) => s.trim());

    await page.goto(`${base}/na-nagon-nu?at=${encodeURIComponent(WEDNESDAY)}`);
    await page.getByRole('heading', { level: 1, name: 'Nå någon nu' }).waitFor();
    await page.getByText('kl. 10.00', { exact: false }).first().waitFor();
    const duty = page.getByRole('listitem').filter({ hasText: 'Ingen har jourtelefonen i dag' });
    await duty.waitFor();
    expect(await duty.textContent()).not.toContain('svarar i dag');
    // Numbered steps, each saying where to go when nobody answers.
    expect(await routes()).toEqual(['Steg 1. Jourtelefonen', 'Steg 2. Akut fara']);
    await duty.getByText('Svarar ingen? Gå vidare till steg 2.').waitFor();
    expect((await page.getByRole('link', { name: /^Ring / }).allTextContents()).map((s) => s.trim())).toEqual(['Ring 08-111 22 33', 'Ring 112']);
    await expectAccessible(page, { javaScriptEnabled });

    await page.goto(`${base}/na-nagon-nu?at=${encodeURIComponent(EVENING)}`);
    await page.getByText(/Kontoret är stängt/).first().waitFor();
    expect((await page.getByRole('link', { name: /^Ring / }).allTextContents()).map((s) => s.trim())).toEqual(['Ring 08-444 55 66', 'Ring 112']);

    // Now: the contact in a meeting is not on the ladder, but says when she is free.
    await page.goto(`${base}/na-nagon-nu`);
    const busy = page.getByRole('list', { name: 'Upptagna just nu' });
    await busy.getByText(`Anna Upptagen: ledig kl. ${freeAt} (i möte)`).waitFor();
    await expectAccessible(page, { javaScriptEnabled });

    // A moment it cannot read is said, and the ladder of now is shown.
    await page.goto(`${base}/na-nagon-nu?at=i-morgon`);
    await page.getByRole('status').filter({ hasText: 'Här är vägarna just nu.' }).waitFor();
    expect((await page.getByRole('link', { name: /^Ring / }).allTextContents()).at(-1)!.trim()).toBe('Ring 112');
    await expectAccessible(page, { javaScriptEnabled });
    await page.context().close();
  });
});
