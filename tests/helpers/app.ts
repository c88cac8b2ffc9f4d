import type { FastifyServerOptions, LightMyRequestResponse } from 'fastify';
import { buildApp, type App } from '../../server/app.ts';
import { loadConfig, type Config } from '../../server/config.ts';
import type { Clock } from '../../server/lib/clock.ts';
import { testClock } from './clock.ts';
import { testDb } from './db.ts';
import type { TestUser } from './factories.ts';

/**
 * Every test signs in from 127.0.0.1 against one shared database, so the whole suite is one
 * address to the throttle: its limit on successful sign-ins per address is lifted here (tests of
 * that limit set it themselves). Every other setting is the production default.
 */
// The mail worker is off: a test sends the outbox itself (app.mail.drain()), so no other test's app takes its mail.
// Every test signs in from 127.0.0.1 into one shared database: the per-address limits are lifted
// (tests of them set their own), or one file's wrong guesses would lock every other file out.
// Overload shedding is off: a test worker running PGlite beside other files would cross the mark (the tests of it set theirs).
export const TEST_ENV = { NODE_ENV: 'test', OVERLOAD_EVENT_LOOP_DELAY_MS: '0', LOGIN_MAX_SIGN_INS_PER_ADDRESS: '1000000', LOGIN_MAX_FAILURES_PER_ADDRESS: '1000000', MAIL_WORKER: 'false' } as const;

export async function buildTestApp(opts: { clock?: Clock; env?: Record<string, string>; logger?: FastifyServerOptions['logger'] } = {}) {
  const database = await testDb();
  const config: Config = loadConfig({ ...TEST_ENV, ...opts.env });
  const app = await buildApp({ config, database, clock: opts.clock ?? testClock, logger: opts.logger });
  await app.ready();
  return { app, db: database.db, database };
}

export function cookieOf(res: LightMyRequestResponse): string {
  const raw = res.headers['set-cookie'];
  const first = Array.isArray(raw) ? raw[0] : raw;
  if (!first) throw new Error('no cookie was set');
  return first.split(';')[0]!;
}

/** Signs the person in through the API and returns headers that carry the session. */
export async function asUser(app: App, user: Pick<TestUser, 'email' | 'password'>) {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: user.email, password: user.password } });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  return { cookie: cookieOf(res) };
}
