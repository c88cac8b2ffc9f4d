// npm exec -- node bench/sign-in-limits.ts   (DATABASE_URL=… for PostgreSQL; else in-memory PGlite)
// What the sign-in throttle gives an attacker and costs a school: guesses tried per account in
// an hour of steady guessing from many addresses, twenty guesses sent at once, and how long 40
// staff behind one address take to sign in together. Prints a small markdown table.
import { fixedClock } from '../server/lib/clock.ts';
import { buildTestApp } from '../tests/helpers/app.ts';
import { createUser } from '../tests/helpers/factories.ts';

const clock = fixedClock('2026-11-23T07:00:00Z');
const { app, db } = await buildTestApp({ clock });
const address = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
const login = (email: string, password: string, remoteAddress: string) =>
  app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password }, remoteAddress });

// An hour of guessing: ten guesses a minute, each from a new address.
const victim = await createUser(db);
let tried = 0;
let n = 0;
for (let minute = 0; minute < 60; minute++) {
  for (let i = 0; i < 10; i++) if ((await login(victim.email, `gissning-${n}`, address(++n))).statusCode === 401) tried++;
  clock.advance(60_000);
}

// Twenty guesses at once.
const second = await createUser(db);
const burst = await Promise.all(Array.from({ length: 20 }, (_, i) => login(second.email, `gissning-${i}`, address(++n))));
const burstTried = burst.filter((r) => r.statusCode === 401).length;

// A school of 40 behind one address, all at once.
const staff = await Promise.all(Array.from({ length: 40 }, () => createUser(db)));
await login(staff[0]!.email, staff[0]!.password, '192.0.2.1'); // warm-up
const t0 = performance.now();
const school = await Promise.all(staff.map((p) => login(p.email, p.password, '192.0.2.2')));
const ms = Math.round(performance.now() - t0);
const ok = school.filter((r) => r.statusCode === 200).length;

console.log(`Sign-in limits (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}, Node ${process.version})\n`);
console.log('| | result |\n|---|---|');
console.log(`| guesses tried in one hour, 600 sent from 600 addresses | **${tried}** (the rest 429 untried) |`);
console.log(`| 20 guesses sent at once | **${burstTried}** tried, ${20 - burstTried} refused untried |`);
console.log(`| 40 staff behind one address sign in at once | **${ok} of 40** in ${ms} ms |`);
await app.close();
process.exit(0);
