import { describe, expect, test } from 'vitest';
import { districts } from '../../db/schema/index.ts';
import { browserAvailable, expectAccessible, expectFitsPhone, JS_MODES, signedInPhone, useWebApp, openMenu } from '../helpers/browser.ts';
import { createDistrict, createUser } from '../helpers/factories.ts';
import { uniqueTag } from '../helpers/tag.ts';

const run = browserAvailable();

describe.skipIf(!run)('Personer: the administrator adds, finds and disables people', () => {
  const suite = useWebApp(async ({ db }) => {
    const { school } = await createDistrict(db);
    const admin = await createUser(db, { name: 'Ada Admin', memberships: [{ organisationId: null, role: 'admin' }] });
    const [district] = await db.insert(districts).values({ name: `Rinkeby ${uniqueTag(6)}` }).returning();
    return { admin, schoolLabel: `${school.name} (Skola)`, districtName: district!.name };
  });

  test.each(JS_MODES)('%s', async (_name, javaScriptEnabled) => {
    const { browser, base, admin, schoolLabel } = suite;
    const page = await signedInPhone(browser, base, admin, javaScriptEnabled);
    await openMenu(page);
    await page.getByRole('link', { name: 'Personer' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Personer' }).waitFor();
    if (javaScriptEnabled) await page.waitForLoadState('networkidle');
    await expectAccessible(page, { javaScriptEnabled });
    await expectFitsPhone(page);

    const name = `Lina Holm ${uniqueTag(6)}`;
    const email = `lina-${uniqueTag(8)}@skola.example`;
    // A social worker in a school: refused in Swedish, what was typed kept.
    await page.getByLabel('Namn', { exact: true }).fill(name);
    await page.getByLabel('E-postadress', { exact: true }).fill(email);
    await page.getByLabel('Verksamhet').selectOption({ label: schoolLabel });
    await page.getByLabel('Roll').selectOption({ label: 'Socialsekreterare' });
    await page.getByRole('button', { name: 'Lägg upp och skicka inbjudan' }).click();
    await page.getByRole('alert').getByText('har ingen socialsekreterare').waitFor();
    await expect(page.getByLabel('Namn', { exact: true }).inputValue()).resolves.toBe(name);
    await expectAccessible(page, { javaScriptEnabled });

    await page.getByLabel('Roll').selectOption({ label: 'Pedagog' });
    await page.getByRole('button', { name: 'Lägg upp och skicka inbjudan' }).click();
    await page.getByText(`${name} är upplagd och har fått en inbjudan till ${email}.`).waitFor();

    await page.getByLabel('Namn eller e-postadress').fill(name);
    await page.getByRole('button', { name: 'Sök', exact: true }).click();
    const row = page.locator('ul.people li', { hasText: name });
    await row.getByText(email).waitFor();
    await expect(row.getByText(`Pedagog, ${schoolLabel.replace(' (Skola)', '')}`).isVisible()).resolves.toBe(true);
    await page.getByRole('button', { name: `Ny inbjudan till ${name}` }).click();
    await page.getByText(`${name} har fått en ny inbjudan med en länk som gäller i sju dagar.`).waitFor();
    await page.getByRole('button', { name: `Stäng av kontot för ${name}` }).click();
    await page.getByText(`Kontot för ${name} är avstängt.`).waitFor();
    await page.getByRole('button', { name: `Öppna igen: kontot för ${name}` }).waitFor();
    await expectAccessible(page, { javaScriptEnabled });

    // A district's administrator belongs to a district, chosen in the same list.
    const dname = `Dan Distrikt ${uniqueTag(6)}`;
    const demail = `dan-${uniqueTag(8)}@stad.example`;
    await page.getByLabel('Namn', { exact: true }).fill(dname);
    await page.getByLabel('E-postadress', { exact: true }).fill(demail);
    await page.getByLabel('Verksamhet').selectOption({ label: `Stadsdel ${suite.districtName} (för en stadsdelsadministratör)` });
    await page.getByLabel('Roll').selectOption({ label: 'Stadsdelsadministratör' });
    await page.getByRole('button', { name: 'Lägg upp och skicka inbjudan' }).click();
    await page.getByText(`${dname} är upplagd och har fått en inbjudan till ${demail}.`).waitFor();
    await page.context().close();
  });
});
