import { describe, expect, test } from 'vitest';
import { browserAvailable, expectAccessible, expectFitsPhone, JS_MODES, signedInPhone, useWebApp } from '../helpers/browser.ts';
import { createDistrict, createUser } from '../helpers/factories.ts';

const run = browserAvailable();

describe.skipIf(!run)('Uppföljning on a phone', () => {
  const suite = useWebApp(async ({ db }) => {
    const d = await createDistrict(db);
    const lead = await createUser(db, { name: 'Maria Siffra', memberships: [{ organisationId: d.team.id, role: 'team_lead' }] });
    return { lead };
  });

  test.each(JS_MODES)('%s: the team lead reads the figures beside the evaluation\'s, small ones hidden, and a backwards period is explained', async (_name, javaScriptEnabled) => {
    const { browser, base, lead } = suite;
    const page = await signedInPhone(browser, base, lead, javaScriptEnabled);
    await page.getByRole('link', { name: 'Uppföljning' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Uppföljning' }).waitFor();
    await page.getByText('Piloten: 2 · Ordinarie: 4,3').waitFor();
    expect(await page.getByText('färre än 5', { exact: true }).count()).toBeGreaterThan(5);
    await expect(page.getByRole('link', { name: 'Ladda ner siffrorna för Excel (CSV)' }).getAttribute('href')).resolves.toMatch(/^\/api\/figures\.csv\?from=/);
    await expectAccessible(page, { javaScriptEnabled });
    await expectFitsPhone(page);

    await page.getByLabel('Från').fill('2026-06-30');
    await page.getByLabel('Till').fill('2026-01-01');
    await page.getByRole('button', { name: 'Visa siffrorna' }).click();
    await page.getByText('Slutdatumet kan inte vara före startdatumet.').first().waitFor();
    await expectAccessible(page, { javaScriptEnabled });
    await page.context().close();
  });
});
