// npm exec -- node bench/mail.ts   (DATABASE_URL=… for PostgreSQL; else in-memory PGlite)
// The outbox under load, against a real local SMTP server (smtp-server, accepting everything):
// 1. how many mails a second one worker sends, draining 1,000 waiting mails;
// 2. how long a booking's mail takes from the booking's commit to the SMTP server's accept, with
//    the worker polling as in production (every MAIL_POLL_SECONDS, here 1) while 20 people book.
import { randomUUID } from 'node:crypto';
import { and, isNull } from 'drizzle-orm';
import { outbox } from '../db/schema/index.ts';
import { systemClock } from '../server/lib/clock.ts';
import { createMailRepository } from '../server/modules/mail/mail.repository.ts';
import { asUser, buildTestApp } from '../tests/helpers/app.ts';
import { createDistrict, createSlot, createUser } from '../tests/helpers/factories.ts';
import { startSmtpSink } from '../tests/helpers/smtp.ts';

const smtp = await startSmtpSink();
/** The first mail each address got, and when the SMTP server accepted it. */
function firstAccepted() {
  const accepted = new Map<string, number>();
  smtp.mails.forEach((m, i) => {
    const to = [m.to].flat()[0]?.value[0]?.address;
    if (to && !accepted.has(to)) accepted.set(to, smtp.acceptedAt[i]!);
  });
  return accepted;
}

const { app, db } = await buildTestApp({ clock: systemClock, env: { SMTP_URL: smtp.url, MAIL_WORKER: 'true', MAIL_POLL_SECONDS: '1' } });
await app.mail.worker.stop(); // the first part drains by hand
// On a database the tests used, their mails would still be waiting: they are set aside first.
await db.update(outbox).set({ skippedAt: new Date() }).where(and(isNull(outbox.sentAt), isNull(outbox.skippedAt), isNull(outbox.failedAt)));
const d = await createDistrict(db);
const host = await createUser(db, { memberships: [{ organisationId: d.team.id, role: 'social_worker' }] });

// 1. Throughput: 1,000 mails waiting, one worker draining them.
const people = await Promise.all(Array.from({ length: 50 }, () => createUser(db, { memberships: [{ organisationId: d.school.id, role: 'pedagogue' }] })));
const messages = Array.from({ length: 1000 }, (_, i) => ({
  dedupeKey: `bench:${randomUUID()}`,
  recipientId: people[i % people.length]!.id,
  kind: 'booking.booked',
  subject: 'Bokad: walk-and-talk tisdag 10 mars kl. 13.00',
  text: 'Din walk-and-talk är bokad.',
  html: '<p>Din walk-and-talk är bokad.</p>',
  ics: null,
  link: '/mina-bokningar',
}));
await createMailRepository(db).enqueue(messages, new Date());
const before = smtp.mails.length;
const t0 = performance.now();
await app.mail.worker.drain();
const seconds = (performance.now() - t0) / 1000;
const sent = smtp.mails.length - before;

// 2. Commit → accept, the worker running as in production.
const { app: live } = await buildTestApp({ clock: systemClock, env: { SMTP_URL: smtp.url, MAIL_WORKER: 'true', MAIL_POLL_SECONDS: '1' } });
const bookers = await Promise.all(Array.from({ length: 200 }, () => createUser(db, { memberships: [{ organisationId: d.school.id, role: 'pedagogue' }] })));
const slots = await Promise.all(bookers.map((_, i) => createSlot(db, { organisationId: d.school.id, hostIds: [host.id], startsAt: new Date(Date.now() + (3 + i) * 86_400_000).toISOString() })));
const sessions: { cookie: string }[] = [];
for (const b of bookers) sessions.push(await asUser(live, b));
const committed = new Map<string, number>();
for (let wave = 0; wave < 10; wave++) {
  await Promise.all(
    Array.from({ length: 20 }, async (_, j) => {
      const i = wave * 20 + j;
      const res = await live.inject({ method: 'POST', url: `/api/slots/${slots[i]!.id}/bookings`, headers: sessions[i]!, payload: { topic: 'general_question' } });
      if (res.statusCode !== 201) throw new Error(`booking ${i}: ${res.statusCode}`);
      committed.set(bookers[i]!.email, Date.now());
    }),
  );
}
const deadline = Date.now() + 30_000;
while ([...committed.keys()].some((e) => !firstAccepted().has(e)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
const accepted = firstAccepted();
const delays = [...committed].filter(([email]) => accepted.has(email)).map(([email, at]) => accepted.get(email)! - at).sort((a, b) => a - b);
const pct = (p: number) => delays[Math.min(delays.length - 1, Math.floor((p / 100) * delays.length))]!;

console.log(`Mail (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}, Node ${process.version})\n`);
console.log('| | result |\n|---|---|');
console.log(`| one worker draining 1,000 waiting mails into a local SMTP server | **${Math.round(sent / seconds)} mails/s** (${sent} in ${seconds.toFixed(1)} s) |`);
console.log(`| booking commit → SMTP accept, 200 bookings by 20 at a time, worker polling every 1 s | p50 **${pct(50)} ms**, p99 **${pct(99)} ms** (${delays.length} of 200 arrived) |`);
await app.close();
await live.close();
await smtp.close();
process.exit(0);
