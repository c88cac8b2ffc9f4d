import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { browserAvailable, expectAccessible, expectFitsPhone, JS_MODES, launchBrowser, startWebApp, openMenu } from '../helpers/browser.ts';
import { createOrganisation, createUser, type TestUser } from '../helpers/factories.ts';
import { startOidcProvider, type OidcProvider } from '../helpers/oidc.ts';
import { freePort } from '../helpers/ports.ts';

const run = browserAvailable();

// A free loopback port (freePort): the provider must know the app's callback address before the app starts.
describe.skipIf(!run)('"Logga in med stadens konto" in the browser', () => {
  let provider: OidcProvider;
  let started: Awaited<ReturnType<typeof startWebApp>>;
  let browser: Browser;
  let principal: TestUser;
  beforeAll(async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    provider = await startOidcProvider(`${base}/api/auth/oidc/callback`);
    started = await startWebApp(undefined, { PUBLIC_URL: base, ...provider.env }, port);
    const school = await createOrganisation(started.db, { kind: 'school' });
    principal = await createUser(started.db, { name: 'Rut Rektor', memberships: [{ organisationId: school.id, role: 'principal' }] });
    provider.accounts.set(`sub-${principal.id}`, { email: principal.email, email_verified: true });
    provider.accounts.set('okand', { email: 'okand@stad.example', email_verified: true });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await started?.app.close();
    await provider?.close();
  });

  test.each(JS_MODES)('%s: a registered person signs in with the city account and lands where they were going; an unknown one is told why', async (_name, javaScriptEnabled) => {
    const context = await browser.newContext({ javaScriptEnabled, bypassCSP: true, viewport: { width: 360, height: 740 } });
    context.setDefaultTimeout(8_000);
    const page = await context.newPage();
    await page.goto(`${started.base}/installningar`);
    await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
    await expectAccessible(page, { javaScriptEnabled });
    await expectFitsPhone(page);

    provider.signInAs(`sub-${principal.id}`);
    await page.getByRole('link', { name: 'Logga in med stadens konto' }).click();
    await page.getByRole('button', { name: 'Logga ut', includeHidden: true }).waitFor({ state: 'attached' });
    expect(new URL(page.url()).pathname).toBe('/installningar');
    await openMenu(page);
    await page.getByRole('button', { name: 'Logga ut' }).click();
    await page.getByText('Du är utloggad.').waitFor();

    await context.close();

    // Another browser (the provider's own session would sign Rut in again, as single sign-on does).
    const other = await browser.newContext({ javaScriptEnabled, bypassCSP: true, viewport: { width: 360, height: 740 } });
    other.setDefaultTimeout(8_000);
    const stranger = await other.newPage();
    await stranger.goto(`${started.base}/login`);
    provider.signInAs('okand');
    await stranger.getByRole('link', { name: 'Logga in med stadens konto' }).click();
    await stranger.getByText('det finns inget aktivt konto i Samverkan för dig').waitFor();
    await expect(stranger.getByRole('button', { name: 'Logga ut', includeHidden: true }).count()).resolves.toBe(0);
    await expectAccessible(stranger, { javaScriptEnabled });
    await other.close();
  });
});
