import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { App } from '../../server/app.ts';
import { addDays, stockholmInstant, weekToShow } from '../../server/contracts/time.ts';
import { asUser } from '../helpers/app.ts';
import { testClock, testToday } from '../helpers/clock.ts';
import { browserAvailable, expectAccessible, expectFitsPhone, launchBrowser, signedInPhone, startWebApp, openMenu } from '../helpers/browser.ts';
import { addAbsence, createDistrict, createSlot, createUser, putOnDuty, type TestUser } from '../helpers/factories.ts';

const run = browserAvailable();

describe.skipIf(!run)('the bell, the notifications and my settings, on a phone', () => {
  let app: App;
  let browser: Browser;
  let base: string;
  // One pedagogue per run (with and without JavaScript), each with one booking made.
  const pedagogues: TestUser[] = [];
  let worker: TestUser;

  beforeAll(async () => {
    const started = await startWebApp();
    ({ app, base } = started);
    const db = started.db;
    const { team, school } = await createDistrict(db);
    const host = await createUser(db, { name: 'Anna Promenad', memberships: [{ organisationId: team.id, role: 'social_worker' }] });
    for (let i = 0; i < 2; i++) {
      const pedagogue = await createUser(db, { memberships: [{ organisationId: school.id, role: 'pedagogue' }] });
      const slot = await createSlot(db, { organisationId: school.id, hostIds: [host.id], startsAt: stockholmInstant(addDays(testToday(), 3 + i), '13:00').toISOString() });
      const booked = await app.inject({ method: 'POST', url: `/api/slots/${slot.id}/bookings`, headers: await asUser(app, pedagogue), payload: { topic: 'general_question' } });
      expect(booked.statusCode).toBe(201);
      pedagogues.push(pedagogue);
    }
    // A social worker with a duty day and an absence in the week Min vecka opens on.
    worker = await createUser(db, { name: 'Wera Veckosson', memberships: [{ organisationId: team.id, role: 'social_worker' }] });
    const { monday } = weekToShow(undefined, testClock.now());
    await putOnDuty(db, team.id, worker.id, addDays(monday, 2));
    await addAbsence(db, worker.id, addDays(monday, 3), addDays(monday, 3), 'Tandläkare');
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  test.each([
    ['with JavaScript', true, 0],
    ['without JavaScript', false, 1],
  ])('%s', async (_name, javaScriptEnabled, i) => {
    const page = await signedInPhone(browser, base, pedagogues[i]!, javaScriptEnabled);

    // The bell says there is one unread; the list opens what it is about and marks it read.
    await page.getByRole('link', { name: 'Aviseringar, 1 olästa' }).click();
    await page.getByRole('heading', { level: 1, name: 'Aviseringar' }).waitFor();
    await expectAccessible(page, { javaScriptEnabled });
    await expectFitsPhone(page);
    await page.getByRole('button', { name: /^Öppna: Bokad: walk-and-talk / }).click();
    await page.waitForURL(`${base}/mina-bokningar`);
    await expect(page.getByRole('link', { name: 'Aviseringar', exact: true }).isVisible()).resolves.toBe(true);

    // My settings: booking mail off, and a calendar link to subscribe to.
    await openMenu(page);
    await page.getByRole('link', { name: pedagogues[i]!.name }).click();
    await page.getByRole('heading', { level: 1, name: 'Mina inställningar' }).waitFor();
    await expectAccessible(page, { javaScriptEnabled });
    await expectFitsPhone(page);
    await page.getByLabel('Bokningar av walk-and-talk').uncheck();
    await page.getByRole('button', { name: 'Spara e-postvalen' }).click();
    await page.getByText('Dina e-postval är sparade.').waitFor();
    await page.goto(`${base}/installningar`);
    await expect(page.getByLabel('Bokningar av walk-and-talk').isChecked()).resolves.toBe(false);
    await expect(page.getByLabel('Påminnelser dagen före').isChecked()).resolves.toBe(true);

    await page.getByRole('button', { name: 'Skapa en ny kalenderlänk' }).click();
    const url = await page.getByLabel('Kalenderlänk').inputValue();
    expect(url).toMatch(/\/api\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    const feed = await fetch(`${base}${new URL(url).pathname}`);
    expect(feed.status).toBe(200);
    expect(await feed.text()).toContain('SUMMARY:Walk-and-talk');
    await page.context().close();
  });

  test('Min vecka shows the rest of a social worker’s week from the agenda: the duty day and the absence, not its reason', async () => {
    const page = await signedInPhone(browser, base, worker, false);
    await page.goto(`${base}/min-vecka`);
    await page.getByRole('heading', { level: 2, name: 'Också i veckan' }).waitFor();
    await expect(page.getByRole('link', { name: 'Jourtelefonen', exact: true }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('link', { name: 'Frånvaro', exact: true }).isVisible()).resolves.toBe(true);
    await expect(page.getByText('Tandläkare').count()).resolves.toBe(0);
    await expectAccessible(page, { javaScriptEnabled: false });
    await expectFitsPhone(page);
    await page.context().close();
  });
});
