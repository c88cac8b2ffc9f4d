import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { App } from '../../server/app.ts';
import { addDays, stockholmInstant } from '../../server/contracts/time.ts';
import { asUser } from '../helpers/app.ts';
import { testToday } from '../helpers/clock.ts';
import { browserAvailable, expectAccessible, launchBrowser, signIn, startWebApp, openMenu } from '../helpers/browser.ts';
import { createDistrict, createOrganisation, createSlot, createUser, setTeamSettings, type TestUser } from '../helpers/factories.ts';

const run = browserAvailable();

describe.skipIf(!run)('a förskolechef makes booking mandatory for a term, sees who has booked and reminds; the pedagogue sees the reminder', () => {
  let app: App;
  let browser: Browser;
  let base: string;
  // One preschool unit per run (with and without JavaScript), each with its own people.
  const units: { chief: TestUser; bea: TestUser }[] = [];
  const today = testToday();
  const startsOn = addDays(today, -30);
  const endsOn = addDays(today, 60);

  beforeAll(async () => {
    const started = await startWebApp();
    ({ app, base } = started);
    const db = started.db;
    for (let i = 0; i < 2; i++) {
      const { team, unit } = await createDistrict(db);
      await setTeamSettings(db, team.id);
      const solrosen = await createOrganisation(db, { kind: 'preschool', name: 'Förskolan Solrosen', parentId: unit.id, servingTeamId: team.id });
      const ekorren = await createOrganisation(db, { kind: 'preschool', name: 'Förskolan Ekorren', parentId: unit.id, servingTeamId: team.id });
      const worker = await createUser(db, { name: 'Anna Promenad', memberships: [{ organisationId: team.id, role: 'social_worker' }] });
      const chief = await createUser(db, { name: 'Frida Förskolechef', memberships: [{ organisationId: unit.id, role: 'principal' }] });
      const ada = await createUser(db, { name: 'Ada Ek', memberships: [{ organisationId: solrosen.id, role: 'pedagogue' }] });
      const bea = await createUser(db, { name: 'Bea Berg', memberships: [{ organisationId: solrosen.id, role: 'pedagogue' }] });
      await createUser(db, { name: 'Cia Lund', memberships: [{ organisationId: ekorren.id, role: 'pedagogue' }] });
      // Ada has booked a walk-and-talk a few days ahead, inside the term.
      const slot = await createSlot(db, { organisationId: solrosen.id, hostIds: [worker.id], startsAt: stockholmInstant(addDays(today, 3), '13:00').toISOString() });
      const booked = await app.inject({ method: 'POST', url: `/api/slots/${slot.id}/bookings`, headers: await asUser(app, ada), payload: { topic: 'general_question' } });
      expect(booked.statusCode).toBe(201);
      units.push({ chief, bea });
    }
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function page(javaScriptEnabled: boolean, user: TestUser, width: number): Promise<Page> {
    const context = await browser.newContext({ javaScriptEnabled, bypassCSP: true, viewport: { width, height: 900 } });
    context.setDefaultTimeout(8_000);
    const p = await context.newPage();
    await signIn(p, base, user);
    return p;
  }

  test.each([
    ['with JavaScript', true, 0],
    ['without JavaScript', false, 1],
  ])('%s', async (_name, javaScriptEnabled, i) => {
    const { chief, bea } = units[i]!;
    const p = await page(javaScriptEnabled, chief, 1024);
    await openMenu(p);
    await p.getByRole('link', { name: 'Terminer och lov' }).click();
    await p.getByRole('heading', { level: 1, name: 'Terminer och lov' }).waitFor();
    expect(await p.textContent('main')).toContain('Inga terminer eller lov är inlagda');
    await expectAccessible(p, { javaScriptEnabled });

    await p.getByLabel('Termin', { exact: true }).check();
    await p.getByLabel('Namn', { exact: true }).fill('Testterminen');
    await p.getByLabel('Från och med').fill(startsOn);
    await p.getByLabel('Till och med').fill(endsOn);
    await p.getByLabel('Pedagogerna ska boka en walk-and-talk under terminen').check();
    await p.getByRole('button', { name: 'Lägg till terminen eller lovet' }).click();
    await p.getByRole('status').filter({ hasText: 'Testterminen är tillagd.' }).waitFor();
    const row = p.getByRole('row', { name: /Testterminen/ });
    expect(await row.textContent()).toContain('Ja');
    await expectAccessible(p, { javaScriptEnabled });

    await p.getByRole('link', { name: 'Se vem som har bokat under Testterminen' }).click();
    await p.getByRole('heading', { level: 1, name: 'Bokningsplikt under Testterminen' }).waitFor();
    expect(await p.textContent('main')).toContain('1 av 3 har bokat.');
    const solrosen = p.getByRole('group', { name: 'Förskolan Solrosen' });
    expect(await solrosen.getByRole('listitem').filter({ hasText: 'Ada Ek' }).textContent()).toContain('Har bokat');
    expect(await solrosen.getByRole('listitem').filter({ hasText: 'Bea Berg' }).textContent()).toContain('Har inte bokat än');
    await expectAccessible(p, { javaScriptEnabled });

    // Reminding a chosen few needs a choice; an empty one is not "everyone".
    await p.getByRole('button', { name: 'Påminn de valda' }).click();
    await p.getByRole('alert').filter({ hasText: 'Välj minst en person att påminna.' }).waitFor();
    await p.getByLabel('Cia Lund').check();
    await p.getByRole('button', { name: 'Påminn de valda' }).click();
    await p.getByRole('status').filter({ hasText: 'Påminnelse skickad till 1 person.' }).waitFor();
    expect(await p.getByRole('group', { name: 'Förskolan Ekorren' }).textContent()).toContain('Påmind ');

    await p.getByRole('button', { name: 'Påminn alla som inte har bokat' }).click();
    await p.getByRole('status').filter({ hasText: 'Påminnelse skickad till 1 person. 1 hade redan fått en.' }).waitFor();
    await expectAccessible(p, { javaScriptEnabled });
    await p.context().close();

    // Bea sees the reminder on her start page, on a phone, and puts it away.
    const q = await page(javaScriptEnabled, bea, 360);
    const banner = q.getByRole('region', { name: 'Påminnelse om walk-and-talk' });
    expect(await banner.textContent()).toContain('Din förskolechef Frida Förskolechef påminner dig om att boka en walk-and-talk under Testterminen (till ');
    expect(await banner.getByRole('link', { name: 'Boka en tid' }).getAttribute('href')).toBe('/walk-and-talk');
    expect(await q.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await expectAccessible(q, { javaScriptEnabled });
    await banner.getByRole('button', { name: /^Dölj påminnelsen/ }).click();
    await q.getByRole('status').filter({ hasText: 'Påminnelsen är dold.' }).waitFor();
    expect(await q.getByRole('region', { name: 'Påminnelse om walk-and-talk' }).count()).toBe(0);
    await q.goto(`${base}/`);
    await q.getByRole('heading', { level: 1 }).waitFor();
    expect(await q.getByRole('region', { name: 'Påminnelse om walk-and-talk' }).count()).toBe(0);
    await q.context().close();
  });
});
