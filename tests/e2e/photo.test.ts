import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { App } from '../../server/app.ts';
import { browserAvailable, expectAccessible, launchBrowser, signIn, startWebDistrict } from '../helpers/browser.ts';
import { assignContact, createUser, type TestUser } from '../helpers/factories.ts';

const run = browserAvailable();

describe.skipIf(!run)('a social worker uploads a photo and the school sees it on the contact card', () => {
  let app: App;
  let browser: Browser;
  let base: string;
  let worker: TestUser;
  let pedagogue: TestUser;
  let png: Buffer;

  beforeAll(async () => {
    const started = await startWebDistrict();
    ({ app, base } = started);
    const { db, school, team } = started;
    worker = await createUser(db, { name: 'Lina Bildsson', memberships: [{ organisationId: team.id, role: 'social_worker' }] });
    await assignContact(db, { organisationId: school.id, userId: worker.id });
    pedagogue = await createUser(db, { memberships: [{ organisationId: school.id, role: 'pedagogue' }] });
    png = await sharp({ create: { width: 320, height: 240, channels: 3, background: '#2a7a5a' } }).png().toBuffer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function page(javaScriptEnabled: boolean, user: TestUser, width: number): Promise<Page> {
    const context = await browser.newContext({ javaScriptEnabled, bypassCSP: true, viewport: { width, height: 900 } });
    context.setDefaultTimeout(8_000);
    const p = await context.newPage();
    await signIn(p, base, user);
    return p;
  }

  const contactCard = (p: Page) => p.getByRole('article', { name: 'Lina Bildsson' });

  test.each([
    ['with JavaScript', true],
    ['without JavaScript', false],
  ])('%s', async (_name, javaScriptEnabled) => {
    const p = await page(javaScriptEnabled, worker, 1024);
    await p.goto(`${base}/franvaro-och-profil`);
    await p.getByRole('heading', { level: 2, name: 'Din bild' }).waitFor();
    expect(await p.textContent('main')).toContain('Bilden beskärs till en kvadrat, och platsuppgifter');

    // A file that is no picture is refused with the reason beside the field.
    await p.getByLabel('Välj en bild').setInputFiles({ name: 'inte-en-bild.png', mimeType: 'image/png', buffer: Buffer.from('inte en bild') });
    await p.getByRole('button', { name: 'Spara bilden' }).click();
    await p.getByRole('alert').filter({ hasText: 'Välj en JPEG-, PNG- eller WebP-bild.' }).waitFor();
    await expectAccessible(p, { javaScriptEnabled });

    await p.getByLabel('Välj en bild').setInputFiles({ name: 'jag.png', mimeType: 'image/png', buffer: png });
    await p.getByRole('button', { name: 'Spara bilden' }).click();
    await p.getByRole('status').filter({ hasText: 'Bilden är sparad' }).waitFor();
    await p.getByRole('img', { name: 'Din bild som den syns på kontaktkortet' }).waitFor();
    await expectAccessible(p, { javaScriptEnabled });

    // The pedagogue's contact card shows the photo, 64 px, decorative beside the name.
    const q = await page(javaScriptEnabled, pedagogue, 360);
    const photo = contactCard(q).locator('img');
    expect(await photo.count()).toBe(1);
    expect(await photo.getAttribute('src')).toMatch(/^\/api\/users\/[0-9a-f-]+\/photo/);
    expect(await photo.getAttribute('alt')).toBe('');
    await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(256);
    expect(await photo.evaluate((img) => img.getBoundingClientRect().width)).toBe(64);
    expect(await q.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await expectAccessible(q, { javaScriptEnabled });

    await p.getByRole('button', { name: 'Ta bort bilden' }).click();
    await p.getByRole('status').filter({ hasText: 'Bilden är borttagen.' }).waitFor();
    await q.reload();
    await contactCard(q).waitFor();
    expect(await contactCard(q).locator('img').count()).toBe(0);
    expect(await contactCard(q).textContent()).toContain('LB');
    await p.context().close();
    await q.context().close();
  });
});
