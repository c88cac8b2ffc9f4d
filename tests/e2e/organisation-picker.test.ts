import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { App } from '../../server/app.ts';
import { browserAvailable, expectAccessible, launchBrowser, signIn, startWebDistrict, openMenu } from '../helpers/browser.ts';
import { assignContact, createOrganisation, createUser, type TestUser } from '../helpers/factories.ts';
import { uniqueTag } from '../helpers/tag.ts';

const run = browserAvailable();

describe.skipIf(!run)('a person with two workplaces picks one in the top bar, and the choice is kept', () => {
  let app: App;
  let browser: Browser;
  let base: string;
  let both: TestUser;
  let single: TestUser;
  // The contact each school has, by school name.
  const contactOf = new Map<string, string>();

  beforeAll(async () => {
    const started = await startWebDistrict();
    ({ app, base } = started);
    const { db, school, team } = started;
    const other = await createOrganisation(db, { kind: 'school', name: `Norrskolan ${uniqueTag(6)}`, servingTeamId: team.id });
    const anna = await createUser(db, { name: 'Anna Södersson', memberships: [{ organisationId: team.id, role: 'social_worker' }] });
    const nils = await createUser(db, { name: 'Nils Norrsson', memberships: [{ organisationId: team.id, role: 'social_worker' }] });
    await assignContact(db, { organisationId: school.id, userId: anna.id });
    await assignContact(db, { organisationId: other.id, userId: nils.id });
    contactOf.set(school.name, anna.name).set(other.name, nils.name);
    both = await createUser(db, { memberships: [{ organisationId: school.id, role: 'pedagogue' }, { organisationId: other.id, role: 'pedagogue' }] });
    single = await createUser(db, { memberships: [{ organisationId: school.id, role: 'pedagogue' }] });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  test.each([
    ['with JavaScript', true],
    ['without JavaScript', false],
  ])('%s', async (_name, javaScriptEnabled) => {
    const context = await browser.newContext({ javaScriptEnabled, bypassCSP: true, viewport: { width: 360, height: 740 } });
    context.setDefaultTimeout(8_000);
    const page = await context.newPage();
    await signIn(page, base, both);

    const picker = page.getByLabel('Verksamhet', { exact: true });
    const first = (await picker.locator('option:checked').textContent())!.trim();
    const second = [...contactOf.keys()].find((name) => name !== first)!;
    expect(contactOf.has(first)).toBe(true);
    const contacts = page.getByRole('region', { name: `Kontaktpersoner för ${first}` });
    await contacts.getByRole('article', { name: contactOf.get(first)! }).waitFor();
    expect(await page.getByRole('article', { name: contactOf.get(second)! }).count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await expectAccessible(page, { javaScriptEnabled });

await openMenu(page);
    await picker.selectOption({ label: second });
    await page.getByRole('button', { name: 'Byt verksamhet' }).click();
    await page.getByRole('region', { name: `Kontaktpersoner för ${second}` }).getByRole('article', { name: contactOf.get(second)! }).waitFor();
    expect(await page.getByRole('article', { name: contactOf.get(first)! }).count()).toBe(0);
    await expectAccessible(page, { javaScriptEnabled });

    // The choice is kept: Nå någon nu and a later visit show the same organisation.
    await page.getByRole('link', { name: 'Nå någon nu' }).click();
    await page.getByRole('heading', { level: 2, name: `För ${second}` }).waitFor();
    await page.goto(`${base}/`);
    await page.getByRole('region', { name: `Kontaktpersoner för ${second}` }).waitFor();
    expect((await page.getByLabel('Verksamhet', { exact: true }).locator('option:checked').textContent())!.trim()).toBe(second);
    await context.close();

    // Someone with one workplace gets no picker.
    const alone = await browser.newContext({ javaScriptEnabled, bypassCSP: true });
    const p = await alone.newPage();
    await signIn(p, base, single);
    expect(await p.getByLabel('Verksamhet', { exact: true }).count()).toBe(0);
    await alone.close();
  });
});
