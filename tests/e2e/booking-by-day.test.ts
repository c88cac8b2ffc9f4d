import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { bookings } from '../../db/schema/index.ts';
import { addDays, stockholmInstant } from '../../server/contracts/time.ts';
import { testToday } from '../helpers/clock.ts';
import { browserAvailable, expectAccessible, expectFitsPhone, JS_MODES, signedInPhone, useWebApp } from '../helpers/browser.ts';
import { assignContact, createDistrict, createSlot, createUser, setTeamSettings } from '../helpers/factories.ts';

const run = browserAvailable();

// Anna is the school's contact; Bo is in the team but not theirs. Bo's time comes first in the calendar.
describe.skipIf(!run)('booking a walk-and-talk by day, the contact person\'s times first', () => {
  const bosDay = addDays(testToday(), 2);
  const annasDay = addDays(testToday(), 3);
  const suite = useWebApp(async ({ db }) => {
    const d = await createDistrict(db);
    await setTeamSettings(db, d.team.id);
    const anna = await createUser(db, { name: 'Anna Kontakt', memberships: [{ organisationId: d.team.id, role: 'social_worker' }] });
    const bo = await createUser(db, { name: 'Bo Teamet', memberships: [{ organisationId: d.team.id, role: 'social_worker' }] });
    await assignContact(db, { organisationId: d.school.id, userId: anna.id });
    await createSlot(db, { organisationId: d.school.id, hostIds: [bo.id], startsAt: stockholmInstant(bosDay, '09:00').toISOString(), location: 'Vid parken' });
    for (const time of ['10:00', '13:00']) await createSlot(db, { organisationId: d.school.id, hostIds: [anna.id], startsAt: stockholmInstant(annasDay, time).toISOString(), location: 'Vid grinden' });
    const pedagogue = await createUser(db, { memberships: [{ organisationId: d.school.id, role: 'pedagogue' }] });
    // At the preschool, away from the school's calendar above.
    const retrier = await createUser(db, { memberships: [{ organisationId: d.preschool.id, role: 'pedagogue' }] });
    const roomy = await createSlot(db, { organisationId: d.preschool.id, hostIds: [anna.id], startsAt: stockholmInstant(annasDay, '15:00').toISOString(), location: 'Vid biblioteket', capacity: 3 });
    return { pedagogue, retrier, roomy, db };
  });

  test.each(JS_MODES)('%s: the contact\'s days and free times by default; the whole team on asking', async (_name, javaScriptEnabled) => {
    const { browser, base, pedagogue } = suite;
    const page = await signedInPhone(browser, base, pedagogue, javaScriptEnabled);
    await page.goto(`${base}/walk-and-talk`);
    expect(await page.getByRole('navigation', { name: 'Vems tider' }).getByRole('link', { name: 'Din kontaktperson' }).getAttribute('aria-current')).toBe('true');
    await page.getByText('Tider med Anna Kontakt.', { exact: false }).waitFor();
    const days = page.getByRole('list', { name: 'Välj dag' });
    expect(await days.getByRole('listitem').count()).toBe(1);
    expect(await days.getByRole('link').first().getAttribute('aria-current')).toBe('date');
    expect(await days.textContent()).toContain('2 lediga tider');
    const times = page.getByRole('list', { name: /^Lediga tider / });
    expect(await times.getByRole('link', { name: /^Boka tiden / }).count()).toBe(2);
    expect(await times.textContent()).not.toContain('Vid parken');
    await expectAccessible(page, { javaScriptEnabled });
    await expectFitsPhone(page);

    await page.getByRole('link', { name: 'Alla i teamet' }).click();
    await page.waitForURL(/vem=alla/);
    expect(await page.getByRole('link', { name: 'Alla i teamet' }).getAttribute('aria-current')).toBe('true');
    // The chosen day stays; Bo's earlier day joins the list, first, one tap away.
    expect(await days.getByRole('listitem').count()).toBe(2);
    expect(await days.getByRole('link').nth(1).getAttribute('aria-current')).toBe('date');
    await days.getByRole('link').first().click();
    await times.getByText('Vid parken').waitFor();
    expect(await times.getByRole('link', { name: /^Boka tiden / }).count()).toBe(1);
    expect(page.url()).toContain('vem=alla');
    await expectAccessible(page, { javaScriptEnabled });
    await page.context().close();
  });

  test('the answer to a booking is lost on the way and the browser sends the form again: booked once', async () => {
    const { browser, base, retrier, roomy, db } = suite;
    const page = await signedInPhone(browser, base, retrier, false);
    const url = `${base}/walk-and-talk/boka/${roomy.id}`;
    await page.goto(url);
    // The first send reaches the server, which books; the answer never reaches the phone.
    let sent: string | null = null;
    await page.route(`${url}*`, async (route) => {
      if (route.request().method() !== 'POST' || sent !== null) return route.continue();
      sent = route.request().postData();
      await route.fetch();
      await route.abort('connectionreset');
    });
    await page.getByLabel('Osäker på om jag ska göra en orosanmälan').check();
    await page.getByRole('button', { name: 'Boka tiden' }).click();
    await expect.poll(() => sent).not.toBeNull();
    // The same form, sent again as a browser resends it: the booking it made comes back.
    const again = await page.request.post(url, { headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin: base }, data: sent!, maxRedirects: 0 });
    const booked = await db.select({ id: bookings.id }).from(bookings).where(eq(bookings.bookerId, retrier.id));
    expect(booked).toHaveLength(1);
    expect(again.status()).toBe(303);
    expect(again.headers().location).toBe(`/mina-bokningar?bokad=${booked[0]!.id}`);
    await page.context().close();
  });
});
