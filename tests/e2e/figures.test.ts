import { describe, expect, test } from 'vitest';
import { seedHistory } from '../../db/seed-history.ts';
import { termOf } from '../../server/contracts/figures.ts';
import { addDays, longDate, stockholmDate } from '../../server/contracts/time.ts';
import { historyCalendar } from '../../server/lib/demo-calendar.ts';
import { browserAvailable, expectAccessible, expectFitsPhone, JS_MODES, signedInPhone, useWebApp, openMenu } from '../helpers/browser.ts';
import { createDistrict, createUser } from '../helpers/factories.ts';

const run = browserAvailable();

describe.skipIf(!run)('Uppföljning on a phone', () => {
  // The suite runs on the real clock: the history is two years ending two months back from it.
  const suite = useWebApp(async ({ db }) => {
    const d = await createDistrict(db);
    for (const name of ['Anna', 'Bo', 'Cia']) await createUser(db, { name, memberships: [{ organisationId: d.team.id, role: 'social_worker' }] });
    await createUser(db, { memberships: [{ organisationId: d.school.id, role: 'pedagogue' }] });
    const lead = await createUser(db, { name: 'Maria Siffra', memberships: [{ organisationId: d.team.id, role: 'team_lead' }] });
    await seedHistory(db, historyCalendar(new Date()), d.team.id);
    return { lead, team: d.team };
  });

  test.each(JS_MODES)('%s: the team lead reads each figure as a chart beside the evaluation\'s, with its numbers in a table, picks a term, and a backwards period is explained', async (_name, javaScriptEnabled) => {
    const { browser, base, lead, team } = suite;
    const page = await signedInPhone(browser, base, lead, javaScriptEnabled);
    await openMenu(page);
    await page.getByRole('link', { name: 'Uppföljning' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Uppföljning' }).waitFor();
    await page.getByRole('heading', { level: 2, name: new RegExp(`^${team.name}, `) }).waitFor();
    // A chart a screen reader can name, the pilot's and ordinary services' values as lines, the numbers term by term.
    await page.getByRole('img', { name: 'Socialsekreterare per familj (medel)' }).waitFor();
    await page.locator('figcaption', { hasText: 'Pilotens värde: 2,0' }).first().waitFor();
    await page.locator('figcaption', { hasText: 'Ordinarie verksamhet: 4,3' }).first().waitFor();
    const table = page.getByRole('table', { name: 'Walk-and-talk-konsultationer, termin för termin' });
    expect(await table.getByRole('row').count()).toBeGreaterThanOrEqual(3);
    await expect(page.getByRole('link', { name: 'Ladda ner siffrorna för Excel (CSV)' }).getAttribute('href')).resolves.toMatch(/^\/api\/figures\.csv\?from=.*&teamId=/);
    await expectAccessible(page, { javaScriptEnabled });
    await expectFitsPhone(page);

    // A term from the picker: the period is the term's.
    const term = termOf(addDays(stockholmDate(new Date()), -200));
    await page.getByLabel('Termin').selectOption(term.key);
    await page.getByRole('button', { name: 'Visa siffrorna' }).click();
    await page.getByRole('heading', { level: 2, name: new RegExp(`${longDate(term.from)} – ${longDate(term.to)}`) }).waitFor();
    expect(Number((await page.locator('#figure-consultations + .value').textContent())!.trim())).toBeGreaterThan(20);

    await page.getByLabel('Termin').selectOption('');
    await page.getByLabel('Från', { exact: true }).fill('2026-06-30');
    await page.getByLabel('Till', { exact: true }).fill('2026-01-01');
    await page.getByRole('button', { name: 'Visa siffrorna' }).click();
    await page.getByText('Slutdatumet kan inte vara före startdatumet.').first().waitFor();
    await expectAccessible(page, { javaScriptEnabled });
    await page.context().close();
  });
});
