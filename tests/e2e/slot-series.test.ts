import { describe, expect, test } from 'vitest';
import { addDays, stockholmDate } from '../../server/contracts/time.ts';
import { asUser } from '../helpers/app.ts';
import { browserAvailable, expectAccessible, expectFitsPhone, JS_MODES, signedInPhone, useWebApp } from '../helpers/browser.ts';
import { createDistrict, createUser } from '../helpers/factories.ts';

const run = browserAvailable();

// On the real clock: the series runs from next week over two months, whatever today is.
describe.skipIf(!run)('Mina serier: publish a series, see it, and stop it', () => {
  const suite = useWebApp(async ({ db }) => {
    const d = await createDistrict(db);
    const worker = await createUser(db, { name: 'Sara Serie', memberships: [{ organisationId: d.team.id, role: 'social_worker' }] });
    const pedagogue = await createUser(db, { memberships: [{ organisationId: d.school.id, role: 'pedagogue' }] });
    return { worker, pedagogue, school: d.school };
  });

  test.each(JS_MODES)('%s: the preview keeps the typed fields, the series is listed with its times, and stopping it cancels them and their bookings', async (_name, javaScriptEnabled) => {
    const { app, browser, base, worker, pedagogue, school } = suite;
    const today = stockholmDate(new Date());
    const location = javaScriptEnabled ? 'Vid entrén' : 'Vid grinden';
    const page = await signedInPhone(browser, base, worker, javaScriptEnabled);
    await page.goto(`${base}/walk-and-talk/serier`);
    await page.getByLabel('Skola eller förskola').selectOption({ label: school.name });
    await page.getByLabel('Starttid').fill('14:00');
    await page.getByLabel('Längd i minuter').fill('30');
    await page.getByLabel('Första datum').fill(addDays(today, 7));
    await page.getByLabel('Sista datum').fill(addDays(today, 63));
    await page.getByLabel('Mötesplats').fill(location);
    await page.getByLabel('Hur ofta').selectOption({ label: 'Varje vecka' });
    await page.getByRole('button', { name: 'Förhandsgranska' }).click();
    await page.getByRole('heading', { name: 'Så här blir serien' }).waitFor();
    // What was typed is still there, so "Lägg ut tiderna" works at once.
    expect(await page.getByLabel('Starttid').inputValue()).toBe('14:00');
    expect(await page.getByLabel('Längd i minuter').inputValue()).toBe('30');
    expect(await page.getByLabel('Mötesplats').inputValue()).toBe(location);
    if (javaScriptEnabled) expect(await page.evaluate(() => document.activeElement?.id)).toBe('preview-heading');
    await page.getByRole('button', { name: 'Lägg ut tiderna' }).click();
    await page.getByText(/Klart! \d+ tider är utlagda\./).first().waitFor();

    // A pedagogue books the first of them.
    const headers = await asUser(app, pedagogue);
    const slots = (await app.inject({ method: 'GET', url: `/api/slots?organisationId=${school.id}&from=${new Date().toISOString()}&to=${new Date(Date.now() + 80 * 86_400_000).toISOString()}`, headers })).json() as { id: string; location: string }[];
    const first = slots.find((s) => s.location === location)!;
    expect((await app.inject({ method: 'POST', url: `/api/slots/${first.id}/bookings`, headers, payload: { topic: 'general_question' } })).statusCode).toBe(201);

    await page.goto(`${base}/walk-and-talk/serier`);
    const card = page.getByRole('article').filter({ hasText: location });
    await card.getByText(/\d+ tider kvar, 1 av dem bokade\./).waitFor();
    await expectAccessible(page, { javaScriptEnabled });
    await expectFitsPhone(page);

    await card.getByLabel('Varför stoppas serien?').fill('Jag byter tjänst till våren.');
    await card.getByRole('checkbox').check();
    await card.getByRole('button', { name: 'Stoppa serien' }).click();
    await page.getByText(/Serien är stoppad: \d+ tider är inställda och 1 bokningar avbokade\./).first().waitFor();
    await page.getByRole('article').filter({ hasText: location }).getByText('Inga tider kvar.').waitFor();
    const mine = (await app.inject({ method: 'GET', url: '/api/bookings', headers })).json() as { slotId: string; status: string }[];
    expect(mine.find((b) => b.slotId === first.id)?.status).toBe('cancelled');
    await page.context().close();
  });
});
