import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { caseOrganisations, cases, caseWorkers } from '../../db/schema/index.ts';
import { addDays, isoWeekday, stockholmInstant } from '../../server/contracts/time.ts';
import { testClock, testToday } from '../helpers/clock.ts';
import { browserAvailable, signIn, useWebApp } from '../helpers/browser.ts';
import { assignContact, createDistrict, createSlot, createUser, setTeamSettings, type TestUser } from '../helpers/factories.ts';

const run = browserAvailable();

/** The focused element's name as a person hears it, and whether the focus can be seen. */
async function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { name: '', visible: false };
    const labelled = el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null;
    const name = el.getAttribute('aria-label') ?? labelled ?? el.closest('label')?.textContent ?? el.textContent ?? '';
    return { name: name.replace(/\s+/g, ' ').trim(), visible: el.matches(':focus-visible') };
  });
}

/** Presses Tab until the element whose name starts with `name` has the focus, and checks the focus shows. */
async function tabTo(page: Page, name: string | RegExp, max = 120) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const now = await focused(page);
    if (typeof name === 'string' ? now.name.startsWith(name) : name.test(now.name)) {
      expect(now.visible, `the focus on "${now.name}" can be seen`).toBe(true);
      return;
    }
  }
  throw new Error(`Tab never reached "${name}"`);
}

// The three journeys a person must be able to make without a mouse: booking a walk-and-talk,
// asking for a meeting and recording a consent. Only Tab, arrows, Space, Enter and typing.
describe.skipIf(!run)('by keyboard only', () => {
  // A working day a week ahead, for the proposed meeting time.
  let day = addDays(testToday(), 8);
  while ([6, 7].includes(isoWeekday(day))) day = addDays(day, 1);
  const suite = useWebApp(async ({ db }) => {
    const d = await createDistrict(db);
    await setTeamSettings(db, d.team.id);
    const anna = await createUser(db, { name: 'Anna Tangent', memberships: [{ organisationId: d.team.id, role: 'social_worker' }] });
    await assignContact(db, { organisationId: d.school.id, userId: anna.id });
    await createSlot(db, { organisationId: d.school.id, hostIds: [anna.id], startsAt: stockholmInstant(addDays(testToday(), 3), '13:00').toISOString(), location: 'Vid skolgården' });
    const pedagogue = await createUser(db, { memberships: [{ organisationId: d.school.id, role: 'pedagogue' }] });
    const principal = await createUser(db, { memberships: [{ organisationId: d.school.id, role: 'principal' }] });
    const [c] = await db.insert(cases).values({ teamId: d.team.id, label: 'Familjen Tangent', createdBy: anna.id, createdAt: testClock.now() }).returning({ id: cases.id });
    await db.insert(caseOrganisations).values({ caseId: c!.id, organisationId: d.school.id, reporter: true });
    await db.insert(caseWorkers).values({ caseId: c!.id, userId: anna.id, responsible: true });
    return { anna, pedagogue, principal, caseId: c!.id };
  });
  const open = async (user: TestUser, path: string) => {
    const context = await suite.browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
    context.setDefaultTimeout(8_000);
    const page = await context.newPage();
    await signIn(page, suite.base, user);
    await page.goto(`${suite.base}${path}`);
    await page.waitForLoadState('networkidle');
    return page;
  };

  test('a pedagogue books a walk-and-talk', async () => {
    const page = await open(suite.pedagogue, '/walk-and-talk');
    await tabTo(page, /^Boka tiden /);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Boka tiden' }).waitFor();
    await page.waitForLoadState('networkidle');
    await tabTo(page, 'Osäker på om jag ska göra en orosanmälan');
    await page.keyboard.press('Space');
    await tabTo(page, 'Kort anteckning (frivillig)');
    await page.keyboard.type('Oro kring frånvaro');
    await tabTo(page, 'Boka tiden');
    await page.keyboard.press('Enter');
    await page.getByText(/^Klart! Du har bokat /).waitFor();
    await page.context().close();
  });

  test('a rektor asks for a meeting', async () => {
    const page = await open(suite.principal, '/moten/ny');
    await tabTo(page, 'Anmälningsmöte');
    await page.keyboard.press('Space');
    // The made-up label is offered and kept.
    await tabTo(page, 'Kort beteckning');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).value)).toMatch(/^Ärende /);
    await tabTo(page, 'Ja');
    await page.keyboard.press('Space');
    // The browser's own date and time fields, typed as its (American English) interface orders
    // them: month, day, year; hours, minutes, AM or PM.
    await tabTo(page, 'Datum');
    const [year, month, date] = day.split('-');
    await page.keyboard.type(`${month}${date}${year}`);
    await tabTo(page, 'Från kl.');
    await page.keyboard.type('1000A');
    await tabTo(page, 'Till kl.');
    await page.keyboard.type('1100A');
    await tabTo(page, 'Begär mötet');
    await page.keyboard.press('Enter');
    await page.getByText('Klart! Förfrågan är skickad till teamet.').waitFor();
    await page.context().close();
  });

  test('a social worker records a consent', async () => {
    const page = await open(suite.anna, `/arenden/${suite.caseId}?visa=samtycke`);
    await tabTo(page, 'Insatsens förlopp');
    await page.keyboard.press('Space');
    await tabTo(page, 'En');
    await page.keyboard.press('Space');
    await tabTo(page, 'Skriftligt');
    await page.keyboard.press('Space');
    await tabTo(page, 'Registrera samtycket');
    await page.keyboard.press('Enter');
    await page.getByText('Samtycket är registrerat. Skriv ut kvittot och ge det till familjen.').waitFor();
    await page.context().close();
  });
});
