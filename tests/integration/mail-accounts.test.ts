import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { outbox } from '../../db/schema/index.ts';
import { fixedClock } from '../../server/lib/clock.ts';
import { passwordHasher } from '../../server/lib/passwords.ts';
import { accountsTransaction } from '../../server/modules/accounts/accounts.repository.ts';
import { createAccountsService } from '../../server/modules/accounts/accounts.service.ts';
import { asUser, buildTestApp } from '../helpers/app.ts';
import { createUser } from '../helpers/factories.ts';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp.ts';

let smtp: SmtpSink;
beforeAll(async () => {
  smtp = await startSmtpSink();
});
afterAll(() => smtp.close());

const NEW_PASSWORD = 'grön cykel under bron';
const linkIn = (text: string) => /\/valj-losenord\?nyckel=([A-Za-z0-9_-]+)/.exec(text)?.[1];

async function setup() {
  const clock = fixedClock('2026-03-02T09:00:00+01:00');
  const { app, db } = await buildTestApp({ clock, env: { SMTP_URL: smtp.url, PUBLIC_URL: 'https://samverkan.example.se' } });
  const person = await createUser(db, { name: 'Sara Lind', memberships: [] });
  const reset = (email: string) => app.inject({ method: 'POST', url: '/api/auth/password-reset', payload: { email } });
  const setPassword = (token: string, password: string) => app.inject({ method: 'POST', url: '/api/auth/set-password', payload: { token, password } });
  const mailedLink = async () => {
    await app.mail.worker.drain();
    const mail = smtp.to(person.email).at(-1);
    return { mail, token: mail ? linkIn(mail.text ?? '') : undefined };
  };
  return { app, db, clock, person, reset, setPassword, mailedLink };
}

describe('Glömt lösenordet', () => {
  test('a known address gets a one-time link; the new password works, every session ends, and the link cannot be used again', async () => {
    const { app, db, person, reset, setPassword, mailedLink } = await setup();
    const before = await asUser(app, person);

    expect((await reset(person.email.toUpperCase())).statusCode).toBe(202);
    const { mail, token } = await mailedLink();
    expect(mail!.subject).toBe('Välj ett nytt lösenord till Samverkan');
    expect(mail!.text).toContain('https://samverkan.example.se/valj-losenord?nyckel=');
    expect(mail!.text).toContain('Länken gäller till: måndag 2 mars kl. 09.30');
    // Once an SMTP server has the mail, the outbox keeps no usable link.
    const kept = await db.select({ text: outbox.text, html: outbox.html }).from(outbox).where(eq(outbox.kind, 'account.reset'));
    expect(kept.some((k) => k.text.includes(token!) || k.html.includes(token!))).toBe(false);

    const weak = await setPassword(token!, 'sara.lind2026');
    expect(weak.statusCode).toBe(400);
    expect(weak.json()).toMatchObject({ code: 'invalid_request', fields: [{ field: 'password' }] });
    const common = await setPassword(token!, 'qwerty123456');
    expect(common.json().fields[0].message).toContain('för vanligt');
    expect((await setPassword(token!, 'kort')).statusCode).toBe(400);

    expect((await setPassword(token!, NEW_PASSWORD)).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/me', headers: before })).statusCode).toBe(401);
    expect((await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: person.email, password: person.password } })).statusCode).toBe(401);
    expect((await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: person.email, password: NEW_PASSWORD } })).statusCode).toBe(200);

    const again = await setPassword(token!, 'en helt annan mening här');
    expect(again.statusCode).toBe(410);
    expect(again.json()).toMatchObject({ code: 'already_used' });
    expect(again.json().detail).toContain('Glömt lösenordet');
  });

  test('an unknown or disabled address is answered the same and gets nothing; a fourth request within the hour sends nothing', async () => {
    const { db, person, reset } = await setup();
    const disabled = await createUser(db, { disabled: true });
    const sentBefore = smtp.mails.length;
    for (const address of ['ingen@test.example', disabled.email]) {
      const res = await reset(address);
      expect(res.statusCode).toBe(202);
      expect(res.json()).toEqual({ ok: true });
    }
    for (let i = 0; i < 4; i++) expect((await reset(person.email)).statusCode).toBe(202);
    expect(await db.select({ id: outbox.id }).from(outbox).where(eq(outbox.recipientId, disabled.id))).toEqual([]);
    expect(await db.select({ id: outbox.id }).from(outbox).where(eq(outbox.recipientId, person.id))).toHaveLength(3);
    expect(smtp.mails.length).toBe(sentBefore);
    expect((await reset('inte en adress')).statusCode).toBe(400);
  });

  test('a link older than 30 minutes is gone; a made-up one too', async () => {
    const { clock, person, reset, setPassword, mailedLink } = await setup();
    await reset(person.email);
    const { token } = await mailedLink();
    clock.advance(31 * 60_000);
    expect((await setPassword(token!, NEW_PASSWORD)).json()).toMatchObject({ status: 410, code: 'already_used' });
    expect((await setPassword('x'.repeat(43), NEW_PASSWORD)).statusCode).toBe(410);
  });
});

describe('the first administrator', () => {
  test('gets an invitation link that lets them choose a password and sign in as admin; the same address twice is refused', async () => {
    const { app, db, clock, setPassword } = await setup();
    const accounts = createAccountsService({ transaction: accountsTransaction(db), clock, hasher: passwordHasher, baseUrl: 'https://samverkan.example.se' });
    const email = `forsta-${randomUUID()}@kommun.example`;
    const { url, expiresAt } = await accounts.createFirstAdmin({ email, name: 'Ada Admin' });
    expect(expiresAt.toISOString()).toBe('2026-03-09T08:00:00.000Z');
    const token = linkIn(url)!;
    // Nobody can sign in before the link is used: the stored password is one nobody knows.
    expect((await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: '' } })).statusCode).toBe(400);
    expect((await setPassword(token, NEW_PASSWORD)).statusCode).toBe(200);
    const me = await app.inject({ method: 'GET', url: '/api/me', headers: await asUser(app, { email, password: NEW_PASSWORD }) });
    expect(me.json().memberships).toEqual([expect.objectContaining({ organisationId: null, role: 'admin' })]);
    await app.mail.worker.drain();
    expect(smtp.to(email).map((m) => m.subject)).toEqual(['Välkommen till Samverkan: välj ditt lösenord']);
    await expect(accounts.createFirstAdmin({ email, name: 'Ada Admin' })).rejects.toThrow('Det finns redan ett konto');
  });

  test('npm run admin:create prints the link, and refuses a bad address', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'samverkan-admin-'));
    const run = (...args: string[]) =>
      spawnSync(process.execPath, ['scripts/admin-create.ts', ...args], { env: { ...process.env, DATABASE_URL: '', MIGRATION_DATABASE_URL: '', DATA_DIR: dir, NODE_ENV: 'development', PUBLIC_URL: 'https://samverkan.example.se' }, encoding: 'utf8' });
    try {
      const ok = run('--email', 'Ada@Kommun.example', '--name', 'Ada Admin');
      expect(ok.status).toBe(0);
      expect(ok.stdout).toContain('Administratören Ada Admin <ada@kommun.example> är skapad.');
      expect(ok.stdout).toMatch(/https:\/\/samverkan\.example\.se\/valj-losenord\?nyckel=[A-Za-z0-9_-]{43}/);
      const bad = run('--email', 'inte-en-adress', '--name', 'Ada Admin');
      expect(bad.status).toBe(2);
      expect(bad.stderr).toContain('Skriv en giltig e-postadress.');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
