import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { App } from '../../server/app.ts';
import { addDays } from '../../server/contracts/time.ts';
import { testClock, testToday } from '../helpers/clock.ts';
import { browserAvailable, expectAccessible, expectFitsPhone, launchBrowser, signedInPhone, startWebDistrict } from '../helpers/browser.ts';
import { assignContact, createMeeting, createUser, type TestUser } from '../helpers/factories.ts';

const run = browserAvailable();

describe.skipIf(!run)('an anmälningsmöte in the browser: request → schedule → outcome → case', () => {
  let app: App;
  let browser: Browser;
  let base: string;
  let principal: TestUser;
  let lead: TestUser;
  let anna: TestUser;
  let bo: TestUser;
  let pastMeetingId: string;
  // A working day a week ahead, far from weekends and DST.
  let day = addDays(testToday(), 7);

  beforeAll(async () => {
    const started = await startWebDistrict();
    ({ app, base } = started);
    const { db, school, team } = started;
    anna = await createUser(db, { name: 'Anna Möte', memberships: [{ organisationId: team.id, role: 'social_worker' }] });
    bo = await createUser(db, { name: 'Bo Möte', memberships: [{ organisationId: team.id, role: 'social_worker' }] });
    lead = await createUser(db, { name: 'Maria Chef', memberships: [{ organisationId: team.id, role: 'team_lead' }] });
    principal = await createUser(db, { name: 'Rut Rektor', memberships: [{ organisationId: school.id, role: 'principal' }] });
    await assignContact(db, { organisationId: school.id, userId: anna.id });
    while ([6, 7].includes(new Date(`${day}T12:00:00Z`).getUTCDay() || 7)) day = addDays(day, 1);
    // One that started an hour ago, for the outcome.
    pastMeetingId = (await createMeeting(db, { organisationId: school.id, teamId: team.id, workerIds: [anna.id, bo.id], type: 'report_meeting', startsAt: new Date(testClock.now().getTime() - 3_600_000).toISOString() })).id;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const phone = (user: TestUser, javaScriptEnabled = true) => signedInPhone(browser, base, user, javaScriptEnabled);
  const fitsPhone = expectFitsPhone;

  test.each([
    ['without JavaScript', false, '10:00', '11:00'],
    ['with JavaScript', true, '13:00', '14:00'],
  ])('a principal asks for a meeting and the team lead books it (%s)', async (_name, javaScriptEnabled, from, to) => {
    const page = await phone(principal, javaScriptEnabled);
    await page.goto(`${base}/moten`);
    await page.getByRole('heading', { level: 1, name: 'Mina möten' }).waitFor();
    await expectAccessible(page, { javaScriptEnabled });
    await page.getByRole('link', { name: 'Begär möte' }).click();
    await page.getByRole('heading', { level: 1, name: 'Begär möte' }).waitFor();
    await page.getByLabel('Anmälningsmöte').check();
    await page.getByLabel('Kort beteckning').fill('Elev 120315-1234');
    await page.getByRole('group', { name: 'Vet vårdnadshavarna om att ni begär mötet?' }).getByLabel('Ja').check();
    const first = page.getByRole('group', { name: 'Tid 1' });
    await first.getByLabel('Datum').fill(day);
    await first.getByLabel('Från kl.').fill(from);
    await first.getByLabel('Till kl.').fill(to);
    await page.getByRole('button', { name: 'Begär mötet' }).click();
    // The guard refuses a personnummer and keeps what was typed.
    await page.getByText(/personnummer/).first().waitFor();
    await expectAccessible(page, { javaScriptEnabled });
    await page.getByLabel('Kort beteckning').fill(javaScriptEnabled ? 'Elev B, åk 4' : 'Elev C, åk 5');
    await page.getByRole('button', { name: 'Begär mötet' }).click();
    await page.getByText('Klart! Förfrågan är skickad till teamet.').waitFor();
    await fitsPhone(page);
    await expectAccessible(page, { javaScriptEnabled });
    const meetingUrl = page.url().replace(/\?.*$/, '');
    await page.context().close();

    const team = await phone(lead, javaScriptEnabled);
    await team.goto(`${base}/moten`);
    await team.getByRole('heading', { name: 'Förfrågningar att boka' }).waitFor();
    await expectAccessible(team, { javaScriptEnabled });
    await team.goto(meetingUrl);
    await team.getByRole('heading', { name: 'Vem är ledig de föreslagna tiderna?' }).waitFor();
    await expectAccessible(team, { javaScriptEnabled });
    // One worker is not enough for an anmälningsmöte.
    await team.getByRole('group', { name: 'Vilken tid?' }).getByRole('radio').first().check();
    await team.getByRole('group', { name: 'Vilka socialsekreterare kommer?' }).getByLabel('Anna Möte').check();
    await team.getByRole('button', { name: 'Boka mötet' }).click();
    await team.getByText('Ett anmälningsmöte har två socialsekreterare. Skriv skälet om bara en kan komma.').first().waitFor();
    const workers = team.getByRole('group', { name: 'Vilka socialsekreterare kommer?' });
    await team.getByRole('group', { name: 'Vilken tid?' }).getByRole('radio').first().check();
    if (!(await workers.getByLabel('Anna Möte').isChecked())) await workers.getByLabel('Anna Möte').check();
    await workers.getByLabel('Bo Möte').check();
    await team.getByRole('button', { name: 'Boka mötet' }).click();
    await team.getByText(/^Mötet är bokat /).waitFor();
    await fitsPhone(team);
    await expectAccessible(team, { javaScriptEnabled });
    await team.context().close();
    // Two people's whole journey on a phone: under CI's three clocks at once it can pass 30 s.
  }, 90_000);

  test.each([
    ['without JavaScript', false],
    ['with JavaScript', true],
  ])('the label is offered as a made-up name, and a first name and surname is sent only once confirmed (%s)', async (_name, javaScriptEnabled) => {
    const page = await phone(principal, javaScriptEnabled);
    await page.goto(`${base}/moten/ny`);
    const label = page.getByLabel('Kort beteckning');
    expect(await label.inputValue()).toMatch(/^Ärende \p{Lu}\p{Ll}+$/u);
    await page.getByLabel('Anmälningsmöte').check();
    await label.fill('Elsa Andersson');
    await page.getByRole('group', { name: 'Vet vårdnadshavarna om att ni begär mötet?' }).getByLabel('Ja').check();
    const first = page.getByRole('group', { name: 'Tid 1' });
    await first.getByLabel('Datum').fill(day);
    await first.getByLabel('Från kl.').fill('08:00');
    await first.getByLabel('Till kl.').fill('09:00');
    // With JavaScript the warning shows while typing; without, when the form comes back.
    if (javaScriptEnabled) await page.getByText('Det här ser ut som ett för- och efternamn.', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Begär mötet' }).click();
    await page.getByText('Beteckningen ser ut som ett för- och efternamn. Skriv om den, eller kryssa i att det inte är någons namn.').first().waitFor();
    expect(await label.inputValue()).toBe('Elsa Andersson');
    await expectAccessible(page, { javaScriptEnabled });
    await page.getByLabel('Det är inte någons namn').check();
    await page.getByRole('button', { name: 'Begär mötet' }).click();
    await page.getByText('Klart! Förfrågan är skickad till teamet.').waitFor();
    await page.context().close();
  });

  test('a worker records the outcome, the case opens, and the team lead reads its log', async () => {
    const page = await phone(anna);
    await page.goto(`${base}/moten/${pastMeetingId}`);
    await page.getByRole('heading', { name: 'Hur gick mötet?' }).waitFor();
    await page.getByRole('group', { name: 'Blev mötet av?' }).getByLabel('Ja').check();
    await page.getByRole('group', { name: 'Gjordes en orosanmälan?' }).getByLabel('Ja').check();
    await page.getByRole('button', { name: 'Spara utfallet' }).click();
    await page.getByText('Utfallet är sparat och ett ärende är öppnat.').waitFor();
    await page.getByRole('link', { name: 'Gå till ärendet' }).first().click();
    await page.getByRole('heading', { level: 1, name: /^Ärende: / }).waitFor();
    await fitsPhone(page);
    await expectAccessible(page);
    const caseUrl = page.url();
    await page.context().close();

    const chef = await phone(lead);
    await chef.goto(caseUrl);
    // The log is a part of its own, and is read only on asking (reading it is logged too).
    await chef.getByRole('navigation', { name: 'Ärendets delar' }).getByRole('link', { name: 'Logg' }).click();
    await chef.waitForURL(/visa=logg/);
    expect(await chef.getByRole('link', { name: 'Logg', exact: true }).getAttribute('aria-current')).toBe('page');
    await chef.getByRole('link', { name: 'Visa loggen' }).click();
    await chef.getByRole('heading', { name: 'Logg' }).waitFor();
    await chef.getByText('Registrerade hur mötet gick').first().waitFor();
    await expectAccessible(chef);
    await chef.context().close();
  });
});
