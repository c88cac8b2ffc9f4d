import { describe, expect, test } from 'vitest';
import { browserAvailable, expectAccessible, expectFitsPhone, JS_MODES, signedInPhone, useWebApp } from '../helpers/browser.ts';
import { asUser } from '../helpers/app.ts';
import { createDistrict, createUser } from '../helpers/factories.ts';

const run = browserAvailable();

describe.skipIf(!run)('the case\'s path on the case page', () => {
  const suite = useWebApp(async ({ app, db }) => {
    const d = await createDistrict(db);
    const anna = await createUser(db, { name: 'Anna Väg', memberships: [{ organisationId: d.team.id, role: 'social_worker' }] });
    const headers = await asUser(app, anna);
    const caseIds: string[] = [];
    for (const label of ['Familjen V', 'Familjen W']) {
      const res = await app.inject({ method: 'POST', url: '/api/cases', headers, payload: { label, organisationIds: [d.school.id], workerIds: [anna.id] } });
      caseIds.push(res.json().id);
    }
    return { anna, caseIds };
  });

  test.each(JS_MODES)('%s: a social worker records the report, and a date in the future is explained beside the field', async (_name, javaScriptEnabled) => {
    const { browser, base, anna, caseIds } = suite;
    const page = await signedInPhone(browser, base, anna, javaScriptEnabled);
    await page.goto(`${base}/arenden/${caseIds[javaScriptEnabled ? 0 : 1]}`);
    // The case opens on its overview; the path is one of its parts.
    await page.getByRole('navigation', { name: 'Ärendets delar' }).getByRole('link', { name: 'Väg' }).click();
    await page.getByRole('heading', { name: 'Ärendets väg' }).waitFor();
    await page.getByText('Inga steg registrerade än.').waitFor();
    // Only the first step is offered on a new case.
    expect(await page.getByLabel('Vad har hänt?').locator('option').allTextContents()).toEqual(['Välj nästa steg', 'Anmälan kom in']);
    await page.getByLabel('Vad har hänt?').selectOption({ label: 'Anmälan kom in' });
    await page.getByRole('button', { name: 'Registrera steget' }).click();
    await page.getByText('Steget är registrerat.').first().waitFor();
    await page.getByRole('listitem').filter({ hasText: 'Anmälan kom in' }).first().waitFor();

    // A date in the future is refused and said beside the field.
    await page.getByLabel('Vad har hänt?').selectOption({ label: 'Utredning inleddes' });
    await page.getByLabel('Datum').fill('2099-01-01');
    await page.getByRole('button', { name: 'Registrera steget' }).click();
    await page.getByText('Datumet ligger i framtiden. Registrera steget när det har hänt.').first().waitFor();
    await expectAccessible(page, { javaScriptEnabled });
    await expectFitsPhone(page);
    await page.getByRole('heading', { name: 'Vilka har arbetat med familjen' }).waitFor();
    await page.getByText(/Anna Väg, ansvarig: .*–nu/).waitFor();
    await page.context().close();
  });
});
