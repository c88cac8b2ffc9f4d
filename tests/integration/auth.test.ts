import { describe, expect, test } from 'vitest';
import { eq } from 'drizzle-orm';
import { users } from '../../db/schema/index.ts';
import { fixedClock } from '../../server/lib/clock.ts';
import { asUser, buildTestApp, cookieOf } from '../helpers/app.ts';
import { createDistrict, createUser } from '../helpers/factories.ts';

// Each call comes from its own address unless a test says otherwise, so failures in one test
// never count against another on the shared database.
const randomAddress = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
const deviceCookieOf = (res: { headers: Record<string, unknown> }) =>
  ([res.headers['set-cookie']].flat() as string[]).find((c) => c.startsWith('samverkan_device='))?.split(';')[0] ?? '';
const login = (email: string, password: string, headers: Record<string, string> = {}) => ({
  method: 'POST' as const,
  url: '/api/auth/login',
  payload: { email, password },
  headers,
  remoteAddress: randomAddress(),
});

describe('signing in and out', () => {
  test('a correct e-mail and password set an httpOnly SameSite=Lax session cookie and return the person', async () => {
    const { app, db } = await buildTestApp();
    const { school } = await createDistrict(db);
    const user = await createUser(db, { name: 'Emma Test', memberships: [{ organisationId: school.id, role: 'pedagogue' }] });

    const res = await app.inject(login(user.email.toUpperCase(), user.password));

    expect(res.statusCode).toBe(200);
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/^samverkan_session=/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(res.json().user).toMatchObject({
      name: 'Emma Test',
      email: user.email,
      memberships: [{ organisationId: school.id, organisationName: school.name, role: 'pedagogue' }],
    });
  });

  test('behind https the cookie is Secure and __Host- prefixed, and only that cookie is taken there', async () => {
    const { app, db } = await buildTestApp({ env: { TRUST_PROXY: '10.0.0.0/8,127.0.0.1' } });
    const user = await createUser(db);
    const https = { 'x-forwarded-proto': 'https' };
    const res = await app.inject(login(user.email, user.password, https));
    expect(String(res.headers['set-cookie'])).toMatch(/^__Host-samverkan_session=.*; Secure/);
    const token = cookieOf(res).split('=').slice(1).join('=');
    expect((await app.inject({ method: 'GET', url: '/api/me', headers: { ...https, cookie: `__Host-samverkan_session=${token}` } })).statusCode).toBe(200);
    // A plain cookie (which a sibling host could have tossed in) counts for nothing over https.
    expect((await app.inject({ method: 'GET', url: '/api/me', headers: { ...https, cookie: `samverkan_session=${token}` } })).statusCode).toBe(401);
  });

  test('/api/me shows the memberships of the signed-in person and needs a session', async () => {
    const { app, db } = await buildTestApp();
    const { school, team } = await createDistrict(db);
    const user = await createUser(db, {
      memberships: [
        { organisationId: school.id, role: 'principal' },
        { organisationId: team.id, role: 'team_lead' },
      ],
    });
    const me = await app.inject({ method: 'GET', url: '/api/me', headers: await asUser(app, user) });
    expect(me.statusCode).toBe(200);
    expect(me.headers['cache-control']).toBe('no-store');
    expect(me.json().memberships.map((m: { role: string }) => m.role).sort()).toEqual(['principal', 'team_lead']);

    const anonymous = await app.inject({ method: 'GET', url: '/api/me' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json()).toMatchObject({ code: 'unauthenticated', status: 401 });
  });

  test('a wrong password and an unknown e-mail get the same 401 invalid_credentials answer', async () => {
    const { app, db } = await buildTestApp();
    const user = await createUser(db);
    const wrong = await app.inject(login(user.email, 'fel-lösenord'));
    const unknown = await app.inject(login('ingen-alls@test.example', 'fel-lösenord'));
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().code).toBe('invalid_credentials');
  });

  test('a disabled account cannot sign in', async () => {
    const { app, db } = await buildTestApp();
    const user = await createUser(db, { disabled: true });
    expect((await app.inject(login(user.email, user.password))).statusCode).toBe(401);
  });

  test('disabling an account ends its sessions at once, and enabling it again does not bring them back', async () => {
    const { app, db } = await buildTestApp();
    const user = await createUser(db);
    const headers = await asUser(app, user);
    expect((await app.inject({ method: 'GET', url: '/api/me', headers })).statusCode).toBe(200);
    await db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, user.id));
    expect((await app.inject({ method: 'GET', url: '/api/me', headers })).statusCode).toBe(401);
    await db.update(users).set({ disabledAt: null }).where(eq(users.id, user.id));
    expect((await app.inject({ method: 'GET', url: '/api/me', headers })).statusCode).toBe(401);
    // Signing in anew works.
    expect((await app.inject({ method: 'GET', url: '/api/me', headers: await asUser(app, user) })).statusCode).toBe(200);
  });

  test('after logout the same cookie no longer works, at once', async () => {
    const { app, db } = await buildTestApp();
    const user = await createUser(db);
    const headers = await asUser(app, user);
    const out = await app.inject({ method: 'POST', url: '/api/auth/logout', headers });
    expect(out.statusCode).toBe(200);
    expect(String(out.headers['set-cookie'])).toMatch(/samverkan_session=;/);
    expect((await app.inject({ method: 'GET', url: '/api/me', headers })).statusCode).toBe(401);
  });

  test('requests that arrive together are each answered for their own session, revoked and disabled ones refused', async () => {
    const { app, db } = await buildTestApp();
    const { school, team } = await createDistrict(db);
    const anna = await createUser(db, { name: 'Anna Samtidig', memberships: [{ organisationId: school.id, role: 'pedagogue' }] });
    const bo = await createUser(db, { name: 'Bo Samtidig', memberships: [{ organisationId: team.id, role: 'social_worker' }] });
    const cilla = await createUser(db, { name: 'Cilla Samtidig' });
    const [annaPhone, annaLaptop, annaOld, boHeaders, cillaHeaders] = await Promise.all([
      asUser(app, anna),
      asUser(app, anna),
      asUser(app, anna),
      asUser(app, bo),
      asUser(app, cilla),
    ]);
    expect((await app.inject({ method: 'POST', url: '/api/auth/logout', headers: annaOld })).statusCode).toBe(200);
    await db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, cilla.id));

    const expected = [
      [annaPhone, 'Anna Samtidig'],
      [boHeaders, 'Bo Samtidig'],
      [annaOld, null],
      [annaLaptop, 'Anna Samtidig'],
      [cillaHeaders, null],
    ] as const;
    const asked = Array.from({ length: 40 }, (_, i) => expected[i % expected.length]!);
    const answers = await Promise.all(asked.map(([headers]) => app.inject({ method: 'GET', url: '/api/me', headers })));
    answers.forEach((res, i) => {
      const name = asked[i]![1];
      if (name === null) expect(res.statusCode).toBe(401);
      else expect(res.json()).toMatchObject({ name, memberships: [{ role: name === 'Bo Samtidig' ? 'social_worker' : 'pedagogue' }] });
    });
  });

  test('an API client can send the same token as Authorization: Bearer', async () => {
    const { app, db } = await buildTestApp();
    const user = await createUser(db);
    const token = (await asUser(app, user)).cookie.split('=')[1]!;
    const me = await app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${token}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json().email).toBe(user.email);
  });

  test('a token with a forged signature is not accepted', async () => {
    const { app, db } = await buildTestApp();
    const user = await createUser(db);
    const { cookie } = await asUser(app, user);
    const forged = cookie.slice(0, -4) + (cookie.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect((await app.inject({ method: 'GET', url: '/api/me', headers: { cookie: forged } })).statusCode).toBe(401);
  });

  test('a session ends after the idle timeout and after its absolute lifetime', async () => {
    const clock = fixedClock('2026-11-23T08:00:00Z');
    const { app, db } = await buildTestApp({ clock, env: { SESSION_IDLE_MINUTES: '30', SESSION_ABSOLUTE_HOURS: '2' } });
    const user = await createUser(db);
    const me = (headers: { cookie: string }) => app.inject({ method: 'GET', url: '/api/me', headers });

    const idle = await asUser(app, user);
    clock.advance(29 * 60 * 1000);
    expect((await me(idle)).statusCode).toBe(200);
    clock.advance(31 * 60 * 1000);
    expect((await me(idle)).statusCode).toBe(401);

    const busy = await asUser(app, user);
    for (let i = 0; i < 4; i++) {
      clock.advance(25 * 60 * 1000);
      expect((await me(busy)).statusCode).toBe(200);
    }
    clock.advance(25 * 60 * 1000); // 2 h 5 min after sign-in, though never idle
    expect((await me(busy)).statusCode).toBe(401);
  });
});

describe('throttling failed sign-ins', () => {
  test('after five failures within 15 minutes the account gets 429 rate_limited with Retry-After, even with the right password', async () => {
    const clock = fixedClock('2026-11-23T08:00:00Z');
    const { app, db } = await buildTestApp({ clock });
    const user = await createUser(db);
    for (let i = 0; i < 5; i++) expect((await app.inject(login(user.email, 'fel'))).statusCode).toBe(401);

    const blocked = await app.inject(login(user.email, user.password));
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().code).toBe('rate_limited');
    expect(blocked.json().detail).toMatch(/Vänta 15 minuter/);
    expect(Number(blocked.headers['retry-after'])).toBe(900);

    clock.advance(15 * 60 * 1000 + 1000);
    expect((await app.inject(login(user.email, user.password))).statusCode).toBe(200);
  });

  test('successful sign-ins never count, so a whole school can sign in from one address', async () => {
    const { app, db } = await buildTestApp({ env: { LOGIN_MAX_FAILURES_PER_ADDRESS: '3' } });
    const people = await Promise.all(Array.from({ length: 6 }, () => createUser(db)));
    const remoteAddress = randomAddress();
    for (const p of people) expect((await app.inject({ ...login(p.email, p.password), remoteAddress })).statusCode).toBe(200);
  });

  test('one account being attacked does not lock out another account', async () => {
    const { app, db } = await buildTestApp();
    const victim = await createUser(db);
    const colleague = await createUser(db);
    for (let i = 0; i < 6; i++) await app.inject(login(victim.email, 'fel'));
    expect((await app.inject(login(colleague.email, colleague.password))).statusCode).toBe(200);
  });

  test('failures are also counted per address, and a forged X-Forwarded-For does not reset the count', async () => {
    const { app, db } = await buildTestApp({ env: { LOGIN_MAX_FAILURES_PER_ADDRESS: '3' } });
    const remoteAddress = randomAddress();
    for (let i = 0; i < 3; i++) {
      const r = await app.inject({ ...login(`guess-${i}@test.example`, 'fel'), remoteAddress });
      expect(r.statusCode).toBe(401);
    }
    const user = await createUser(db);
    const forged = await app.inject({ ...login(user.email, user.password, { 'x-forwarded-for': '203.0.113.7' }), remoteAddress });
    expect(forged.statusCode).toBe(429);
  });

  test('with TRUST_PROXY the address from X-Forwarded-For is the one counted', async () => {
    const { app, db } = await buildTestApp({ env: { TRUST_PROXY: '10.0.0.0/8', LOGIN_MAX_FAILURES_PER_ADDRESS: '2' } });
    const ip = `198.51.100.${Math.floor(Math.random() * 250)}`;
    for (let i = 0; i < 2; i++) await app.inject(login(`x-${i}@test.example`, 'fel', { 'x-forwarded-for': ip }));
    const user = await createUser(db);
    expect((await app.inject(login(user.email, user.password, { 'x-forwarded-for': ip }))).statusCode).toBe(429);
    expect((await app.inject(login(user.email, user.password, { 'x-forwarded-for': '198.51.100.251' }))).statusCode).toBe(200);
  });

  test('twenty wrong passwords sent at once for one account: five are tried, fifteen are refused untried', async () => {
    const { app, db } = await buildTestApp();
    const user = await createUser(db);
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => app.inject(login(user.email, `gissning-${i}`))));
    const codes = answers.map((r) => r.statusCode).sort();
    expect(codes.filter((c) => c === 401)).toHaveLength(5);
    expect(codes.filter((c) => c === 429)).toHaveLength(15);
  });

  test('a browser that has signed in to the account before is not locked out by someone guessing at it', async () => {
    const clock = fixedClock('2026-11-23T08:00:00Z');
    const { app, db } = await buildTestApp({ clock });
    const worker = await createUser(db);
    const first = await app.inject(login(worker.email, worker.password));
    const device = deviceCookieOf(first);
    expect(device).toMatch(/^samverkan_device=/);
    // Someone else, from anywhere, fills the account's allowance.
    for (let i = 0; i < 5; i++) expect((await app.inject(login(worker.email, 'fel'))).statusCode).toBe(401);
    expect((await app.inject(login(worker.email, worker.password))).statusCode).toBe(429);
    // Her own browser still signs in, with the right password.
    expect((await app.inject(login(worker.email, worker.password, { cookie: device }))).statusCode).toBe(200);
    // A device cookie from another account gives nothing here.
    const other = await createUser(db);
    const otherDevice = deviceCookieOf(await app.inject(login(other.email, other.password)));
    expect((await app.inject(login(worker.email, worker.password, { cookie: otherDevice }))).statusCode).toBe(429);
    // And her browser has its own allowance of wrong guesses, not an unlimited one.
    for (let i = 0; i < 5; i++) expect((await app.inject(login(worker.email, 'fel', { cookie: device }))).statusCode).toBe(401);
    expect((await app.inject(login(worker.email, worker.password, { cookie: device }))).statusCode).toBe(429);
  });

  test('an address that has used up its wrong guesses still lets a known browser sign in', async () => {
    const { app, db } = await buildTestApp({ env: { LOGIN_MAX_FAILURES_PER_ADDRESS: '3' } });
    const principal = await createUser(db);
    const remoteAddress = randomAddress();
    const device = deviceCookieOf(await app.inject({ ...login(principal.email, principal.password), remoteAddress }));
    for (let i = 0; i < 3; i++) await app.inject({ ...login(`elev-${i}@test.example`, 'fel'), remoteAddress });
    expect((await app.inject({ ...login(principal.email, principal.password), remoteAddress })).statusCode).toBe(429);
    expect((await app.inject({ ...login(principal.email, principal.password, { cookie: device }), remoteAddress })).statusCode).toBe(200);
  });

  test('successful sign-ins are limited per address too, far above a school’s need', async () => {
    const { app, db } = await buildTestApp({ env: { LOGIN_MAX_SIGN_INS_PER_ADDRESS: '3' } });
    const remoteAddress = randomAddress();
    const people = await Promise.all(Array.from({ length: 4 }, () => createUser(db)));
    const codes = [];
    for (const p of people) codes.push((await app.inject({ ...login(p.email, p.password), remoteAddress })).statusCode);
    expect(codes).toEqual([200, 200, 200, 429]);
    const refused = await app.inject({ ...login(people[3]!.email, people[3]!.password), remoteAddress });
    expect(refused.json().detail).toMatch(/^För många inloggningar från samma nätverk\. Vänta 15 minuter/);
  });

  test('a school of 40 behind one address signs in at once, with the default limits', async () => {
    // The defaults, which the test environment otherwise lifts (tests/helpers/app.ts).
    const { app, db } = await buildTestApp({ env: { LOGIN_MAX_FAILURES_PER_ADDRESS: '50', LOGIN_MAX_SIGN_INS_PER_ADDRESS: '600' } });
    const staff = await Promise.all(Array.from({ length: 40 }, () => createUser(db)));
    const remoteAddress = randomAddress();
    const answers = await Promise.all(staff.map((p) => app.inject({ ...login(p.email, p.password), remoteAddress })));
    expect(answers.map((r) => r.statusCode)).toEqual(staff.map(() => 200));
  });
});

describe('cross-site requests', () => {
  test.each([
    ['a form post from another site', { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' }, 'a=1', 403],
    ['a JSON post with another Origin', { origin: 'https://evil.example', 'content-type': 'application/json' }, '{}', 403],
    ['a cross-site fetch', { 'sec-fetch-site': 'cross-site', 'content-type': 'application/json' }, '{}', 403],
    ['a text/plain body', { 'content-type': 'text/plain' }, 'hej', 415],
    ['a multipart form', { 'content-type': 'multipart/form-data; boundary=x' }, '--x--', 415],
  ])('%s to logout is refused and does not log anyone out', async (_name, headers, payload, status) => {
    const { app, db } = await buildTestApp();
    const user = await createUser(db);
    const session = await asUser(app, user);
    const res = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { ...session, ...headers }, payload });
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await app.inject({ method: 'GET', url: '/api/me', headers: session })).statusCode).toBe(200);
  });

  test('the same logout from our own origin works', async () => {
    const { app, db } = await buildTestApp();
    const user = await createUser(db);
    const session = await asUser(app, user);
    const res = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { ...session, origin: 'http://localhost:80', host: 'localhost:80' } });
    expect(res.statusCode).toBe(200);
  });

  test('a cookie from a login response is reused in other tests through cookieOf', async () => {
    const { app, db } = await buildTestApp();
    const user = await createUser(db);
    const res = await app.inject(login(user.email, user.password));
    expect(cookieOf(res)).toMatch(/^samverkan_session=ey/);
  });
});

describe('a ceiling on API calls', () => {
  test('past API_REQUESTS_PER_MINUTE one session gets 429 rate_limited in Swedish; another session and the health check do not', async () => {
    const { app, db } = await buildTestApp({ env: { API_REQUESTS_PER_MINUTE: '5' } });
    const flooder = await createUser(db);
    const other = await createUser(db);
    const headers = await asUser(app, flooder);
    const codes = [];
    for (let i = 0; i < 6; i++) codes.push((await app.inject({ method: 'GET', url: '/api/me', headers })).statusCode);
    expect(codes).toEqual([200, 200, 200, 200, 200, 429]);
    const refused = await app.inject({ method: 'GET', url: '/api/me', headers });
    expect(refused.json()).toMatchObject({ code: 'rate_limited', detail: expect.stringMatching(/^För många anrop på kort tid\. Vänta \d+ sekunder/) });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await app.inject({ method: 'GET', url: '/api/me', headers: await asUser(app, other) })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  });
});

describe('the SSR bridge', () => {
  test('its address and protocol headers are believed only with the process’s secret', async () => {
    const { app, db } = await buildTestApp({ env: { LOGIN_MAX_FAILURES_PER_ADDRESS: '2' } });
    const user = await createUser(db);
    const remoteAddress = randomAddress();
    const forged = (ip: string, secret: string) => ({ 'x-samverkan-bridge': secret, 'x-samverkan-ip': ip, 'x-samverkan-proto': 'https' });
    // Each guess claims another address through the bridge's headers, with no secret or a made-up one.
    for (const secret of ['', 'ab'.repeat(32)]) await app.inject({ ...login(`gissa-${secret.length}@test.example`, 'fel', forged(randomAddress(), secret)), remoteAddress });
    const third = await app.inject({ ...login(user.email, user.password, forged(randomAddress(), 'cd'.repeat(32))), remoteAddress });
    expect(third.statusCode).toBe(429);
    // Nor is the claimed https believed: a plain-http request gets the plain cookie.
    const other = await app.inject({ ...login(user.email, user.password, forged('203.0.113.9', 'ef'.repeat(32))) });
    expect(other.statusCode).toBe(200);
    expect(cookieOf(other)).toMatch(/^samverkan_session=/);
  });
});
