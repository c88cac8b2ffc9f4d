import { describe, expect, test } from 'vitest';
import { browserAvailable, expectAccessible, expectFitsPhone, JS_MODES, signedInPhone, useWebApp } from '../helpers/browser.ts';
import { createDistrict, createUser } from '../helpers/factories.ts';

const run = browserAvailable();

describe.skipIf(!run)('a case opened by hand', () => {
  const suite = useWebApp(async ({ db }) => {
    const d = await createDistrict(db);
    const anna = await createUser(db, { name: 'Anna Hand', memberships: [{ organisationId: d.team.id, role: 'social_worker' }] });
    const bo = await createUser(db, { name: 'Bo Träff', memberships: [{ organisationId: d.team.id, role: 'social_worker' }] });
    return { anna, bo, school: d.school };
  });

  test.each(JS_MODES)('%s: a social worker names the school and who met the family; a missing school and a personnummer are explained beside their fields', async (_name, javaScriptEnabled) => {
    const { browser, base, anna, school } = suite;
    const page = await signedInPhone(browser, base, anna, javaScriptEnabled);
    await page.goto(`${base}/arenden`);
    await page.getByRole('link', { name: 'Öppna ett ärende' }).click();
    await page.getByRole('heading', { level: 1, name: 'Öppna ett ärende' }).waitFor();
    await expectAccessible(page, { javaScriptEnabled });
    await expectFitsPhone(page);

    // Nothing chosen: said at the field, the rest kept.
    const label = `Ärende Lönnen ${javaScriptEnabled ? 'J' : 'H'}`;
    await page.getByLabel('Beteckning').fill(label);
    await page.getByRole('button', { name: 'Öppna ärendet' }).click();
    await page.locator('#organisationIds-error').getByText('Välj minst en verksamhet.').waitFor();
    expect(await page.getByLabel('Beteckning').inputValue()).toBe(label);

    // A personnummer in the label is refused.
    await page.getByRole('checkbox', { name: school.name }).check();
    await page.getByLabel('Beteckning').fill('Familjen 19121212-1212');
    await page.getByRole('button', { name: 'Öppna ärendet' }).click();
    await page.locator('#label-error').waitFor();
    await expectAccessible(page, { javaScriptEnabled });

    // Anna is responsible; Bo met the family with her and joins the case.
    await page.getByLabel('Beteckning').fill(label);
    await page.getByRole('group', { name: 'Socialsekreterare på ärendet' }).getByRole('checkbox', { name: 'Bo Träff' }).check();
    await page.getByRole('group', { name: 'Vilka har träffat familjen?' }).getByRole('checkbox', { name: 'Bo Träff' }).check();
    await page.getByRole('button', { name: 'Öppna ärendet' }).click();
    await page.getByRole('heading', { level: 1, name: `Ärende: ${label}` }).waitFor();
    const met = (await page.locator('dt', { hasText: 'Träffade familjen' }).locator('+ dd').textContent())!.split(', ').sort();
    expect(met).toEqual(['Anna Hand', 'Bo Träff']);
    await page.context().close();
  });
});
