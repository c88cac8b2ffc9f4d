import { and, eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { districts, organisations, outbox, users } from '../../db/schema/index.ts';
import { browserAvailable, expectAccessible, expectFitsPhone, JS_MODES, signIn, signedInPhone, useWebApp, openMenu } from '../helpers/browser.ts';
import { createDistrict, createUser } from '../helpers/factories.ts';
import { uniqueTag } from '../helpers/tag.ts';

const run = browserAvailable();

/** A school's 40 staff as Excel saves them; `wrongRow` makes one of them a social worker. */
function staffList(school: string, tag: string, wrongRow?: number) {
  const rows = Array.from({ length: 40 }, (_, i) => `Person ${i + 1} ${tag};p${i + 1}-${tag}@skola.example;${i === wrongRow ? 'socialsekreterare' : 'pedagog'};${school};;`);
  return Buffer.from(`\uFEFFnamn;e-post;roll;verksamhet;avdelning;telefon\r\n${rows.join('\r\n')}\r\n`, 'utf8');
}

describe.skipIf(!run)('Läs in personal: the administrator reads in a school’s staff list', () => {
  const suite = useWebApp(async ({ db }) => {
    const { school } = await createDistrict(db);
    const admin = await createUser(db, { name: 'Ada Admin', memberships: [{ organisationId: null, role: 'admin' }] });
    return { admin, schoolName: school.name };
  });

  test.each(JS_MODES)('%s: a file with a wrong row is refused row by row, the fixed one is checked and written, and an invitee signs in', async (_name, javaScriptEnabled) => {
    const { browser, base, db, admin, schoolName } = suite;
    const tag = uniqueTag(8);
    const page = await signedInPhone(browser, base, admin, javaScriptEnabled);
    await openMenu(page);
    await page.getByRole('link', { name: 'Läs in personal' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Läs in personal' }).waitFor();
    if (javaScriptEnabled) await page.waitForLoadState('networkidle');
    await expectAccessible(page, { javaScriptEnabled });
    await expectFitsPhone(page);

    await page.getByLabel('CSV-fil').setInputFiles({ name: 'personal.csv', mimeType: 'text/csv', buffer: staffList(schoolName, tag, 6) });
    await page.getByRole('button', { name: 'Kontrollera filen' }).click();
    await page.getByText('1 av 40 rader behöver rättas. Inget har sparats.').waitFor();
    await expect(page.getByText(`Rad 8: Roll: ${schoolName} har ingen socialsekreterare.`).isVisible()).resolves.toBe(true);
    await expectAccessible(page, { javaScriptEnabled });
    expect(await db.select({ id: users.id }).from(users).where(eq(users.email, `p1-${tag}@skola.example`))).toEqual([]);

    await page.getByLabel('CSV-fil').setInputFiles({ name: 'personal.csv', mimeType: 'text/csv', buffer: staffList(schoolName, tag) });
    await page.getByRole('button', { name: 'Kontrollera filen' }).click();
    await page.getByText('Alla 40 rader är rätt.').waitFor();
    await page.getByRole('button', { name: 'Lägg upp 40 personer och skicka inbjudningar' }).click();
    await page.getByText('40 personer är upplagda och har fått en inbjudan var.').waitFor();
    await page.context().close();

    // The third person opens the invitation and chooses a password.
    const [invitee] = await db.select({ id: users.id }).from(users).where(eq(users.email, `p3-${tag}@skola.example`));
    const [mail] = await db.select({ text: outbox.text }).from(outbox).where(and(eq(outbox.recipientId, invitee!.id), eq(outbox.kind, 'account.invitation')));
    const token = /nyckel=([A-Za-z0-9_-]+)/.exec(mail!.text)![1];
    const context = await browser.newContext({ javaScriptEnabled, viewport: { width: 360, height: 740 } });
    context.setDefaultTimeout(8_000);
    const invited = await context.newPage();
    await invited.goto(`${base}/valj-losenord?nyckel=${token}`);
    await invited.getByLabel('Nytt lösenord').fill('vinter över åsen');
    await invited.getByLabel('Skriv lösenordet igen').fill('vinter över åsen');
    await invited.getByRole('button', { name: 'Spara lösenordet' }).click();
    await invited.getByText('Ditt lösenord är valt.').waitFor();
    await signIn(invited, base, { email: `p3-${tag}@skola.example`, password: 'vinter över åsen' });
await openMenu(invited);
    await expect(invited.getByText(`Person 3 ${tag}`).first().isVisible()).resolves.toBe(true);
    await context.close();
  });
});

describe.skipIf(!run)('Läs in verksamheter: the administrator reads in a district\'s organisations', () => {
  const suite = useWebApp(async ({ db }) => {
    const admin = await createUser(db, { name: 'Ada Admin', memberships: [{ organisationId: null, role: 'admin' }] });
    const [district] = await db.insert(districts).values({ name: `Husby ${uniqueTag(6)}` }).returning();
    return { admin, district: district! };
  });
  const list = (tag: string, kind = 'förskola') =>
    Buffer.from(`\uFEFFnamn;typ;enhet;team;avdelningar\r\nHusbyteamet ${tag};socialtjänst;;;\r\nHusby förskoleenhet ${tag};förskoleenhet;;Husbyteamet ${tag};\r\nFörskolan Blåbäret ${tag};${kind};Husby förskoleenhet ${tag};Husbyteamet ${tag};Ekorren|Haren\r\n`, 'utf8');

  test.each(JS_MODES)('%s: a wrong kind is refused on its row, the fixed file is checked and written into the chosen district', async (_name, javaScriptEnabled) => {
    const { browser, base, db, admin, district } = suite;
    const tag = uniqueTag(8);
    const page = await signedInPhone(browser, base, admin, javaScriptEnabled);
    await page.goto(`${base}/admin/las-in`);
    await page.getByRole('link', { name: 'Läs in verksamheter i stället' }).click();
    await page.getByRole('heading', { level: 1, name: 'Läs in verksamheter' }).waitFor();
    if (javaScriptEnabled) await page.waitForLoadState('networkidle');
    await expectAccessible(page, { javaScriptEnabled });
    await expectFitsPhone(page);

    await page.getByLabel('Stadsdel').selectOption({ label: district.name });
    await page.getByLabel('CSV-fil').setInputFiles({ name: 'verksamheter.csv', mimeType: 'text/csv', buffer: list(tag, 'dagis') });
    await page.getByRole('button', { name: 'Kontrollera filen' }).click();
    await page.getByText('1 av 3 rader behöver rättas. Inget har sparats.').waitFor();
    await expect(page.getByText(/Rad 4: Typ: Okänd typ "dagis"/).isVisible()).resolves.toBe(true);
    await expectAccessible(page, { javaScriptEnabled });

    await page.getByLabel('Stadsdel').selectOption({ label: district.name });
    await page.getByLabel('CSV-fil').setInputFiles({ name: 'verksamheter.csv', mimeType: 'text/csv', buffer: list(tag) });
    await page.getByRole('button', { name: 'Kontrollera filen' }).click();
    await page.getByText('Alla 3 rader är rätt.').waitFor();
    await page.getByRole('button', { name: 'Lägg upp 3 verksamheter' }).click();
    await page.getByText('3 verksamheter är upplagda.').waitFor();
    const written = await db.select({ name: organisations.name }).from(organisations).where(eq(organisations.districtId, district.id));
    expect(written.map((o) => o.name).filter((n) => n.endsWith(tag)).sort()).toEqual([`Förskolan Blåbäret ${tag}`, `Husby förskoleenhet ${tag}`, `Husbyteamet ${tag}`]);
    await page.context().close();
  });
});
