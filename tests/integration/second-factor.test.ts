import { Secret, TOTP } from 'otpauth';
import { describe, expect, test } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditLog, districts, secondFactors } from '../../db/schema/index.ts';
import type { Clock } from '../../server/lib/clock.ts';
import { buildTestApp, cookieOf } from '../helpers/app.ts';
import { createOrganisation, createUser } from '../helpers/factories.ts';

type Inject = Awaited<ReturnType<typeof buildTestApp>>['app']['inject'];

/** The app on a clock the test moves, so codes belong to a known 30-second step. */
async function setup(env: Record<string, string> = { MFA_REQUIRED_ROLES: 'social_worker,team_lead,district_admin,admin' }) {
  let at = Date.parse('2026-03-02T09:00:05+01:00');
  const clock: Clock = { now: () => new Date(at) };
  const { app, db } = await buildTestApp({ clock, env });
  const team = await createOrganisation(db, { kind: 'social_services' });
  const school = await createOrganisation(db, { kind: 'school' });
  const worker = await createUser(db, { memberships: [{ organisationId: team.id, role: 'social_worker' }] });
  const teacher = await createUser(db, { memberships: [{ organisationId: school.id, role: 'pedagogue' }] });
  const inject: Inject = app.inject.bind(app);
  const login = (u: { email: string; password: string }) => inject({ method: 'POST', url: '/api/auth/login', payload: { email: u.email, password: u.password } });
  const codeFor = (secret: string, offsetSteps = 0) =>
    new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({ timestamp: at + offsetSteps * 30_000 });
  const step = (n = 1) => (at += n * 30_000);
  /** Signs the worker in through the enrolment: the mfaToken, the secret, and the first session's answer. */
  const enrol = async () => {
    const first = await login(worker);
    expect(first.statusCode).toBe(401);
    expect(first.json()).toMatchObject({ code: 'mfa_required', enrolment: true, mfaToken: expect.any(String) });
    const { mfaToken } = first.json() as { mfaToken: string };
    const enrolment = await inject({ method: 'POST', url: '/api/auth/mfa/enrol', payload: { mfaToken } });
    expect(enrolment.statusCode).toBe(200);
    const { secret, uri, qrSvg } = enrolment.json() as { secret: string; uri: string; qrSvg: string };
    expect(uri).toMatch(/^otpauth:\/\/totp\/Samverkan:/);
    expect(qrSvg).toMatch(/^<svg/);
    const done = await inject({ method: 'POST', url: '/api/auth/mfa', payload: { mfaToken, code: codeFor(secret) } });
    expect(done.statusCode).toBe(200);
    return { secret, done, recoveryCodes: (done.json() as { recoveryCodes: string[] }).recoveryCodes };
  };
  return { app, db, inject, worker, teacher, login, codeFor, step, enrol };
}

describe('a second factor for password accounts (TOTP)', () => {
  test('a role that requires it sets it up at sign-in, gets ten recovery codes once, and is signed in', async () => {
    const { app, inject, enrol } = await setup();
    const { done, recoveryCodes } = await enrol();
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    expect(recoveryCodes[0]).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    const me = await inject({ method: 'GET', url: '/api/me/mfa', headers: { cookie: cookieOf(done) } });
    expect(me.json()).toEqual({ enabled: true, required: true, recoveryCodesLeft: 10 });
    await app.close();
  });

  test('the next sign-in asks for a code; a right one signs in, and the same code does not work twice', async () => {
    const { app, inject, worker, login, codeFor, step, enrol } = await setup();
    const { secret } = await enrol();
    step();
    const first = await login(worker);
    expect(first.json()).toMatchObject({ code: 'mfa_required', enrolment: false });
    const { mfaToken } = first.json() as { mfaToken: string };
    const code = codeFor(secret);
    const wrong = await inject({ method: 'POST', url: '/api/auth/mfa', payload: { mfaToken, code: code === '000000' ? '111111' : '000000' } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().detail).toMatch(/Koden stämmer inte/);
    const ok = await inject({ method: 'POST', url: '/api/auth/mfa', payload: { mfaToken, code: code.replace(/^(\d{3})/, '$1 ') } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().recoveryCodes).toBeUndefined();
    const again = await inject({ method: 'POST', url: '/api/auth/mfa', payload: { mfaToken, code } });
    expect(again.statusCode).toBe(401);
    await app.close();
  });

  test('a recovery code signs in once', async () => {
    const { app, inject, worker, login, recoveryCode } = await (async () => {
      const s = await setup();
      const { recoveryCodes } = await s.enrol();
      return { ...s, recoveryCode: recoveryCodes[3]! };
    })();
    const token = async () => ((await login(worker)).json() as { mfaToken: string }).mfaToken;
    expect((await inject({ method: 'POST', url: '/api/auth/mfa', payload: { mfaToken: await token(), code: recoveryCode.toUpperCase() } })).statusCode).toBe(200);
    expect((await inject({ method: 'POST', url: '/api/auth/mfa', payload: { mfaToken: await token(), code: recoveryCode } })).statusCode).toBe(401);
    await app.close();
  });

  test('the password alone opens nothing: no session cookie, and the token is no session', async () => {
    const { app, inject, worker, login, enrol } = await setup();
    await enrol();
    const first = await login(worker);
    expect(first.headers['set-cookie']).toBeUndefined();
    const { mfaToken } = first.json() as { mfaToken: string };
    expect((await inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${mfaToken}` } })).statusCode).toBe(401);
    await app.close();
  });

  test('an altered token is refused in Swedish', async () => {
    const { app, inject, worker, login, codeFor, enrol } = await setup();
    const { secret } = await enrol();
    const { mfaToken } = (await login(worker)).json() as { mfaToken: string };
    const altered = await inject({ method: 'POST', url: '/api/auth/mfa', payload: { mfaToken: mfaToken.slice(0, -3) + 'abc', code: codeFor(secret) } });
    expect(altered.statusCode).toBe(401);
    expect(altered.json().detail).toMatch(/Inloggningen har gått ut/);
    await app.close();
  });

  test('wrong codes are throttled like passwords', async () => {
    const { app, inject, worker, login, enrol } = await setup();
    await enrol();
    const { mfaToken } = (await login(worker)).json() as { mfaToken: string };
    const answers: number[] = [];
    for (let i = 0; i < 6; i++) answers.push((await inject({ method: 'POST', url: '/api/auth/mfa', payload: { mfaToken, code: 'fel-kod' } })).statusCode);
    expect(answers.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(answers.at(-1)).toBe(429);
    await app.close();
  });

  test('a role that does not require it signs in with the password alone, and can turn it on and off', async () => {
    const { app, inject, teacher, login, codeFor, step } = await setup();
    const res = await login(teacher);
    expect(res.statusCode).toBe(200);
    const cookie = cookieOf(res);
    expect((await inject({ method: 'GET', url: '/api/me/mfa', headers: { cookie } })).json()).toEqual({ enabled: false, required: false, recoveryCodesLeft: 0 });
    const { secret } = (await inject({ method: 'POST', url: '/api/me/mfa/enrol', headers: { cookie } })).json() as { secret: string };
    const wrong = await inject({ method: 'POST', url: '/api/me/mfa/confirm', headers: { cookie }, payload: { code: codeFor(secret, 5) } });
    expect(wrong.statusCode).toBe(400);
    const confirm = await inject({ method: 'POST', url: '/api/me/mfa/confirm', headers: { cookie }, payload: { code: codeFor(secret) } });
    expect(confirm.statusCode).toBe(200);
    expect(confirm.json().recoveryCodes).toHaveLength(10);
    expect((await login(teacher)).json()).toMatchObject({ code: 'mfa_required', enrolment: false });
    step();
    expect((await inject({ method: 'POST', url: '/api/me/mfa/disable', headers: { cookie }, payload: { code: codeFor(secret) } })).statusCode).toBe(200);
    expect((await login(teacher)).statusCode).toBe(200);
    await app.close();
  });

  test('a role that requires it cannot turn it off; an enrolment cannot replace a confirmed factor', async () => {
    const { app, inject, codeFor, step, enrol } = await setup();
    const { secret, done } = await enrol();
    const cookie = cookieOf(done);
    step();
    const off = await inject({ method: 'POST', url: '/api/me/mfa/disable', headers: { cookie }, payload: { code: codeFor(secret) } });
    expect(off.statusCode).toBe(403);
    expect(off.json().detail).toMatch(/kräver tvåstegsverifiering/);
    expect((await inject({ method: 'POST', url: '/api/me/mfa/enrol', headers: { cookie } })).statusCode).toBe(409);
    await app.close();
  });

  test('new recovery codes take a current code and end the old ones', async () => {
    const { app, inject, worker, login, codeFor, step, enrol } = await setup();
    const { secret, done, recoveryCodes } = await enrol();
    step();
    const renewed = await inject({ method: 'POST', url: '/api/me/mfa/recovery-codes', headers: { cookie: cookieOf(done) }, payload: { code: codeFor(secret) } });
    expect(renewed.statusCode).toBe(200);
    const { mfaToken } = (await login(worker)).json() as { mfaToken: string };
    expect((await inject({ method: 'POST', url: '/api/auth/mfa', payload: { mfaToken, code: recoveryCodes[0] } })).statusCode).toBe(401);
    expect((await inject({ method: 'POST', url: '/api/auth/mfa', payload: { mfaToken, code: renewed.json().recoveryCodes[0] } })).statusCode).toBe(200);
    await app.close();
  });

  test('the secret is sealed at rest: the table holds no base32 secret', async () => {
    const { app, db, enrol } = await setup();
    const { secret } = await enrol();
    const rows = await db.select().from(secondFactors);
    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows)).not.toContain(secret);
    await app.close();
  });

  test('outside production nothing is required unless MFA_REQUIRED_ROLES says so', async () => {
    const { app, worker, login } = await setup({});
    expect((await login(worker)).statusCode).toBe(200);
    await app.close();
  });

  test('an administrator resets a lost factor (audited): the person sets up a new one at the next sign-in; a district admin of another district cannot', async () => {
    const { app, db, inject, worker, login, enrol } = await setup({ MFA_REQUIRED_ROLES: 'social_worker' });
    await enrol();
    const admin = await createUser(db, { memberships: [{ organisationId: null, role: 'admin' }] });
    const adminCookie = cookieOf(await login(admin));
    const [elsewhere] = await db.insert(districts).values({ name: `Annanstans ${worker.id.slice(0, 6)}` }).returning();
    const stranger = await createUser(db, { memberships: [{ organisationId: null, role: 'district_admin', districtId: elsewhere!.id }] });
    const strangerCookie = cookieOf(await login(stranger));
    const url = `/api/admin/users/${worker.id}/second-factor/reset`;
    expect((await inject({ method: 'POST', url, headers: { cookie: strangerCookie } })).statusCode).toBe(404);
    expect((await login(worker)).json()).toMatchObject({ enrolment: false });
    expect((await inject({ method: 'POST', url, headers: { cookie: adminCookie } })).statusCode).toBe(200);
    expect((await login(worker)).json()).toMatchObject({ code: 'mfa_required', enrolment: true });
    const logged = await db.select().from(auditLog).where(eq(auditLog.targetId, worker.id));
    expect(logged.map((r) => r.action)).toContain('person.second_factor_reset');
    await app.close();
  });
});
