import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { users } from '../../db/schema/index.ts';
import type { Clock } from '../../server/lib/clock.ts';
import { buildTestApp, cookieOf } from '../helpers/app.ts';
import { createOrganisation, createUser } from '../helpers/factories.ts';
import { startOidcProvider, type OidcProvider } from '../helpers/oidc.ts';

const PUBLIC_URL = 'https://samverkan.stad.example';
let provider: OidcProvider;
beforeAll(async () => {
  provider = await startOidcProvider(`${PUBLIC_URL}/api/auth/oidc/callback`);
});
afterAll(() => provider.close());

/** The app on a clock that follows the real one (the provider's), shifted when a test says so. */
async function setup() {
  let shift = 0;
  const clock: Clock = { now: () => new Date(Date.now() + shift) };
  const { app, db } = await buildTestApp({ clock, env: { PUBLIC_URL, ...provider.env } });
  const school = await createOrganisation(db, { kind: 'school' });
  const person = await createUser(db, { name: 'Rektor Stad', memberships: [{ organisationId: school.id, role: 'principal' }] });
  const subject = `sub-${person.id}`;
  provider.accounts.set(subject, { email: person.email.toUpperCase(), email_verified: true, name: 'Rektor Stad' });

  /** The first leg: the app's redirect to the provider and its pending cookie. */
  const begin = async (next = '/min-vecka') => {
    provider.signInAs(subject);
    const res = await app.inject({ method: 'GET', url: `/api/auth/oidc/login?next=${encodeURIComponent(next)}` });
    expect(res.statusCode).toBe(302);
    return { location: String(res.headers.location), pending: cookieOf(res) };
  };
  const callback = (path: string, pending?: string) => app.inject({ method: 'GET', url: path, headers: pending ? { cookie: pending } : {} });
  const signIn = async (sub = subject) => {
    const { location, pending } = await begin();
    provider.signInAs(sub);
    return callback(await provider.authorize(location), pending);
  };
  const sessionOf = async (res: Awaited<ReturnType<typeof callback>>) => {
    const cookie = [res.headers['set-cookie']].flat().find((c) => c?.startsWith('samverkan_session='));
    if (!cookie) return null;
    const me = await app.inject({ method: 'GET', url: '/api/me', headers: { cookie: cookie.split(';')[0]! } });
    return me.statusCode === 200 ? (me.json() as { id: string }) : null;
  };
  const refused = (res: Awaited<ReturnType<typeof callback>>, reason: string) => {
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe(`/login?stadens-konto=${reason}`);
    expect([res.headers['set-cookie']].flat().some((c) => c?.startsWith('samverkan_session='))).toBe(false);
  };
  return { app, db, person, subject, begin, callback, signIn, sessionOf, refused, shiftClock: (ms: number) => (shift = ms) };
}

describe('city sign-in (OpenID Connect against a real provider)', () => {
  test('a registered person signs in, lands where they were going, and is found by subject afterwards', async () => {
    const { app, db, person, subject, signIn, sessionOf } = await setup();
    const res = await signIn();
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/min-vecka');
    expect(await sessionOf(res)).toMatchObject({ id: person.id });
    const [row] = await db.select({ s: users.oidcSubject }).from(users).where(eq(users.id, person.id));
    expect(row!.s).toBe(`${provider.issuer} ${subject}`);

    // The provider's address changes; the subject still finds her.
    provider.accounts.set(subject, { email: 'nytt-namn@stad.example', email_verified: true });
    expect(await sessionOf(await signIn())).toMatchObject({ id: person.id });
    await app.close();
  });

  test('the sign-in page is told city sign-in is there; the first leg sends PKCE, state and nonce', async () => {
    const { app, begin } = await setup();
    expect((await app.inject({ method: 'GET', url: '/api/auth/methods' })).json()).toEqual({ password: true, city: true });
    const { location, pending } = await begin();
    const url = new URL(location);
    expect(url.origin).toBe(provider.issuer);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('state')).toBeTruthy();
    expect(url.searchParams.get('nonce')).toBeTruthy();
    expect(url.searchParams.get('redirect_uri')).toBe(`${PUBLIC_URL}/api/auth/oidc/callback`);
    expect(pending).toMatch(/^samverkan_oidc=/);
    await app.close();
  });

  test('an answer whose state is not the one this browser was sent with is refused', async () => {
    const { begin, callback, refused } = await setup();
    const first = await begin();
    const second = await begin();
    // The provider's answer to the second request, brought back with the first one's cookie.
    const answer = await provider.authorize(second.location);
    refused(await callback(answer, first.pending), 'misslyckades');
  });

  test('an answer without the pending cookie is refused', async () => {
    const { begin, callback, refused } = await setup();
    const { location } = await begin();
    refused(await callback(await provider.authorize(location)), 'misslyckades');
  });

  test('a code is used once: the same answer brought back again opens no second session', async () => {
    const { begin, callback, sessionOf, refused, person } = await setup();
    const { location, pending } = await begin();
    const answer = await provider.authorize(location);
    expect(await sessionOf(await callback(answer, pending))).toMatchObject({ id: person.id });
    refused(await callback(answer, pending), 'misslyckades');
  });

  test('an ID token whose nonce is not this sign-in\'s is refused', async () => {
    const { begin, callback, refused } = await setup();
    const { location, pending } = await begin();
    const tampered = new URL(location);
    tampered.searchParams.set('nonce', 'en-annan-nonce-an-den-appen-skickade');
    refused(await callback(await provider.authorize(tampered.href), pending), 'misslyckades');
  });

  test('an ID token that has expired by the app\'s clock is refused', async () => {
    const { begin, callback, refused, shiftClock } = await setup();
    const { location, pending } = await begin();
    const answer = await provider.authorize(location);
    shiftClock(10 * 60 * 1000); // the token lives 5 minutes; tolerance is 30 seconds
    refused(await callback(answer, pending), 'misslyckades');
  });

  test('nobody unknown gets in: no account with that e-mail or subject', async () => {
    const { signIn, refused } = await setup();
    provider.accounts.set('okand-person', { email: 'okand@stad.example', email_verified: true });
    refused(await signIn('okand-person'), 'okand');
  });

  test('a disabled person does not get in, by e-mail or by a bound subject', async () => {
    const { db, person, signIn, sessionOf, refused } = await setup();
    expect(await sessionOf(await signIn())).toMatchObject({ id: person.id });
    await db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, person.id));
    refused(await signIn(), 'okand');
  });

  test('an e-mail the provider has not verified does not match anyone', async () => {
    const { subject, signIn, refused } = await setup();
    provider.accounts.set(subject, { ...provider.accounts.get(subject), email_verified: false });
    refused(await signIn(), 'okand');
  });

  test('an account already bound to another subject of the provider is not taken over by e-mail', async () => {
    const { person, signIn, sessionOf, refused } = await setup();
    expect(await sessionOf(await signIn())).toMatchObject({ id: person.id });
    provider.accounts.set('inkraktare', { email: person.email, email_verified: true });
    refused(await signIn('inkraktare'), 'okand');
  });

  test('the next path is only ever a path on this site', async () => {
    const { begin, callback } = await setup();
    const { location, pending } = await begin('//evil.example/stjal');
    const res = await callback(await provider.authorize(location), pending);
    expect(res.headers.location).toBe('/');
  });
});

describe('without OIDC configured', () => {
  test('the sign-in page offers only passwords and the first leg is 404 in Swedish', async () => {
    const { app } = await buildTestApp();
    expect((await app.inject({ method: 'GET', url: '/api/auth/methods' })).json()).toEqual({ password: true, city: false });
    const res = await app.inject({ method: 'GET', url: '/api/auth/oidc/login' });
    expect(res.statusCode).toBe(404);
    expect(res.json().detail).toMatch(/stadens konto/);
    await app.close();
  });

  test('when the provider does not answer, the person is sent back to the sign-in page, which says so', async () => {
    const { app } = await buildTestApp({ env: { OIDC_ISSUER: 'http://127.0.0.1:9/ingen', OIDC_CLIENT_ID: 'a', OIDC_CLIENT_SECRET: 'b' } });
    const res = await app.inject({ method: 'GET', url: '/api/auth/oidc/login' });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/login?stadens-konto=ej-tillganglig');
    await app.close();
  });
});
