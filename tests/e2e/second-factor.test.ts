import { Secret, TOTP } from 'otpauth';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { browserAvailable, expectAccessible, expectFitsPhone, JS_MODES, useWebApp, openMenu } from '../helpers/browser.ts';
import { createOrganisation, createUser } from '../helpers/factories.ts';

const run = browserAvailable();

// Codes do not depend on the calendar: the app runs on the real clock here (not the tests' shared
// one, which the date suites move), and the test computes codes on the same.
const clock = { now: () => new Date() };
const codeNow = (secret: string) => new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({ timestamp: clock.now().getTime() });

async function passwordStep(page: Page, base: string, user: { email: string; password: string }) {
  await page.goto(`${base}/login`);
  await page.waitForLoadState('networkidle');
  await page.getByLabel('E-postadress').fill(user.email);
  await page.getByLabel('Lösenord').fill(user.password);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Tvåstegsverifiering' }).waitFor();
}

describe.skipIf(!run)('a second factor in the browser', () => {
  const suite = useWebApp(
    async ({ db }) => {
      const team = await createOrganisation(db, { kind: 'social_services' });
      const workers = await Promise.all([0, 1].map(() => createUser(db, { memberships: [{ organisationId: team.id, role: 'social_worker' }] })));
      return { workers };
    },
    clock,
    { MFA_REQUIRED_ROLES: 'social_worker' },
  );

  test.each(JS_MODES)('%s: a social worker sets up the app at sign-in, saves the recovery codes, and later signs in with one', async (_name, javaScriptEnabled) => {
    const { browser, base, workers } = suite;
    const worker = workers[javaScriptEnabled ? 0 : 1]!;
    const context = await browser.newContext({ javaScriptEnabled, bypassCSP: true, viewport: { width: 360, height: 740 } });
    context.setDefaultTimeout(8_000);
    const page = await context.newPage();
    await passwordStep(page, base, worker);
    await expect(page.getByRole('img', { name: 'QR-kod för att lägga till Samverkan i appen' }).isVisible()).resolves.toBe(true);
    await expectAccessible(page, { javaScriptEnabled });
    await expectFitsPhone(page);
    const secret = (await page.locator('.secret code').textContent())!.replace(/\s/g, '');

    // A mistyped code keeps the QR code and says what went wrong.
    await page.getByLabel('Kod', { exact: true }).fill('000000' === codeNow(secret) ? '111111' : '000000');
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.getByText('Koden stämmer inte.').first().waitFor();
    expect((await page.locator('.secret code').textContent())!.replace(/\s/g, '')).toBe(secret);

    await page.getByLabel('Kod', { exact: true }).fill(codeNow(secret));
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Spara dina reservkoder' }).waitFor();
    const codes = await page.locator('ol[aria-label="Spara dina reservkoder"] code').allTextContents();
    expect(codes).toHaveLength(10);
    await expectAccessible(page, { javaScriptEnabled });
    await expectFitsPhone(page);
    await page.getByRole('link', { name: 'Jag har sparat koderna – fortsätt' }).click();
    await openMenu(page);
    await page.getByRole('button', { name: 'Logga ut' }).click();
    await page.getByText('Du är utloggad.').waitFor();

    // The phone is lost: a recovery code signs her in.
    await passwordStep(page, base, worker);
    await expect(page.getByRole('img').count()).resolves.toBe(0);
    await page.getByLabel('Kod', { exact: true }).fill(codes[0]!);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.getByRole('button', { name: 'Logga ut', includeHidden: true }).waitFor({ state: 'attached' });

    await page.goto(`${base}/installningar/tvastegsverifiering`);
    await page.getByText('Tvåstegsverifiering är påslagen. Du har 9 reservkoder kvar.').waitFor();
    await page.getByText('Din roll kräver tvåstegsverifiering.').waitFor();
    await expect(page.getByRole('heading', { name: 'Stäng av tvåstegsverifiering' }).count()).resolves.toBe(0);
    await expectAccessible(page, { javaScriptEnabled });
    await context.close();
  });
});
