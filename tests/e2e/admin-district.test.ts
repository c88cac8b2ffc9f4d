import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { districts, organisations } from '../../db/schema/index.ts';
import { browserAvailable, expectAccessible, expectFitsPhone, JS_MODES, signedInPhone, useWebApp, openMenu } from '../helpers/browser.ts';
import { createDistrict, createUser } from '../helpers/factories.ts';
import { uniqueTag } from '../helpers/tag.ts';

const run = browserAvailable();

describe.skipIf(!run)('a district’s administrator in the browser', () => {
  const suite = useWebApp(async ({ db }) => {
    const tag = uniqueTag(6);
    const [own] = await db.insert(districts).values({ name: `Spånga ${tag}` }).returning();
    const [other] = await db.insert(districts).values({ name: `Skärholmen ${tag}` }).returning();
    const mine = await createDistrict(db);
    const theirs = await createDistrict(db);
    for (const o of [mine.team, mine.school]) await db.update(organisations).set({ districtId: own!.id }).where(eq(organisations.id, o.id));
    for (const o of [theirs.team, theirs.school]) await db.update(organisations).set({ districtId: other!.id }).where(eq(organisations.id, o.id));
    const dina = await createUser(db, { name: 'Dina Distrikt', memberships: [{ organisationId: null, role: 'district_admin', districtId: own!.id }] });
    return { dina, mine, theirs, ownName: own!.name };
  });

  test.each(JS_MODES)('%s: sees and staffs their own district only, and makes no districts', async (_name, javaScriptEnabled) => {
    const { browser, base, dina, mine, theirs, ownName } = suite;
    const page = await signedInPhone(browser, base, dina, javaScriptEnabled);
    await openMenu(page);
    await page.getByRole('link', { name: 'Verksamheter' }).first().click();
    await page.getByRole('heading', { name: `Verksamheter i ${ownName}` }).waitFor();
    await expect(page.getByText(mine.school.name).first().isVisible()).resolves.toBe(true);
    await expect(page.getByText(theirs.school.name).count()).resolves.toBe(0);
    await expect(page.getByRole('heading', { name: 'Lägg upp en stadsdel' }).count()).resolves.toBe(0);
    await expectAccessible(page, { javaScriptEnabled });
    await expectFitsPhone(page);

    await openMenu(page);
    await page.getByRole('link', { name: 'Personer' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Personer' }).waitFor();
    const options = await page.getByLabel('Verksamhet').locator('option').allTextContents();
    expect(options.some((o) => o.startsWith(mine.school.name))).toBe(true);
    expect(options.some((o) => o.startsWith(theirs.school.name))).toBe(false);
    const name = `Sam Spånga ${uniqueTag(6)}`;
    await page.getByLabel('Namn', { exact: true }).fill(name);
    await page.getByLabel('E-postadress', { exact: true }).fill(`${uniqueTag(8)}@spanga.example`);
    await page.getByLabel('Verksamhet').selectOption({ label: `${mine.school.name} (Skola)` });
    await page.getByLabel('Roll').selectOption({ label: 'Pedagog' });
    await page.getByRole('button', { name: 'Lägg upp och skicka inbjudan' }).click();
    await page.getByText(`${name} är upplagd`).waitFor();
    await expectAccessible(page, { javaScriptEnabled });
    await page.context().close();
  });
});
