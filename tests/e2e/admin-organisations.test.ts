import { describe, expect, test } from 'vitest';
import { browserAvailable, expectAccessible, expectFitsPhone, JS_MODES, signedInPhone, useWebApp, openMenu } from '../helpers/browser.ts';
import { createUser } from '../helpers/factories.ts';
import { uniqueTag } from '../helpers/tag.ts';

const run = browserAvailable();

describe.skipIf(!run)('Verksamheter: the administrator sets up a district in the browser', () => {
  const suite = useWebApp(async ({ db }) => ({ admin: await createUser(db, { name: 'Ada Admin', memberships: [{ organisationId: null, role: 'admin' }] }) }));

  test.each(JS_MODES)('%s: a district, its team and a school with sections; a name taken is refused; the school is renamed and archived', async (_name, javaScriptEnabled) => {
    const { browser, base, admin } = suite;
    const tag = uniqueTag(6);
    const page = await signedInPhone(browser, base, admin, javaScriptEnabled);
    const settled = async () => {
      if (javaScriptEnabled) await page.waitForLoadState('networkidle');
    };
    await openMenu(page);
    await page.getByRole('link', { name: 'Verksamheter' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Verksamheter' }).waitFor();
    await settled();

    await page.getByLabel('Stadsdelens namn').fill(`Bromma ${tag}`);
    await page.getByRole('button', { name: 'Lägg upp stadsdelen' }).click();
    await page.getByText(`Stadsdelen Bromma ${tag} är upplagd.`).waitFor();
    await page.getByLabel('Stadsdel', { exact: true }).selectOption({ label: `Bromma ${tag}` });
    await page.getByRole('button', { name: 'Visa', exact: true }).click();
    await page.getByRole('heading', { name: `Verksamheter i Bromma ${tag}` }).waitFor();
    await settled();
    await expectAccessible(page, { javaScriptEnabled });
    await expectFitsPhone(page);

    await page.getByLabel('Namn', { exact: true }).fill(`Brommateamet ${tag}`);
    await page.getByLabel('Slags verksamhet').selectOption({ label: 'Socialtjänstens team' });
    await page.getByRole('button', { name: 'Lägg upp verksamheten' }).click();
    await page.getByText(`Brommateamet ${tag} är upplagd.`).waitFor();
    await settled();

    await page.getByLabel('Namn', { exact: true }).fill(`Brommaskolan ${tag}`);
    await page.getByLabel('Slags verksamhet').selectOption({ label: 'Skola' });
    await page.getByLabel('Team som betjänar den (frivilligt)').selectOption({ label: `Brommateamet ${tag}` });
    await page.getByLabel('Avdelningar eller stadier (frivilligt)').fill('F–3\n4–6');
    await page.getByRole('button', { name: 'Lägg upp verksamheten' }).click();
    await page.getByText(`Brommaskolan ${tag} är upplagd.`).waitFor();
    await settled();
    const school = page.locator('ul.orgs li', { hasText: `Brommaskolan ${tag}` });
    await expect(school.getByText(`Skola · betjänas av Brommateamet ${tag}`).isVisible()).resolves.toBe(true);
    await expect(school.getByText('F–3, 4–6').isVisible()).resolves.toBe(true);

    // The same name again, in other letters: refused, what was typed kept.
    await page.getByLabel('Namn', { exact: true }).fill(`BROMMASKOLAN ${tag}`);
    await page.getByLabel('Slags verksamhet').selectOption({ label: 'Skola' });
    await page.getByRole('button', { name: 'Lägg upp verksamheten' }).click();
    await page.getByRole('alert').getByText('Det finns redan en verksamhet som heter').waitFor();
    await expectAccessible(page, { javaScriptEnabled });

    await school.getByText(`Ändra Brommaskolan ${tag}`).click();
    await school.getByLabel('Nytt namn').fill(`Nya Brommaskolan ${tag}`);
    await school.getByRole('button', { name: 'Byt namn' }).click();
    await page.getByText(`Verksamheten heter nu Nya Brommaskolan ${tag}.`).waitFor();
    await settled();
    const renamed = page.locator('ul.orgs li', { hasText: `Nya Brommaskolan ${tag}` });
    // With JavaScript the form answers in place and its "Ändra" stays open; after a reload it is closed.
    if (!(await renamed.locator('details').evaluate((d) => (d as HTMLDetailsElement).open))) await renamed.getByText(`Ändra Nya Brommaskolan ${tag}`).click();
    await renamed.getByRole('button', { name: `Arkivera Nya Brommaskolan ${tag}` }).click();
    await page.getByText(`Nya Brommaskolan ${tag} är arkiverad.`).waitFor();
    await expect(page.locator('ul.orgs li', { hasText: `Nya Brommaskolan ${tag}` }).getByText('Arkiverad').isVisible()).resolves.toBe(true);
    await page.context().close();
  });
});
