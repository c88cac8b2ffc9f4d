import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../../db/client.ts';
import { caseOrganisations, cases, caseWorkers, consents } from '../../db/schema/index.ts';
import type { App } from '../../server/app.ts';
import { addDays } from '../../server/contracts/time.ts';
import { testClock, testToday } from '../helpers/clock.ts';
import { browserAvailable, expectAccessible, expectFitsPhone, launchBrowser, signedInPhone, startWebApp, openMenu } from '../helpers/browser.ts';
import { createDistrict, createUser, setTeamSettings, type TestUser } from '../helpers/factories.ts';
import { privileged } from '../helpers/db.ts';

const run = browserAvailable();

describe.skipIf(!run)('consents and consent-gated feedback in the browser: record → write → read → withdraw', () => {
  let app: App;
  let db: Db;
  let browser: Browser;
  let base: string;
  let team: { id: string };
  let school: { id: string; name: string };
  let anna: TestUser;
  let principal: TestUser;
  const today = testToday();

  beforeAll(async () => {
    const started = await startWebApp();
    ({ app, base, db } = started);
    ({ team, school } = await createDistrict(db));
    await setTeamSettings(db, team.id);
    anna = await createUser(db, { name: 'Anna Samtycke', memberships: [{ organisationId: team.id, role: 'social_worker' }] });
    principal = await createUser(db, { name: 'Rut Rektor', memberships: [{ organisationId: school.id, role: 'principal' }] });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  /** A case about the school, which reported; Anna is its responsible social worker. */
  async function openCase(label: string) {
    // Opened now on the app's clock, as the app opens cases: the database's own now() is another day under TEST_NOW.
    const [c] = await db.insert(cases).values({ teamId: team.id, label, createdBy: anna.id, createdAt: testClock.now() }).returning({ id: cases.id });
    await db.insert(caseOrganisations).values({ caseId: c!.id, organisationId: school.id, reporter: true });
    await db.insert(caseWorkers).values({ caseId: c!.id, userId: anna.id, responsible: true });
    return c!.id;
  }

  const phone = (user: TestUser, javaScriptEnabled = true) => signedInPhone(browser, base, user, javaScriptEnabled);
  const fitsPhone = expectFitsPhone;
  const open = async (page: Page, path: string) => {
    await page.goto(`${base}${path}`);
    await page.waitForLoadState('networkidle');
  };

  test.each([
    ['without JavaScript', false, 'Familjen S'],
    ['with JavaScript', true, 'Familjen T'],
  ])('a worker records a consent and writes; the principal reads and marks it read; after the withdrawal the school sees only that it ended (%s)', async (_name, javaScriptEnabled, label) => {
    const caseId = await openCase(label);
    const body = `Familjen har börjat i föräldrastödet (${label}).`;

    const worker = await phone(anna, javaScriptEnabled);
    await open(worker, `/arenden/${caseId}?visa=samtycke`);
    await worker.getByRole('heading', { level: 1, name: `Ärende: ${label}` }).waitFor();
    await worker.getByText('Inga samtycken är registrerade.', { exact: false }).waitFor();
    await expectAccessible(worker, { javaScriptEnabled });
    await worker.getByRole('group', { name: 'Vad får delas?' }).getByLabel('Insatsens förlopp').check();
    await worker.getByRole('group', { name: 'Vad får delas?' }).getByLabel('Närvaro').check();
    await worker.getByRole('group', { name: 'Hur många vårdnadshavare har samtyckt?' }).getByLabel('Två').check();
    await worker.getByRole('button', { name: 'Registrera samtycket' }).click();
    // Forgetting how it was given is said beside the field, and the ticked boxes stay ticked.
    await worker.getByText('Välj om samtycket gavs skriftligt eller muntligt.').first().waitFor();
    await expectAccessible(worker, { javaScriptEnabled });
    expect(await worker.getByRole('group', { name: 'Vad får delas?' }).getByLabel('Närvaro').isChecked()).toBe(true);
    await worker.getByRole('group', { name: 'Hur många vårdnadshavare har samtyckt?' }).getByLabel('Två').check();
    await worker.getByRole('group', { name: 'Hur gav familjen samtycket?' }).getByLabel('Skriftligt').check();
    await worker.getByRole('button', { name: 'Registrera samtycket' }).click();
    await worker.getByText('Samtycket är registrerat. Skriv ut kvittot och ge det till familjen.').waitFor();
    await worker.getByText(/Gäller till \d/).first().waitFor();
    await fitsPhone(worker);
    await expectAccessible(worker, { javaScriptEnabled });

    // The guard refuses a personnummer and keeps what was typed; then the message goes.
    await worker.getByText('Skriv om insatsens förlopp').click();
    await worker.getByLabel('Nytt meddelande om insatsens förlopp').fill('Eleven 120315-1234 mår bättre.');
    await worker.getByRole('button', { name: 'Skicka meddelandet om insatsens förlopp' }).click();
    await worker.getByRole('alert').getByText(/ser ut att innehålla ett personnummer/).waitFor();
    expect(await worker.getByLabel('Nytt meddelande om insatsens förlopp').inputValue()).toBe('Eleven 120315-1234 mår bättre.');
    await expectAccessible(worker, { javaScriptEnabled });
    await worker.getByLabel('Nytt meddelande om insatsens förlopp').fill(body);
    await worker.getByRole('button', { name: 'Skicka meddelandet om insatsens förlopp' }).click();
    await worker.getByText('Meddelandet är skickat. Rektor och elevhälsa ser det under Återkoppling.').waitFor();
    await worker.getByText(body).waitFor();
    await worker.getByText('Inte läst än').first().waitFor();
    await expectAccessible(worker, { javaScriptEnabled });
    await worker.context().close();

    const rektor = await phone(principal, javaScriptEnabled);
    expect(await rektor.locator('header nav a[href="/aterkoppling"]').count()).toBe(1);
    await open(rektor, '/aterkoppling');
    await rektor.getByRole('heading', { level: 1, name: 'Återkoppling' }).waitFor();
    const entry = rektor.getByRole('article', { name: label });
    await entry.getByText('1 oläst meddelande').waitFor();
    await fitsPhone(rektor);
    await expectAccessible(rektor, { javaScriptEnabled });
    await entry.getByRole('link', { name: label }).click();
    await rektor.getByRole('heading', { level: 1, name: `Återkoppling: ${label}` }).waitFor();
    await rektor.getByText(body).waitFor();
    await expectAccessible(rektor, { javaScriptEnabled });
    await rektor.getByRole('button', { name: /^Markera som läst: meddelandet från Anna Samtycke/ }).click();
    await rektor.getByText(/^Meddelandet är markerat som läst\./).waitFor();
    await rektor.getByText(/Läst av Rut Rektor/).waitFor();
    await fitsPhone(rektor);
    await expectAccessible(rektor, { javaScriptEnabled });
    // Without JavaScript the address still names the last action; the page itself is what counts.
    const threadUrl = rektor.url().replace(/[?&]\/\w+$/, '');

    const again = await phone(anna, javaScriptEnabled);
    await open(again, `/arenden/${caseId}?visa=samtycke`);
    await again.getByText(/Läst av Rut Rektor/).waitFor();
    await again.getByLabel('Varför återkallas samtycket?').fill('Vårdnadshavarna ringde och återkallade.');
    await again.getByRole('button', { name: /^Återkalla samtycket/ }).click();
    await again.getByText('Samtycket är återkallat. Från och med nu delas ingenting mer inom det.').waitFor();
    await again.getByText(/Återkallat \d/).first().waitFor();
    await expectAccessible(again, { javaScriptEnabled });
    await again.context().close();

    // From this instant the school reads nothing: not the thread, not even a link to it.
    await rektor.goto(threadUrl);
    await rektor.getByText('Samtycket gäller inte längre').waitFor();
    expect(await rektor.getByText(body).count()).toBe(0);
    await expectAccessible(rektor, { javaScriptEnabled });
    await open(rektor, '/aterkoppling');
    await rektor.getByRole('article', { name: label }).getByText('Samtycket gäller inte längre').waitFor();
    expect(await rektor.getByRole('link', { name: label }).count()).toBe(0);
    await expectAccessible(rektor, { javaScriptEnabled });
    await rektor.context().close();
  }, 120_000);

  test('the receipt reads in Swedish and in English, and prints without the menu and buttons', async () => {
    const caseId = await openCase('Familjen K');
    await privileged(db, (tx) =>
      tx.insert(consents).values({
        caseId,
        organisationId: school.id,
        teamId: team.id,
        scopes: ['intervention_progress', 'attendance'],
        parties: [{ role: 'guardian' }, { role: 'child' }],
        form: 'verbal',
        validFrom: today,
        validUntil: addDays(today, 60),
        recordedBy: anna.id,
      }),
    );
    const page = await phone(anna);
    await open(page, `/arenden/${caseId}?visa=samtycke`);
    await page.getByRole('link', { name: /^Skriv ut kvitto/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Kvitto på samtycke' }).waitFor();
    expect(await page.locator('main [lang="sv"] h1').count()).toBe(1);
    await page.getByText('Du kan ta tillbaka samtycket när du vill').waitFor();
    await page.getByText('Ring Anna Samtycke på', { exact: false }).waitFor();
    await page.getByText('Vårdnadshavare:').waitFor();
    await fitsPhone(page);
    await expectAccessible(page);

    // On paper: the receipt alone, without the menu, the header or the print button.
    const menu = page.locator('nav[aria-label="Huvudmeny"]');
    const printButton = page.locator('main button');
    const printed = async () => {
await openMenu(page);
      expect(await menu.isVisible()).toBe(true);
      expect(await printButton.isVisible()).toBe(true);
      await page.emulateMedia({ media: 'print' });
      expect(await menu.isVisible()).toBe(false);
      expect(await page.locator('header.site-header').isVisible()).toBe(false);
      expect(await printButton.isVisible()).toBe(false);
      expect(await page.getByRole('heading', { level: 1 }).isVisible()).toBe(true);
      await page.emulateMedia({ media: 'screen' });
    };
    await printed();

    await page.getByRole('link', { name: 'In English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Receipt for your consent' }).waitFor();
    expect(await page.locator('main [lang="en"] h1').count()).toBe(1);
    await page.getByText('You can take back your consent at any time').waitFor();
    await page.getByText('Attendance: whether your child is at school or preschool.').waitFor();
    await fitsPhone(page);
    await expectAccessible(page);
    await printed();
    await page.getByRole('link', { name: 'På svenska' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kvitto på samtycke' }).waitFor();
    await page.context().close();
  }, 60_000);

  test('a reporter waiting for statutory feedback is listed under Ärenden until the worker answers, and the school sees the answer', async () => {
    await openCase('Familjen P');
    const page = await phone(anna);
    await open(page, '/arenden');
    const waiting = page.getByRole('region', { name: 'Väntar på återkoppling till anmälare' });
    await waiting.getByRole('link', { name: 'Familjen P' }).waitFor();
    await waiting.getByText('sedan i dag').first().waitFor();
    await expectAccessible(page);
    await waiting.getByRole('link', { name: 'Familjen P' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ärende: Familjen P' }).waitFor();
    await page.getByRole('button', { name: `Skicka återkopplingen till ${school.name}` }).click();
    await page.getByText('Välj ett av de tre svaren.').first().waitFor();
    await page.getByRole('group', { name: `Vad ska ${school.name} få veta?` }).getByLabel('Utredning inleds inte').check();
    await page.getByRole('button', { name: `Skicka återkopplingen till ${school.name}` }).click();
    await page.getByText('Återkopplingen är skickad. Anmälaren ser den under Återkoppling.').waitFor();
    await page.getByText(/^Utredning inleds inte, /).waitFor();
    await expectAccessible(page);
    await open(page, '/arenden');
    await page.getByRole('heading', { level: 1, name: 'Ärenden' }).waitFor();
    expect(await waiting.getByRole('link', { name: 'Familjen P' }).count()).toBe(0);
    await page.context().close();

    const rektor = await phone(principal);
    await open(rektor, '/aterkoppling');
    await rektor.getByText(/^Återkoppling till anmälare: Utredning inleds inte, /).first().waitFor();
    await rektor.context().close();
  }, 60_000);
});
