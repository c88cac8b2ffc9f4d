import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { App } from '../../server/app.ts';
import { browserAvailable, expectAccessible, launchBrowser, signIn, startWebApp, openMenu } from '../helpers/browser.ts';
import { createDistrict, createUser, setTeamSettings, type TestUser } from '../helpers/factories.ts';

const run = browserAvailable();

describe.skipIf(!run)('the team lead and a social worker keep contacts, roster and absences', () => {
  let app: App;
  let browser: Browser;
  let base: string;
  let lead: TestUser;
  let worker: TestUser;
  let schoolName: string;

  beforeAll(async () => {
    const started = await startWebApp();
    ({ app, base } = started);
    const { school, team } = await createDistrict(started.db);
    schoolName = school.name;
    await setTeamSettings(started.db, team.id);
    lead = await createUser(started.db, { name: 'Maria Chef', memberships: [{ organisationId: team.id, role: 'team_lead' }] });
    worker = await createUser(started.db, { name: 'Vera Socialsekreterare', memberships: [{ organisationId: team.id, role: 'social_worker' }] });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function page(javaScriptEnabled: boolean, user: TestUser): Promise<Page> {
    const context = await browser.newContext({ javaScriptEnabled, bypassCSP: true, viewport: { width: 1024, height: 900 } });
    context.setDefaultTimeout(8_000);
    const p = await context.newPage();
    await signIn(p, base, user);
    return p;
  }

  test.each([
    ['with JavaScript', true, '7–9'],
    ['without JavaScript', false, 'F–3'],
  ])('%s the team lead names a contact and puts someone on duty', async (_name, javaScriptEnabled, section) => {
    const p = await page(javaScriptEnabled, lead);
    await openMenu(p);
    await p.getByRole('link', { name: 'Kontaktpersoner' }).click();
    await p.getByRole('heading', { level: 1, name: 'Kontaktpersoner' }).waitFor();
    expect(await p.textContent('main')).toContain(`Saknar kontaktperson`);
    await expectAccessible(p, { javaScriptEnabled });
    await p.getByLabel('Verksamhet och stadium').selectOption({ label: `${schoolName}, ${section}` });
    await p.getByLabel('Kontaktperson', { exact: true }).selectOption({ label: 'Vera Socialsekreterare' });
    await p.getByLabel('Från och med').fill('2026-01-01');
    await p.getByRole('button', { name: 'Utse kontaktpersonen' }).click();
    await p.getByRole('status').filter({ hasText: 'Kontaktpersonen är utsedd.' }).waitFor();
    expect(await p.getByRole('region', { name: new RegExp(schoolName) }).textContent()).toContain(`Vera Socialsekreterare, ${section}`);

    await p.goto(`${base}/jourschema?month=2027-03`);
    const day = javaScriptEnabled ? '2027-03-02' : '2027-03-03';
    await p.locator(`#holder-${day}`).selectOption({ label: 'Vera Socialsekreterare' });
    await p.locator(`#holder-${day}`).locator('xpath=..').getByRole('button').click();
    await p.getByRole('status').filter({ hasText: 'Jourschemat är uppdaterat.' }).waitFor();
    expect(await p.locator(`#holder-${day}`).inputValue()).not.toBe('');
    await expectAccessible(p, { javaScriptEnabled });
    await p.context().close();
  });

  test.each([
    ['with JavaScript', true],
    ['without JavaScript', false],
  ])('%s a social worker adds an absence; a wrong period is explained beside the field', async (_name, javaScriptEnabled) => {
    const p = await page(javaScriptEnabled, worker);
    await openMenu(p);
    await p.getByRole('link', { name: 'Frånvaro och profil' }).click();
    await p.getByRole('heading', { level: 1, name: 'Frånvaro och profil' }).waitFor();
    await expectAccessible(p, { javaScriptEnabled });
    await p.getByLabel('Från och med').fill('2027-05-10');
    await p.getByLabel('Till och med').fill('2027-05-07');
    await p.getByRole('button', { name: 'Lägg till frånvaron' }).click();
    await p.getByRole('alert').filter({ hasText: 'Slutdatumet kan inte vara före startdatumet.' }).waitFor();
    expect(await p.getByLabel('Från och med').inputValue()).toBe('2027-05-10');
    await expectAccessible(p, { javaScriptEnabled });

    await p.getByLabel('Till och med').fill('2027-05-12');
    await p.getByRole('button', { name: 'Lägg till frånvaron' }).click();
    await p.getByRole('status').filter({ hasText: 'Frånvaron är sparad.' }).waitFor();
    expect(await p.textContent('main')).toContain('måndag 10 maj – onsdag 12 maj');
    await p.getByRole('button', { name: /Ta bort frånvaron måndag 10 maj/ }).click();
    await p.getByRole('status').filter({ hasText: 'Frånvaron är borttagen.' }).waitFor();
    await p.context().close();
  });
});
