import { and, desc, eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { outbox } from '../../db/schema/index.ts';
import { browserAvailable, expectAccessible, expectFitsPhone, JS_MODES, signIn, useWebApp, openMenu } from '../helpers/browser.ts';
import { createDistrict, createUser, type TestUser } from '../helpers/factories.ts';

const run = browserAvailable();

describe.skipIf(!run)('Glömt lösenordet, in a real browser', () => {
  const suite = useWebApp(async ({ db }) => {
    const { school } = await createDistrict(db);
    const people: TestUser[] = [];
    for (const name of ['Emma Sandberg', 'Johan Ek']) people.push(await createUser(db, { name, memberships: [{ organisationId: school.id, role: 'pedagogue' }] }));
    return { people };
  });

  /** The link in the newest reset mail to the person, as they would click it. */
  async function linkFor(person: TestUser) {
    const { db, base } = suite;
    const [mail] = await db.select({ text: outbox.text }).from(outbox).where(and(eq(outbox.recipientId, person.id), eq(outbox.kind, 'account.reset'))).orderBy(desc(outbox.id)).limit(1);
    const token = /\/valj-losenord\?nyckel=([A-Za-z0-9_-]+)/.exec(mail?.text ?? '')?.[1];
    expect(token).toBeTruthy();
    return `${base}/valj-losenord?nyckel=${token}`;
  }

  test.each(JS_MODES.map(([name, js], i) => [name, js, i] as const))('%s: a pedagogue asks for a link, chooses a new password, signs in with it, and the link is spent', async (_name, javaScriptEnabled, i) => {
    const { browser, base, people } = suite;
    const person = people[i]!;
    const context = await browser.newContext({ javaScriptEnabled, bypassCSP: true, viewport: { width: 360, height: 740 } });
    context.setDefaultTimeout(8_000);
    const page = await context.newPage();
    const settled = async () => {
      if (javaScriptEnabled) await page.waitForLoadState('networkidle');
    };

    await page.goto(`${base}/login`);
    await settled();
    await page.getByRole('link', { name: 'Glömt lösenordet?' }).click();
    await page.getByRole('heading', { level: 1, name: 'Glömt lösenordet' }).waitFor();
    await settled();
    await expectAccessible(page, { javaScriptEnabled });
    await expectFitsPhone(page);
    await page.getByLabel('E-postadress').fill(person.email);
    await page.getByRole('button', { name: 'Skicka länk' }).click();
    await page.getByText(`Om ${person.email} finns hos oss har vi skickat ett brev med en länk.`).waitFor();

    const link = await linkFor(person);
    await page.goto(link);
    await page.getByRole('heading', { level: 1, name: 'Välj lösenord' }).waitFor();
    await settled();
    await expectAccessible(page, { javaScriptEnabled });
    await expectFitsPhone(page);
    const newPassword = `blå tekanna vid ${['fjorden', 'sjön'][i]}`;
    await page.getByLabel('Nytt lösenord').fill(newPassword);
    await page.getByLabel('Skriv lösenordet igen').fill(`${newPassword}x`);
    await page.getByRole('button', { name: 'Spara lösenordet' }).click();
    await page.getByRole('alert').getByText('Lösenorden är inte lika').waitFor();
    await expectAccessible(page, { javaScriptEnabled });
    await page.getByLabel('Nytt lösenord').fill(newPassword);
    await page.getByLabel('Skriv lösenordet igen').fill(newPassword);
    await page.getByRole('button', { name: 'Spara lösenordet' }).click();
    await page.getByText('Ditt lösenord är valt. Logga in med det.').waitFor();

    await signIn(page, base, { email: person.email, password: newPassword });
    await openMenu(page);
    await expect(page.getByRole('button', { name: 'Logga ut' }).isVisible()).resolves.toBe(true);

    // The same link again, in another browser: spent, with the way to a new one.
    const other = await browser.newContext({ javaScriptEnabled, viewport: { width: 360, height: 740 } });
    other.setDefaultTimeout(8_000);
    const again = await other.newPage();
    await again.goto(link);
    await again.getByLabel('Nytt lösenord').fill('en helt annan mening');
    await again.getByLabel('Skriv lösenordet igen').fill('en helt annan mening');
    await again.getByRole('button', { name: 'Spara lösenordet' }).click();
    await again.getByRole('alert').getByText('Länken har redan använts eller har gått ut.').waitFor();
    await expect(again.getByRole('link', { name: 'Be om en ny länk' }).isVisible()).resolves.toBe(true);
    await other.close();
    await context.close();
  });
});
