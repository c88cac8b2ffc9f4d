// node bench/booking-cost.ts [checkout …]   (PostgreSQL at BENCH_ADMIN_URL)
// What a booking costs, side by side: each checkout given (default: this one) runs as its own
// process on its own fresh database with the demo district, and the same bookings are made
// against them in alternating waves, so a busier moment of the machine falls on all of them
// alike. Each booking wins its own slot (so every one writes whatever a won booking writes: with
// the outbox, the mails and notifications to the booker and the host), 20 at a time over HTTP.
// Used to hold the outbox to its budget: the booking's p99 may grow by at most 10 %.
//   git worktree add /tmp/before <commit> && ln -s $PWD/node_modules /tmp/before/node_modules
//   node bench/booking-cost.ts /tmp/before .
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { hash } from '@node-rs/argon2';
import pg from 'pg';
import { signIn } from './sign-in.ts';

const ADMIN_URL = process.env.BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const WAVES = Number(process.env.BENCH_WAVES ?? 40);
const AT_ONCE = 20;
const PASSWORD = 'booking-cost-123';

const checkouts = (process.argv.length > 2 ? process.argv.slice(2) : [path.resolve(import.meta.dirname, '..')]).map((c) => path.resolve(c));

function start(dir: string, env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['server/main.ts'], { cwd: dir, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    const onData = (buf: Buffer) => {
      if (!/Samverkan kör på/.test(buf.toString())) return;
      child.stdout!.off('data', onData).resume();
      resolve(child);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (b: Buffer) => process.stderr.write(b));
    child.on('exit', (code) => reject(new Error(`${dir}: exited with ${code}`)));
  });
}

type Target = { dir: string; base: string; child: ChildProcess; slots: string[]; cookies: string[]; timings: number[]; cpuMs: number };

/** CPU time the process has used, user and system, in ms (Linux /proc; clock ticks of 10 ms). */
const cpuMsOf = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
};

async function prepare(dir: string, i: number): Promise<Target> {
  const name = `samverkan_booking_cost_${i}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  await admin.end();
  const databaseUrl = ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
  const port = 3950 + i;
  const child = await start(dir, {
    DATABASE_URL: databaseUrl,
    SESSION_SECRET: randomBytes(48).toString('base64url'),
    DEMO_DATA: 'true',
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    NODE_ENV: 'development',
    API_REQUESTS_PER_MINUTE: '100000000',
    LOGIN_MAX_FAILURES_PER_ADDRESS: '100000',
    LOGIN_MAX_SIGN_INS_PER_ADDRESS: '100000',
  });
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const passwordHash = await hash(PASSWORD);
  const school = (await db.query(`select id from organisations where name = 'Vällingbyskolan'`)).rows[0].id as string;
  const host = (await db.query(`select user_id from memberships where role = 'social_worker' order by user_id limit 1`)).rows[0].user_id as string;
  const total = WAVES * AT_ONCE;
  const people = (
    await db.query(
      `insert into users (email, name, password_hash)
       select 'cost-' || g || '@bench.example', 'Bokare ' || g, $1 from generate_series(1, $2) g returning id, email`,
      [passwordHash, total],
    )
  ).rows as { id: string; email: string }[];
  await db.query(`insert into memberships (user_id, organisation_id, role) select unnest($1::uuid[]), $2, 'pedagogue'`, [people.map((p) => p.id), school]);
  // One free slot each, one an hour a year ahead, the demo host walking.
  const slots = (
    await db.query(
      `insert into slots (organisation_id, kind, starts_at, ends_at, location, capacity)
       select $1, 'walk_and_talk', d, d + interval '45 minutes', 'Entrén', 1
       from (select (date_trunc('day', now()) + interval '365 days' + g * interval '1 hour' + interval '7 hours') d from generate_series(1, $2) g) s
       returning id, starts_at, ends_at`,
      [school, total],
    )
  ).rows as { id: string; starts_at: Date; ends_at: Date }[];
  for (const s of slots) await db.query(`insert into slot_hosts (slot_id, user_id, starts_at, ends_at) values ($1, $2, $3, $4)`, [s.id, host, s.starts_at, s.ends_at]);
  await db.query('delete from login_attempts');
  await db.query('analyze');
  await db.end();
  const base = `http://127.0.0.1:${port}`;
  const cookies: string[] = [];
  for (const p of people) cookies.push(await signIn(base, p.email, PASSWORD));
  return { dir, base, child, slots: slots.map((s) => s.id), cookies, timings: [], cpuMs: 0 };
}

async function wave(t: Target, n: number) {
  const cpu0 = cpuMsOf(t.child.pid!);
  await Promise.all(
    Array.from({ length: AT_ONCE }, async (_, j) => {
      const i = n * AT_ONCE + j;
      const t0 = performance.now();
      const res = await fetch(`${t.base}/api/slots/${t.slots[i]}/bookings`, {
        method: 'POST',
        headers: { cookie: t.cookies[i]!, 'content-type': 'application/json', origin: t.base },
        body: JSON.stringify({ topic: 'general_question' }),
      });
      await res.arrayBuffer();
      if (res.status !== 201) throw new Error(`${t.dir}: booking ${i} answered ${res.status}`);
      t.timings.push(performance.now() - t0);
    }),
  );
  t.cpuMs += cpuMsOf(t.child.pid!) - cpu0;
}

const targets: Target[] = [];
try {
  for (const [i, dir] of checkouts.entries()) targets.push(await prepare(dir, i));
  // The first waves compile the path: every target gets them, then they are forgotten.
  for (let n = 0; n < 3; n++) for (const t of targets) await wave(t, n);
  for (const t of targets) {
    t.timings.length = 0;
    t.cpuMs = 0;
  }
  for (let n = 3; n < WAVES; n++) for (const t of targets) await wave(t, n);
  const pct = (xs: number[], p: number) => Math.round([...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!);
  console.log(`Booking cost (${(WAVES - 3) * AT_ONCE} won bookings each, ${AT_ONCE} at a time, waves alternating)\n`);
  console.log('| checkout | p50 ms | p99 ms | app CPU ms per booking |\n|---|---:|---:|---:|');
  for (const t of targets) console.log(`| ${path.basename(t.dir)} | ${pct(t.timings, 50)} | ${pct(t.timings, 99)} | ${(t.cpuMs / t.timings.length).toFixed(2)} |`);
} finally {
  for (const t of targets) t.child.kill('SIGTERM');
}
