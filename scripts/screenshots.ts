// Screenshots of each demo role's start page at 360 px (a phone) and 1280 px (a desktop), for
// docs/screenshots/ and the README. Starts the app on a fresh embedded demo district and drives
// Debian's Chromium. Run with `npm run screenshots` after `npm run build`.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { start } from '../bench/start.ts';
import { DEMO_PASSWORD } from '../db/demo-district.ts';

const ROLES = [
  ['pedagog', 'pedagog1@vallingbyskolan.example'],
  ['rektor', 'rektor@vallingbyskolan.example'],
  ['forskolechef', 'forskolechef@vallingbyforskolor.example'],
  ['polis', 'polis@vasterort.example'],
  ['socialsekreterare', 'soc1@vallingbyteamet.example'],
  ['enhetschef', 'chef@vallingbyteamet.example'],
] as const;
const WIDTHS = [360, 1280];
const PORT = '3987';
const out = path.resolve(import.meta.dirname, '../docs/screenshots');

const dataDir = await mkdtemp(path.join(tmpdir(), 'samverkan-shots-'));
const { child } = await start('server/main.ts', { DATA_DIR: dataDir, PORT, NODE_ENV: 'development', DATABASE_URL: '' }, /Samverkan kör på/);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox'] });
try {
  for (const [role, email] of ROLES) {
    for (const width of WIDTHS) {
      const context = await browser.newContext({ viewport: { width, height: 800 } });
      const page = await context.newPage();
      await page.goto(`http://127.0.0.1:${PORT}/login`);
      await page.locator('#email').fill(email);
      await page.locator('#password').fill(DEMO_PASSWORD);
      await page.locator('main form button[type=submit]').first().click();
      await page.waitForURL(`http://127.0.0.1:${PORT}/`);
      await page.waitForLoadState('networkidle');
      const file = path.join(out, `${role}-${width}.png`);
      await page.screenshot({ path: file, fullPage: true });
      console.log(file);
      await context.close();
    }
  }
} finally {
  await browser.close();
  child.kill();
  await rm(dataDir, { recursive: true, force: true });
}
