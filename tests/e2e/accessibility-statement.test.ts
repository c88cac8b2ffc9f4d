import { describe, expect, test } from 'vitest';
import { browserAvailable, expectAccessible, expectFitsPhone, JS_MODES, signedInPhone, useWebApp } from '../helpers/browser.ts';
import { createDistrict, createUser } from '../helpers/factories.ts';

const run = browserAvailable();

describe.skipIf(!run)('the accessibility statement', () => {
  const suite = useWebApp(
    async ({ db }) => {
      const d = await createDistrict(db);
      return { lead: await createUser(db, { memberships: [{ organisationId: d.team.id, role: 'team_lead' }] }) };
    },
    undefined,
    { ACCESSIBILITY_CONTACT: 'tillganglighet@vallingby.example' },
  );

  test.each(JS_MODES)('%s: linked from every page\'s footer, readable without signing in, it says how to report and names Digg', async (_name, javaScriptEnabled) => {
    const { browser, base } = suite;
    const context = await browser.newContext({ javaScriptEnabled, bypassCSP: true, viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await page.goto(`${base}/login`);
    await page.getByRole('navigation', { name: 'Om tjänsten' }).getByRole('link', { name: 'Tillgänglighet' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tillgänglighetsredogörelse' }).waitFor();
    expect(page.url()).toBe(`${base}/tillganglighet`);
    for (const heading of ['Hur tillgänglig är tjänsten?', 'Rapportera brister i tjänstens tillgänglighet', 'Tillsyn', 'Innehåll som inte är tillgängligt', 'Hur vi har testat tjänsten']) {
      await page.getByRole('heading', { level: 2, name: heading }).waitFor();
    }
    expect(await page.getByRole('link', { name: 'tillganglighet@vallingby.example' }).first().getAttribute('href')).toBe('mailto:tillganglighet@vallingby.example');
    expect(await page.getByRole('link', { name: 'anmäl bristande tillgänglighet hos Digg' }).getAttribute('href')).toBe('https://www.digg.se/anmal-bristande-tillganglighet');
    await expectAccessible(page, { javaScriptEnabled });
    await expectFitsPhone(page);
    await context.close();
  });

  test.each(JS_MODES)('%s: "Så fungerar Samverkan" has a guide per role, the reader\'s own first', async (_name, javaScriptEnabled) => {
    const { browser, base, lead } = suite;
    const page = await signedInPhone(browser, base, lead, javaScriptEnabled);
    await page.getByRole('navigation', { name: 'Om tjänsten' }).getByRole('link', { name: 'Så fungerar Samverkan' }).click();
    await page.getByRole('heading', { level: 1, name: 'Så fungerar Samverkan' }).waitFor();
    const guides = await page.getByRole('heading', { level: 2 }).allTextContents();
    expect(guides[0]).toBe('För enhetschefen');
    expect(guides).toContain('För dig som är pedagog');
    expect(await page.getByRole('navigation', { name: 'Guider' }).getByRole('listitem').first().textContent()).toContain('(din)');
    await expectAccessible(page, { javaScriptEnabled });
    await expectFitsPhone(page);
    await page.context().close();
  });
});
