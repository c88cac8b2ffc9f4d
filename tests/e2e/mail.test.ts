import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { outbox } from '../../db/schema/index.ts';
import type { App } from '../../server/app.ts';
import { addDays, stockholmInstant } from '../../server/contracts/time.ts';
import { asUser } from '../helpers/app.ts';
import { testClock, testToday } from '../helpers/clock.ts';
import { browserAvailable, expectAccessible, expectFitsPhone, launchBrowser, signedInPhone, startWebApp } from '../helpers/browser.ts';
import { createDistrict, createSlot, createUser, type TestUser } from '../helpers/factories.ts';

const run = browserAvailable();

describe.skipIf(!run)('the administrator’s mail page: how mail leaves, the mails given up on, and the demo mailbox', () => {
  let app: App;
  let browser: Browser;
  let base: string;
  let admin: TestUser;
  let booker: TestUser;
  const failedFor: string[] = [];

  beforeAll(async () => {
    const started = await startWebApp();
    ({ app, base } = started);
    const db = started.db;
    const { team, school } = await createDistrict(db);
    const host = await createUser(db, { name: 'Anna Promenad', memberships: [{ organisationId: team.id, role: 'social_worker' }] });
    const pedagogue = await createUser(db, { name: 'Per Pedagog', memberships: [{ organisationId: school.id, role: 'pedagogue' }] });
    admin = await createUser(db, { name: 'Ada Admin', memberships: [{ organisationId: null, role: 'admin' }] });
    booker = pedagogue;
    const slot = await createSlot(db, { organisationId: school.id, hostIds: [host.id], startsAt: stockholmInstant(addDays(testToday(), 3), '13:00').toISOString() });
    const booked = await app.inject({ method: 'POST', url: `/api/slots/${slot.id}/bookings`, headers: await asUser(app, pedagogue), payload: { topic: 'general_question', note: 'Oro för en elev' } });
    expect(booked.statusCode).toBe(201);
    await app.mail.worker.drain();
    // Two mails the SMTP server kept refusing, one for each run below.
    for (const name of ['Gunnar Given', 'Hedda Hopplös']) {
      const person = await createUser(db, { name, memberships: [{ organisationId: team.id, role: 'social_worker' }] });
      failedFor.push(name);
      await db.insert(outbox).values({
        dedupeKey: `test:${person.id}`,
        recipientId: person.id,
        kind: 'booking.booked',
        subject: 'x',
        text: 'x',
        html: 'x',
        attempts: 30,
        failedAt: testClock.now(),
        lastError: 'EENVELOPE 550 RCPT TO',
      });
    }
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  test.each([
    ['with JavaScript', true, 0],
    ['without JavaScript', false, 1],
  ])('%s: the administrator reads the booking mail with its invite and sends a given-up mail again', async (_name, javaScriptEnabled, i) => {
    const page = await signedInPhone(browser, base, admin, javaScriptEnabled);
    await page.goto(`${base}/e-post`);
    await page.getByRole('heading', { level: 1, name: 'E-post' }).waitFor();
    await expect(page.getByText('Demoläge: e-post skickas inte ut').isVisible()).resolves.toBe(true);

    // The mailbox holds every mail sent (other tests' too, on one database): narrow it to the booker.
    await page.getByLabel('Visa bara brev till (e-postadress)').fill(booker.email);
    await page.getByRole('button', { name: 'Visa', exact: true }).click();
    await page.waitForURL(/till=/);
    await expect(page.locator('li.mail').count()).resolves.toBeGreaterThan(0);
    await expect(page.locator('li.mail', { hasNotText: booker.email }).count()).resolves.toBe(0);
    const mail = page.locator('li.mail', { hasText: booker.email });
    await mail.locator('summary').first().click();
    await expect(mail.getByText(/^Bokad: walk-and-talk /).isVisible()).resolves.toBe(true);
    await expect(mail.getByText('Din walk-and-talk är bokad.').isVisible()).resolves.toBe(true);
    await mail.getByText('Bilaga: inbjudan.ics').click();
    await expect(mail.getByText(/METHOD:REQUEST/).isVisible()).resolves.toBe(true);
    await expect(page.getByText('Oro för en elev').count()).resolves.toBe(0);

    await expectAccessible(page, { javaScriptEnabled });
    await expectFitsPhone(page);

    const name = failedFor[i]!;
    await page.getByRole('button', { name: `Försök igen: brevet till ${name}` }).click();
    await page.getByText('Brevet skickas igen.').waitFor();
    await expect(page.getByRole('button', { name: `Försök igen: brevet till ${name}` }).count()).resolves.toBe(0);
    await page.context().close();
  });
});
