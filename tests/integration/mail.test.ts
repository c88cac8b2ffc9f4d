import { randomBytes } from 'node:crypto';
import ICAL from 'ical.js';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { outbox } from '../../db/schema/index.ts';
import { fixedClock } from '../../server/lib/clock.ts';
import { asUser, buildTestApp } from '../helpers/app.ts';
import { assignContact, createDistrict, createSlot, createUser, reportMeetingRequest } from '../helpers/factories.ts';
import { calendarOf, startSmtpSink, type SmtpSink } from '../helpers/smtp.ts';

let smtp: SmtpSink;
beforeAll(async () => {
  smtp = await startSmtpSink();
});
afterAll(() => smtp.close());

const NOTE = 'Oro kring Kalle i 4B, mamman har ringt två gånger';
const LABEL = 'Elev B, åk 4';

// Monday 2 March 2026, 09:00 in Stockholm.
async function district(env: Record<string, string> = {}) {
  const clock = fixedClock('2026-03-02T09:00:00+01:00');
  const { app, db } = await buildTestApp({ clock, env: { SMTP_URL: smtp.url, PUBLIC_URL: 'https://samverkan.example.se', ...env } });
  const d = await createDistrict(db);
  const anna = await createUser(db, { name: 'Anna Berg', memberships: [{ organisationId: d.team.id, role: 'social_worker' }] });
  const bo = await createUser(db, { name: 'Bo Ek', memberships: [{ organisationId: d.team.id, role: 'social_worker' }] });
  const lead = await createUser(db, { name: 'Maria Chef', memberships: [{ organisationId: d.team.id, role: 'team_lead' }] });
  const pedagogue = await createUser(db, { name: 'Per Pedagog', memberships: [{ organisationId: d.school.id, role: 'pedagogue' }] });
  const principal = await createUser(db, { name: 'Rut Rektor', memberships: [{ organisationId: d.school.id, role: 'principal' }] });
  const slot = await createSlot(db, { organisationId: d.school.id, hostIds: [anna.id], startsAt: '2026-03-10T13:00:00+01:00' });
  const later = await createSlot(db, { organisationId: d.school.id, hostIds: [anna.id], startsAt: '2026-03-12T14:00:00+01:00' });
  return { app, db, clock, ...d, anna, bo, lead, pedagogue, principal, slot, later };
}

const eventOf = (ics: string) => {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const event = calendar.getFirstSubcomponent('vevent')!;
  return { method: calendar.getFirstPropertyValue('method'), event, e: new ICAL.Event(event) };
};

describe('mail about a booking', () => {
  test('booker and host each get one Swedish mail with an invite whose times are the booking’s; no mail holds the note', async () => {
    const { app, slot, anna, pedagogue } = await district();
    const res = await app.inject({ method: 'POST', url: `/api/slots/${slot.id}/bookings`, headers: await asUser(app, pedagogue), payload: { topic: 'unsure_report', note: NOTE } });
    expect(res.statusCode).toBe(201);
    await app.mail.worker.drain();

    const [toBooker] = smtp.to(pedagogue.email);
    const [toHost] = smtp.to(anna.email);
    expect(smtp.to(pedagogue.email)).toHaveLength(1);
    expect(smtp.to(anna.email)).toHaveLength(1);
    expect(toBooker!.subject).toBe('Bokad: walk-and-talk tisdag 10 mars kl. 13.00');
    expect(toBooker!.text).toContain('Din walk-and-talk är bokad.');
    expect(toBooker!.text).toContain('När: tisdag 10 mars kl. 13.00–13.45');
    expect(toBooker!.text).toContain('https://samverkan.example.se/mina-bokningar');
    expect(toBooker!.html).toContain('lang="sv"');
    expect(toHost!.text).toContain('Per Pedagog på');
    expect(toHost!.text).toContain('https://samverkan.example.se/min-vecka');
    for (const mail of [toBooker!, toHost!]) {
      const everything = `${mail.subject}\n${mail.text}\n${mail.html}\n${calendarOf(mail)}`;
      expect(everything).not.toContain('Kalle');
      expect(everything).not.toContain('mamman');
      expect(everything).not.toContain('unsure_report');
    }

    const { method, e, event } = eventOf(calendarOf(toBooker!)!);
    expect(method).toBe('REQUEST');
    expect(e.startDate.toJSDate().toISOString()).toBe(slot.startsAt.toISOString());
    expect(e.endDate.toJSDate().toISOString()).toBe(slot.endsAt.toISOString());
    expect(e.sequence).toBe(0);
    expect(e.attendees.map((a) => String(a.getFirstValue()).toLowerCase()).sort()).toEqual([`mailto:${anna.email}`, `mailto:${pedagogue.email}`].sort());
    expect(event.getFirstSubcomponent('valarm')!.getFirstPropertyValue('trigger')!.toString()).toBe('-PT30M');
  });

  test('a move sends the same UID with a higher SEQUENCE and the new time; a cancellation METHOD:CANCEL', async () => {
    const { app, slot, later, pedagogue } = await district();
    const headers = await asUser(app, pedagogue);
    const booked = (await app.inject({ method: 'POST', url: `/api/slots/${slot.id}/bookings`, headers, payload: { topic: 'general_question' } })).json();
    expect((await app.inject({ method: 'POST', url: `/api/bookings/${booked.id}/move`, headers, payload: { slotId: later.id } })).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: `/api/bookings/${booked.id}/cancel`, headers, payload: {} })).statusCode).toBe(200);
    await app.mail.worker.drain();

    const mails = smtp.to(pedagogue.email);
    expect(mails.map((m) => m.subject)).toEqual([
      'Bokad: walk-and-talk tisdag 10 mars kl. 13.00',
      'Flyttad: walk-and-talk, nu torsdag 12 mars kl. 14.00',
      'Inställd: walk-and-talk torsdag 12 mars kl. 14.00',
    ]);
    const [first, moved, cancelled] = mails.map((m) => eventOf(calendarOf(m)!));
    expect(moved!.e.uid).toBe(first!.e.uid);
    expect(moved!.e.sequence).toBe(1);
    expect(moved!.e.startDate.toJSDate().toISOString()).toBe(later.startsAt.toISOString());
    expect(cancelled!.method).toBe('CANCEL');
    expect(cancelled!.e.uid).toBe(first!.e.uid);
    expect(cancelled!.e.sequence).toBe(2);
  });

  test('a host who moves and then cancels a booked slot: the booker hears of both (same UID, higher SEQUENCE), the host who did it of neither, and never the reason', async () => {
    const { app, slot, anna, bo, pedagogue, school, db } = await district();
    const { slotHosts } = await import('../../db/schema/index.ts');
    await db.insert(slotHosts).values({ slotId: slot.id, userId: bo.id, startsAt: slot.startsAt, endsAt: slot.endsAt });
    expect((await app.inject({ method: 'POST', url: `/api/slots/${slot.id}/bookings`, headers: await asUser(app, pedagogue), payload: { topic: 'general_question' } })).statusCode).toBe(201);
    const asAnna = await asUser(app, anna);
    expect((await app.inject({ method: 'POST', url: `/api/slots/${slot.id}/move`, headers: asAnna, payload: { startsAt: '2026-03-11T10:00:00+01:00' } })).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: `/api/slots/${slot.id}/cancel`, headers: asAnna, payload: { reason: 'Sjuk, Kalles mamma ringde' } })).statusCode).toBe(200);
    await app.mail.worker.drain();
    const mails = smtp.to(pedagogue.email);
    expect(mails.map((m) => m.subject)).toEqual(['Bokad: walk-and-talk tisdag 10 mars kl. 13.00', 'Flyttad: walk-and-talk, nu onsdag 11 mars kl. 10.00', 'Inställd: walk-and-talk onsdag 11 mars kl. 10.00']);
    expect(mails.map((m) => eventOf(calendarOf(m)!).e.sequence)).toEqual([0, 1, 2]);
    expect(eventOf(calendarOf(mails[2]!)!).method).toBe('CANCEL');
    expect(smtp.to(anna.email).map((m) => m.subject)).toEqual(['Bokad: walk-and-talk tisdag 10 mars kl. 13.00']);
    expect(smtp.to(bo.email)).toHaveLength(3);
    for (const m of [...mails, ...smtp.to(bo.email)]) expect(`${m.text}${m.html}`).not.toContain('Kalle');
    expect(school.id).toBeTruthy();
  });

  test('a refused booking writes no mail: the mail exists exactly when the booking does', async () => {
    const { app, db, school, slot, pedagogue } = await district();
    const colleague = await createUser(db, { memberships: [{ organisationId: school.id, role: 'pedagogue' }] });
    expect((await app.inject({ method: 'POST', url: `/api/slots/${slot.id}/bookings`, headers: await asUser(app, pedagogue), payload: { topic: 'general_question' } })).statusCode).toBe(201);
    expect((await app.inject({ method: 'POST', url: `/api/slots/${slot.id}/bookings`, headers: await asUser(app, colleague), payload: { topic: 'general_question' } })).statusCode).toBe(409);
    expect(await db.select().from(outbox).where(eq(outbox.recipientId, colleague.id))).toEqual([]);
    expect(await db.select().from(outbox).where(eq(outbox.recipientId, pedagogue.id))).toHaveLength(1);
  });

  test('two copies of the app sending at once send each mail once', async () => {
    const first = await district();
    const second = await buildTestApp({ clock: first.clock, env: { SMTP_URL: smtp.url } });
    const people = await Promise.all(Array.from({ length: 6 }, () => createUser(first.db, { memberships: [{ organisationId: first.school.id, role: 'pedagogue' }] })));
    const slots = await Promise.all(people.map((_, i) => createSlot(first.db, { organisationId: first.school.id, hostIds: [first.anna.id], startsAt: `2026-03-${String(16 + i).padStart(2, '0')}T10:00:00+01:00` })));
    for (const [i, p] of people.entries()) {
      const res = await first.app.inject({ method: 'POST', url: `/api/slots/${slots[i]!.id}/bookings`, headers: await asUser(first.app, p), payload: { topic: 'general_question' } });
      expect(res.statusCode).toBe(201);
    }
    await Promise.all([first.app.mail.worker.drain(), second.app.mail.worker.drain(), first.app.mail.worker.drain(), second.app.mail.worker.drain()]);
    for (const p of people) expect(smtp.to(p.email)).toHaveLength(1);
    expect(smtp.to(first.anna.email)).toHaveLength(6);
    await second.app.close();
  });
});

describe('when mail cannot go', () => {
  test('with the SMTP server down the booking still succeeds; the mail waits, without the address in its error, and goes when the server is back', async () => {
    const down = await startSmtpSink();
    await down.close();
    const { app, db, clock, slot, pedagogue } = await district({ SMTP_URL: down.url });
    expect((await app.inject({ method: 'POST', url: `/api/slots/${slot.id}/bookings`, headers: await asUser(app, pedagogue), payload: { topic: 'general_question' } })).statusCode).toBe(201);
    await app.mail.worker.runOnce();
    const [waiting] = await db.select().from(outbox).where(eq(outbox.recipientId, pedagogue.id));
    expect(waiting).toMatchObject({ sentAt: null, failedAt: null, attempts: 1 });
    expect(waiting!.nextAttemptAt.getTime()).toBe(clock.now().getTime() + 30_000);
    expect(waiting!.lastError).toMatch(/ECONNREFUSED|ESOCKET|ECONNECTION/);
    expect(waiting!.lastError).not.toContain(pedagogue.email);
    expect(await app.mail.backlog()).toMatchObject({ waiting: expect.any(Number) });

    // The same mail, sent by a copy that reaches a server once its time has come.
    const up = await buildTestApp({ clock, env: { SMTP_URL: smtp.url } });
    await up.app.mail.worker.drain();
    expect(smtp.to(pedagogue.email)).toHaveLength(0);
    clock.advance(31_000);
    await up.app.mail.worker.drain();
    expect(smtp.to(pedagogue.email)).toHaveLength(1);
    await up.app.close();
  });

  test('a disabled recipient is skipped, and the log names neither the address nor the person', async () => {
    const lines: string[] = [];
    const clock = fixedClock('2026-03-02T09:00:00+01:00');
    const { app, db } = await buildTestApp({ clock, env: { SMTP_URL: smtp.url }, logger: { level: 'info', stream: { write: (l: string) => lines.push(l) } } });
    const d = await createDistrict(db);
    const host = await createUser(db, { name: 'Hanna Värd', memberships: [{ organisationId: d.team.id, role: 'social_worker' }] });
    const pedagogue = await createUser(db, { memberships: [{ organisationId: d.school.id, role: 'pedagogue' }] });
    const slot = await createSlot(db, { organisationId: d.school.id, hostIds: [host.id], startsAt: '2026-03-10T13:00:00+01:00' });
    expect((await app.inject({ method: 'POST', url: `/api/slots/${slot.id}/bookings`, headers: await asUser(app, pedagogue), payload: { topic: 'general_question' } })).statusCode).toBe(201);
    const { users } = await import('../../db/schema/index.ts');
    await db.update(users).set({ disabledAt: clock.now() }).where(eq(users.id, host.id));
    await app.mail.worker.drain();
    expect(smtp.to(host.email)).toEqual([]);
    expect(smtp.to(pedagogue.email)).toHaveLength(1);
    const [skipped] = await db.select().from(outbox).where(eq(outbox.recipientId, host.id));
    expect(skipped!.skippedAt).not.toBeNull();
    const log = lines.join('\n');
    expect(log).toContain('e-post hoppas över');
    expect(log).not.toContain(host.email);
    expect(log).not.toContain('Hanna');
  });
});

describe('mail about a meeting', () => {
  test('an urgent request reaches the team lead and the school’s contact at once, says it is urgent, and never holds the label', async () => {
    const { app, db, school, anna, bo, lead, principal } = await district();
    await assignContact(db, { organisationId: school.id, userId: bo.id, startsOn: '2026-01-01' });
    const res = await app.inject({ method: 'POST', url: '/api/meetings', headers: await asUser(app, principal), payload: reportMeetingRequest(school.id, { urgency: 'urgent', label: LABEL }) });
    expect(res.statusCode).toBe(201);
    await app.mail.worker.drain();
    const [toLead] = smtp.to(lead.email);
    expect(smtp.to(bo.email)).toHaveLength(1);
    expect(smtp.to(anna.email)).toEqual([]);
    expect(smtp.to(principal.email)).toEqual([]);
    expect(toLead!.subject).toMatch(/^Brådskande begäran: anmälningsmöte, /);
    expect(toLead!.text).toContain('Rut Rektor på');
    expect(toLead!.text).toContain('Begäran är brådskande.');
    expect(toLead!.text).toContain(`https://samverkan.example.se/moten/${res.json().id}`);
    expect(`${toLead!.subject}${toLead!.text}${toLead!.html}`).not.toContain('Elev B');
    expect(calendarOf(toLead!)).toBeUndefined();
  });

  test('scheduling sends the workers and the principal an invite at the meeting’s time; cancelling sends METHOD:CANCEL', async () => {
    const { app, db, school, anna, bo, lead, principal } = await district();
    const asLead = await asUser(app, lead);
    const id = (await app.inject({ method: 'POST', url: '/api/meetings', headers: await asUser(app, principal), payload: reportMeetingRequest(school.id) })).json().id;
    const times = { startsAt: '2026-03-11T10:00:00+01:00', endsAt: '2026-03-11T11:00:00+01:00' };
    expect((await app.inject({ method: 'POST', url: `/api/meetings/${id}/schedule`, headers: asLead, payload: { ...times, socialWorkerIds: [anna.id, bo.id] } })).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: `/api/meetings/${id}/cancel`, headers: asLead, payload: { reason: 'Familjen har flyttat' } })).statusCode).toBe(200);
    await app.mail.worker.drain();
    for (const person of [anna, bo, principal]) {
      const [scheduled, cancelled] = smtp.to(person.email);
      expect(scheduled!.subject).toMatch(/^Bokat: anmälningsmöte onsdag 11 mars kl. 10.00, /);
      const invite = eventOf(calendarOf(scheduled!)!);
      expect(invite.method).toBe('REQUEST');
      expect(invite.e.startDate.toJSDate().toISOString()).toBe(new Date(times.startsAt).toISOString());
      expect(cancelled!.subject).toMatch(/^Inställt: anmälningsmöte onsdag 11 mars kl. 10.00, /);
      expect(eventOf(calendarOf(cancelled!)!).method).toBe('CANCEL');
      expect(`${cancelled!.text}${cancelled!.html}`).not.toContain('flyttat');
    }
    const rows = await db.select().from(outbox).where(inArray(outbox.recipientId, [anna.id, bo.id, principal.id]));
    expect(rows.every((r) => r.sentAt !== null)).toBe(true);
  });
});

describe('the dev mailbox', () => {
  test('in demo mode the administrator reads what was sent, invite included; others are refused, and outside demo mode it does not exist', async () => {
    const clock = fixedClock('2026-03-02T09:00:00+01:00');
    const { app, db } = await buildTestApp({ clock, env: { DEMO_DATA: 'true', SMTP_URL: '' } });
    const d = await createDistrict(db);
    const host = await createUser(db, { memberships: [{ organisationId: d.team.id, role: 'social_worker' }] });
    const pedagogue = await createUser(db, { memberships: [{ organisationId: d.school.id, role: 'pedagogue' }] });
    const admin = await createUser(db, { memberships: [{ organisationId: null, role: 'admin' }] });
    const slot = await createSlot(db, { organisationId: d.school.id, hostIds: [host.id], startsAt: '2026-03-10T13:00:00+01:00' });
    const headers = await asUser(app, pedagogue);
    expect((await app.inject({ method: 'POST', url: `/api/slots/${slot.id}/bookings`, headers, payload: { topic: 'general_question', note: NOTE } })).statusCode).toBe(201);
    await app.mail.worker.drain();

    // The mailbox holds every mail (other files' too, on one database); to= narrows it to one address.
    const adminHeaders = await asUser(app, admin);
    const res = await app.inject({ method: 'GET', url: `/api/dev/outbox?to=${encodeURIComponent(pedagogue.email.toUpperCase())}`, headers: adminHeaders });
    expect(res.statusCode).toBe(200);
    const mine = res.json();
    expect(mine).toEqual([
      expect.objectContaining({ to: pedagogue.email, subject: 'Bokad: walk-and-talk tisdag 10 mars kl. 13.00', attachments: [expect.objectContaining({ filename: 'inbjudan.ics', contentType: 'text/calendar' })] }),
    ]);
    expect(mine[0].attachments[0].content).toContain('METHOD:REQUEST');
    expect(JSON.stringify(mine)).not.toContain('Kalle');
    expect((await app.inject({ method: 'GET', url: '/api/dev/outbox?to=inte-en-adress', headers: adminHeaders })).json()).toMatchObject({ status: 400, code: 'invalid_request' });
    expect((await app.inject({ method: 'GET', url: '/api/dev/outbox', headers })).statusCode).toBe(403);

    // A served database without DEMO_DATA (the app's own connection is the test's, whatever the URL says).
    const served = { DEMO_DATA: 'false', DATABASE_URL: 'postgres://unused@127.0.0.1:1/unused', SESSION_SECRET: randomBytes(48).toString('base64url') };
    const production = await buildTestApp({ clock, env: served });
    const notDemo = await production.app.inject({ method: 'GET', url: '/api/dev/outbox', headers: await asUser(production.app, admin) });
    expect(notDemo.statusCode).toBe(404);
    await production.app.close();
  });
});
