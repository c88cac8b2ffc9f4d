import { describe, expect, test } from 'vitest';
import { addDays } from '../../server/contracts/time.ts';
import { browserAvailable, expectAccessible, expectFitsPhone, JS_MODES, signedInPhone, useWebApp, openMenu } from '../helpers/browser.ts';
import { testToday } from '../helpers/clock.ts';
import { createDistrict, createOrganisation, createUser } from '../helpers/factories.ts';

const run = browserAvailable();

/** A working day a week ahead. */
function workingDay() {
  let day = addDays(testToday(), 7);
  while ([0, 6].includes(new Date(`${day}T12:00:00Z`).getUTCDay())) day = addDays(day, 1);
  return day;
}

describe.skipIf(!run)('a partner (BVC) in the browser', () => {
  const suite = useWebApp(async ({ db }) => {
    const d = await createDistrict(db);
    const bvc = await createOrganisation(db, { kind: 'child_health', name: `BVC Råcksta ${d.team.name}`, servingTeamId: d.team.id });
    const nurse = await createUser(db, { name: 'Sara Sjuksköterska', memberships: [{ organisationId: bvc.id, role: 'partner' }] });
    return { nurse, bvc };
  });

  test.each(JS_MODES)('%s: asks the team for a report meeting about the BVC and finds Återkoppling; no walk-and-talk', async (_name, javaScriptEnabled) => {
    const { browser, base, nurse } = suite;
    const page = await signedInPhone(browser, base, nurse, javaScriptEnabled);
    await expect(page.getByRole('link', { name: 'Walk-and-talk' }).count()).resolves.toBe(0);
    await openMenu(page);
    await page.getByRole('link', { name: 'Möten' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Mina möten' }).waitFor();
    await page.getByRole('link', { name: 'Begär möte' }).click();
    await page.getByRole('heading', { level: 1, name: 'Begär möte' }).waitFor();
    await page.getByLabel('Anmälningsmöte').check();
    await page.getByLabel('Kort beteckning').fill(javaScriptEnabled ? 'Barn D, 2 år' : 'Barn E, 3 år');
    await page.getByRole('group', { name: 'Vet vårdnadshavarna om att ni begär mötet?' }).getByLabel('Ja').check();
    const first = page.getByRole('group', { name: 'Tid 1' });
    await first.getByLabel('Datum').fill(workingDay());
    await first.getByLabel('Från kl.').fill(javaScriptEnabled ? '10:00' : '13:00');
    await first.getByLabel('Till kl.').fill(javaScriptEnabled ? '11:00' : '14:00');
    await page.getByRole('button', { name: 'Begär mötet' }).click();
    await page.getByText('Klart! Förfrågan är skickad till teamet.').waitFor();
    await expectAccessible(page, { javaScriptEnabled });
    await expectFitsPhone(page);

    await openMenu(page);
    await page.getByRole('link', { name: 'Återkoppling' }).first().click();
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await expectAccessible(page, { javaScriptEnabled });
    await page.context().close();
  });
});
