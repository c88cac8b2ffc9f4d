import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { caseOrganisations, outbox, teamSettings } from '../../db/schema/index.ts';
import { fixedClock } from '../../server/lib/clock.ts';
import { asUser, buildTestApp } from '../helpers/app.ts';
import { createDistrict, createMeeting, createSlot, createUser, reportMeetingRequest, setTeamSettings } from '../helpers/factories.ts';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp.ts';

let smtp: SmtpSink;
beforeAll(async () => {
  smtp = await startSmtpSink();
});
afterAll(() => smtp.close());

/** A district on Monday 2 March 2026 at the given Stockholm time, sending to the test's SMTP server. */
async function district(at = '14:00') {
  const clock = fixedClock(`2026-03-02T${at}:00+01:00`);
  const { app, db } = await buildTestApp({ clock, env: { SMTP_URL: smtp.url } });
  const d = await createDistrict(db);
  await setTeamSettings(db, d.team.id);
  const mk = (name: string, organisationId: string, role: 'social_worker' | 'team_lead' | 'principal' | 'pupil_health' | 'pedagogue') => createUser(db, { name, memberships: [{ organisationId, role }] });
  const people = {
    anna: await mk('Anna Berg', d.team.id, 'social_worker'),
    lead: await mk('Maria Chef', d.team.id, 'team_lead'),
    principal: await mk('Rut Rektor', d.school.id, 'principal'),
    pedagogue: await mk('Per Pedagog', d.school.id, 'pedagogue'),
  };
  return { app, db, clock, ...d, ...people };
}

const kinds = async (db: Awaited<ReturnType<typeof district>>['db'], userId: string) =>
  (await db.select({ kind: outbox.kind }).from(outbox).where(eq(outbox.recipientId, userId))).map((r) => r.kind).sort();

describe('reminders the day before', () => {
  test('a walk-and-talk tomorrow is remembered once the team’s time (15:00) has come, once each, however often the check runs and in however many copies', async () => {
    const { app, db, clock, school, anna, pedagogue } = await district('14:00');
    const slot = await createSlot(db, { organisationId: school.id, hostIds: [anna.id], startsAt: '2026-03-03T13:00:00+01:00' });
    expect((await app.inject({ method: 'POST', url: `/api/slots/${slot.id}/bookings`, headers: await asUser(app, pedagogue), payload: { topic: 'general_question' } })).statusCode).toBe(201);

    await app.mail.worker.runJobs();
    expect(await kinds(db, pedagogue.id)).toEqual(['booking.booked']);

    clock.set('2026-03-02T15:01:00+01:00');
    const second = await buildTestApp({ clock, env: { SMTP_URL: smtp.url } });
    await Promise.all([app.mail.worker.runJobs(), second.app.mail.worker.runJobs(), app.mail.worker.runJobs()]);
    expect(await kinds(db, pedagogue.id)).toEqual(['booking.booked', 'reminder.booking']);
    expect(await kinds(db, anna.id)).toEqual(['booking.booked', 'reminder.booking']);
    await app.mail.worker.drain();
    const reminder = smtp.to(pedagogue.email).find((m) => m.subject?.startsWith('Påminnelse'));
    expect(reminder!.subject).toBe('Påminnelse: walk-and-talk i morgon kl. 13.00');
    expect(reminder!.text).toContain('Du har en walk-and-talk i morgon.');
    await second.app.close();
  });

  test('a team that reminds at 12:00 reminds at 12:00; a meeting tomorrow reminds its workers and the one who asked', async () => {
    const { app, db, clock, team, school, anna, principal } = await district('11:00');
    await db.update(teamSettings).set({ reminderTime: '12:00' }).where(eq(teamSettings.teamId, team.id));
    const meeting = await createMeeting(db, { organisationId: school.id, teamId: team.id, workerIds: [anna.id], startsAt: '2026-03-03T10:00:00+01:00' });
    await app.mail.worker.runJobs();
    expect(await kinds(db, anna.id)).toEqual([]);
    clock.set('2026-03-02T12:00:00+01:00');
    await app.mail.worker.runJobs();
    expect(await kinds(db, anna.id)).toEqual(['reminder.meeting']);
    expect(await kinds(db, principal.id)).toEqual([]); // nobody asked for this one: it was planned by the team
    await app.mail.worker.drain();
    expect(smtp.to(anna.email).map((m) => m.subject)).toEqual([expect.stringMatching(/^Påminnelse: uppföljning i morgon kl. 10.00, /)]);
    expect(meeting.id).toBeTruthy();
  });
});

describe('an urgent request still without a time', () => {
  test('one working day later the team lead hears again, even with meeting mail turned off; a weekend does not count', async () => {
    const { app, db, clock, school, lead, principal } = await district('10:00');
    clock.set('2026-03-06T10:00:00+01:00'); // a Friday
    const asLead = await asUser(app, lead);
    expect((await app.inject({ method: 'PUT', url: '/api/me/mail-preferences', headers: asLead, payload: { off: ['meetings', 'reminders'] } })).json()).toEqual({ off: ['meetings', 'reminders'] });
    const req = await app.inject({ method: 'POST', url: '/api/meetings', headers: await asUser(app, principal), payload: reportMeetingRequest(school.id, { urgency: 'urgent' }) });
    expect(req.statusCode).toBe(201);
    clock.set('2026-03-07T11:00:00+01:00'); // Saturday: no working day has passed
    await app.mail.worker.runJobs();
    expect(await kinds(db, lead.id)).toEqual(['meeting.urgent']);
    clock.set('2026-03-09T10:01:00+01:00'); // Monday
    await app.mail.worker.runJobs();
    await app.mail.worker.runJobs();
    expect(await kinds(db, lead.id)).toEqual(['meeting.urgent', 'meeting.urgent']);
    await app.mail.worker.drain();
    expect(smtp.to(lead.email).map((m) => m.subject)).toEqual([
      expect.stringMatching(/^Brådskande begäran: anmälningsmöte, /),
      expect.stringMatching(/^Fortfarande utan tid: brådskande anmälningsmöte, /),
    ]);
  });
});

describe('consents, feedback and what a person turns off', () => {
  test('a consent ending within 14 days is mailed to the case’s workers once; new feedback is mailed to the other side without its text', async () => {
    const { app, db, school, anna, principal } = await district('09:00');
    const asAnna = await asUser(app, anna);
    const caseId = (await app.inject({ method: 'POST', url: '/api/cases', headers: asAnna, payload: { label: 'Familjen S', organisationIds: [school.id], workerIds: [anna.id] } })).json().id;
    const consent = { organisationId: school.id, scopes: ['intervention_progress'], parties: [{ role: 'guardian' }], form: 'written', validFrom: '2026-02-01', validUntil: '2026-03-12' };
    expect((await app.inject({ method: 'POST', url: `/api/cases/${caseId}/consents`, headers: asAnna, payload: consent })).statusCode).toBe(201);
    await app.mail.worker.runJobs();
    await app.mail.worker.runJobs();
    expect(await kinds(db, anna.id)).toEqual(['consent.ending']);

    const body = 'Eleven har varit borta tre dagar i veckan';
    expect((await app.inject({ method: 'POST', url: `/api/cases/${caseId}/feedback`, headers: await asUser(app, principal), payload: { organisationId: school.id, scope: 'intervention_progress', body } })).statusCode).toBe(201);
    expect((await app.inject({ method: 'POST', url: `/api/cases/${caseId}/feedback`, headers: asAnna, payload: { organisationId: school.id, scope: 'intervention_progress', body: 'Tack, vi följer upp.' } })).statusCode).toBe(201);
    await app.mail.worker.drain();
    const toAnna = smtp.to(anna.email);
    expect(toAnna.map((m) => m.subject)).toEqual(['Ett samtycke upphör torsdag 12 mars', 'Ny återkoppling i Samverkan']);
    expect(toAnna[1]!.text).toContain(`/arenden/${caseId}`);
    expect(smtp.to(principal.email).map((m) => m.subject)).toEqual(['Ny återkoppling i Samverkan']);
    expect(smtp.to(principal.email)[0]!.text).toContain(`/aterkoppling/${caseId}`);
    for (const m of [...toAnna, ...smtp.to(principal.email)]) {
      expect(`${m.text}${m.html}`).not.toContain('borta');
      expect(`${m.text}${m.html}`).not.toContain('Familjen');
    }
  });

  test('statutory feedback still owed to the reporting school ten days after the report is mailed to the case’s workers once', async () => {
    const { app, db, clock, school, anna } = await district('09:00');
    const asAnna = await asUser(app, anna);
    const caseId = (await app.inject({ method: 'POST', url: '/api/cases', headers: asAnna, payload: { label: 'Familjen T', organisationIds: [school.id], workerIds: [anna.id] } })).json().id;
    // As when the case is opened from an anmälningsmöte the school asked for.
    await db.update(caseOrganisations).set({ reporter: true }).where(eq(caseOrganisations.caseId, caseId));
    clock.set('2026-03-11T09:00:00+01:00');
    await app.mail.worker.runJobs();
    expect(await kinds(db, anna.id)).toEqual([]);
    clock.set('2026-03-12T09:30:00+01:00');
    await app.mail.worker.runJobs();
    await app.mail.worker.runJobs();
    expect(await kinds(db, anna.id)).toEqual(['feedback.statutory-due']);
    await app.mail.worker.drain();
    const [mail] = smtp.to(anna.email);
    expect(mail!.subject).toBe('Återkoppling till en anmälare väntar');
    expect(mail!.text).toContain(`/arenden/${caseId}`);
    expect(`${mail!.text}${mail!.html}`).not.toContain('Familjen');
  });

  test('a person who turned booking mail off gets none, but still the notification, which they mark read; nobody else’s can be marked', async () => {
    const { app, db, school, anna, pedagogue, lead } = await district();
    const headers = await asUser(app, pedagogue);
    expect((await app.inject({ method: 'PUT', url: '/api/me/mail-preferences', headers, payload: { off: ['bookings'] } })).statusCode).toBe(200);
    expect((await app.inject({ method: 'PUT', url: '/api/me/mail-preferences', headers, payload: { off: ['everything'] } })).statusCode).toBe(400);
    const slot = await createSlot(db, { organisationId: school.id, hostIds: [anna.id], startsAt: '2026-03-10T13:00:00+01:00' });
    expect((await app.inject({ method: 'POST', url: `/api/slots/${slot.id}/bookings`, headers, payload: { topic: 'general_question' } })).statusCode).toBe(201);
    await app.mail.worker.drain();
    expect(smtp.to(pedagogue.email)).toEqual([]);
    expect(smtp.to(anna.email)).toHaveLength(1);
    const [skipped] = await db.select().from(outbox).where(and(eq(outbox.recipientId, pedagogue.id)));
    expect(skipped!.skippedAt).not.toBeNull();

    const list = (await app.inject({ method: 'GET', url: '/api/me/notifications', headers })).json();
    expect(list).toEqual([expect.objectContaining({ kind: 'booking.booked', text: 'Bokad: walk-and-talk tisdag 10 mars kl. 13.00', link: '/mina-bokningar', readAt: null })]);
    expect((await app.inject({ method: 'POST', url: `/api/me/notifications/${list[0].id}/read`, headers: await asUser(app, lead) })).statusCode).toBe(404);
    expect((await app.inject({ method: 'POST', url: `/api/me/notifications/${list[0].id}/read`, headers })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/me/notifications', headers })).json()[0].readAt).not.toBeNull();
  });
});
