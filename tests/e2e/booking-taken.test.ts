import { describe, expect, test } from 'vitest';
import { addDays, stockholmDate, stockholmInstant } from '../../server/contracts/time.ts';
import { asUser } from '../helpers/app.ts';
import { browserAvailable, expectAccessible, JS_MODES, signedInPhone, useWebApp } from '../helpers/browser.ts';
import { createDistrict, createSlot, createUser } from '../helpers/factories.ts';

const run = browserAvailable();

// On the real clock: four walk-and-talks next week, one seat each.
describe.skipIf(!run)('a walk-and-talk taken while the pedagogue was writing', () => {
  const suite = useWebApp(async ({ db }) => {
    const d = await createDistrict(db);
    const host = await createUser(db, { memberships: [{ organisationId: d.team.id, role: 'social_worker' }] });
    const [ada, bea] = [await createUser(db, { memberships: [{ organisationId: d.school.id, role: 'pedagogue' }] }), await createUser(db, { memberships: [{ organisationId: d.school.id, role: 'pedagogue' }] })];
    const today = stockholmDate(new Date());
    const slotIds: string[] = [];
    for (let i = 0; i < 4; i++) slotIds.push((await createSlot(db, { organisationId: d.school.id, hostIds: [host.id], startsAt: stockholmInstant(addDays(today, 7 + i), '14:00').toISOString() })).id);
    return { ada, bea, slotIds };
  });

  test.each(JS_MODES)('%s: the card says it is taken, the error points at the other times, and one of them books with the same topic and note', async (_name, javaScriptEnabled) => {
    const { app, browser, base, ada, bea, slotIds } = suite;
    const wanted = slotIds[javaScriptEnabled ? 0 : 1]!;
    const page = await signedInPhone(browser, base, ada, javaScriptEnabled);
    await page.goto(`${base}/walk-and-talk/boka/${wanted}`);
    await page.getByText('Osäker på om jag ska göra en orosanmälan').waitFor();
    // Bea books it first.
    expect((await app.inject({ method: 'POST', url: `/api/slots/${wanted}/bookings`, headers: await asUser(app, bea), payload: { topic: 'general_question' } })).statusCode).toBe(201);

    await page.getByLabel('Osäker på om jag ska göra en orosanmälan').check();
    const note = javaScriptEnabled ? 'Vill prata om en elev, med skript.' : 'Vill prata om en elev, utan skript.';
    await page.getByLabel('Kort anteckning (frivillig)').fill(note);
    await page.getByRole('button', { name: 'Boka tiden' }).click();
    await page.getByText('Fullbokad: någon hann före.').waitFor();
    await page.getByRole('heading', { name: 'Lediga tider i stället:' }).waitFor();
    // The error is not about the topic, which was chosen.
    expect(await page.locator('#topic-error').count()).toBe(0);
    await expectAccessible(page, { javaScriptEnabled });

    await page.getByRole('region', { name: 'Lediga tider i stället:' }).getByRole('button', { name: /^Boka / }).last().click();
    await page.waitForURL(/\/mina-bokningar/);
    const mine = (await app.inject({ method: 'GET', url: '/api/bookings', headers: await asUser(app, ada) })).json() as { slotId: string; topic: string; note: string | null; status: string }[];
    expect(mine.filter((b) => b.status === 'booked').map((b) => [b.topic, b.note])).toContainEqual(['unsure_report', note]);
    await page.context().close();
  });
});
