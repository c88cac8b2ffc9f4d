import ICAL from 'ical.js';
import { describe, expect, test } from 'vitest';
import { fixedClock } from '../../server/lib/clock.ts';
import { asUser, buildTestApp } from '../helpers/app.ts';
import { addAbsence, createDistrict, createMeeting, createSlot, createUser, putOnDuty } from '../helpers/factories.ts';

// Monday 2 March 2026, 09:00 in Stockholm.
async function week() {
  const clock = fixedClock('2026-03-02T09:00:00+01:00');
  const { app, db } = await buildTestApp({ clock, env: { PUBLIC_URL: 'https://samverkan.example.se' } });
  const d = await createDistrict(db);
  const anna = await createUser(db, { name: 'Anna Berg', memberships: [{ organisationId: d.team.id, role: 'social_worker' }] });
  const pedagogue = await createUser(db, { name: 'Per Pedagog', memberships: [{ organisationId: d.school.id, role: 'pedagogue' }] });
  const walk = await createSlot(db, { organisationId: d.school.id, hostIds: [anna.id], startsAt: '2026-03-03T13:00:00+01:00', location: 'Vid huvudentrén' });
  await createSlot(db, { organisationId: d.school.id, hostIds: [anna.id], startsAt: '2026-03-04T08:00:00+01:00', kind: 'on_site', location: 'Personalrummet' });
  const meeting = await createMeeting(db, { organisationId: d.school.id, teamId: d.team.id, workerIds: [anna.id], startsAt: '2026-03-05T10:00:00+01:00' });
  await putOnDuty(db, d.team.id, anna.id, '2026-03-06');
  await addAbsence(db, anna.id, '2026-03-09', '2026-03-10', 'Tandläkare');
  const booked = await app.inject({ method: 'POST', url: `/api/slots/${walk.id}/bookings`, headers: await asUser(app, pedagogue), payload: { topic: 'general_question', note: 'Oro för en elev' } });
  expect(booked.statusCode).toBe(201);
  return { app, clock, ...d, anna, pedagogue, walk, meeting };
}

describe('my agenda', () => {
  test('a social worker sees her own days in time order: the walk-and-talk, the on-site hours, the meeting, the duty day and the absence, without its reason', async () => {
    const { app, anna, meeting } = await week();
    const res = await app.inject({ method: 'GET', url: '/api/me/agenda?from=2026-03-02&to=2026-03-10', headers: await asUser(app, anna) });
    expect(res.statusCode).toBe(200);
    expect(res.json().map((i: { kind: string; title: string; startsAt: string }) => [i.kind, i.title, i.startsAt])).toEqual([
      ['walk_and_talk', 'Walk-and-talk', '2026-03-03T12:00:00.000Z'],
      ['on_site', 'På plats', '2026-03-04T07:00:00.000Z'],
      ['meeting', 'Uppföljning', '2026-03-05T09:00:00.000Z'],
      ['duty', 'Jourtelefonen', '2026-03-05T23:00:00.000Z'],
      ['absence', 'Frånvaro', '2026-03-08T23:00:00.000Z'],
    ]);
    expect(res.json()[2]).toMatchObject({ link: `/moten/${meeting.id}` });
    expect(res.json()[4]).toMatchObject({ endsAt: '2026-03-10T23:00:00.000Z' });
    expect(res.body).not.toContain('Tandläkare');
  });

  test('the pedagogue sees her booking; by default the coming week; windows over 92 days or backwards are refused in Swedish', async () => {
    const { app, pedagogue } = await week();
    const headers = await asUser(app, pedagogue);
    expect((await app.inject({ method: 'GET', url: '/api/me/agenda', headers })).json()).toEqual([
      expect.objectContaining({ kind: 'booking', title: 'Walk-and-talk', location: expect.stringContaining('Vid huvudentrén'), link: '/mina-bokningar' }),
    ]);
    const long = await app.inject({ method: 'GET', url: '/api/me/agenda?from=2026-03-01&to=2026-06-01', headers });
    expect(long.statusCode).toBe(400);
    expect(long.json().fields).toEqual([expect.objectContaining({ field: 'querystring.to', message: 'Välj högst 92 dagar åt gången.' })]);
    expect((await app.inject({ method: 'GET', url: '/api/me/agenda?from=2026-03-01&to=2026-05-31', headers })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/me/agenda?from=2026-03-10&to=2026-03-01', headers })).statusCode).toBe(400);
  });
});

describe('the calendar feed', () => {
  test('a secret URL any calendar can subscribe to, with generic titles; a new one kills the old, which then says nothing about anyone', async () => {
    const { app, anna, walk } = await week();
    const headers = await asUser(app, anna);
    const { url } = (await app.inject({ method: 'POST', url: '/api/me/calendar-feed', headers })).json();
    expect(url).toMatch(/^https:\/\/samverkan\.example\.se\/api\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    const path = new URL(url).pathname;
    const feed = await app.inject({ method: 'GET', url: path });
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toMatch(/^text\/calendar/);
    const events = new ICAL.Component(ICAL.parse(feed.body)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events.map((e) => e.summary)).toEqual(['Walk-and-talk', 'På plats', 'Uppföljning', 'Jourtelefonen', 'Frånvaro']);
    expect(events[0]!.startDate.toJSDate().toISOString()).toBe(walk.startsAt.toISOString());
    expect(feed.body).not.toContain('Tandläkare');
    expect(feed.body).not.toContain('Oro');

    const { url: second } = (await app.inject({ method: 'POST', url: '/api/me/calendar-feed', headers })).json();
    expect(second).not.toBe(url);
    const old = await app.inject({ method: 'GET', url: path });
    expect(old.statusCode).toBe(404);
    expect(old.body).not.toContain('Anna');
    expect((await app.inject({ method: 'GET', url: new URL(second).pathname })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/calendar/inte-en-nyckel.ics' })).statusCode).toBe(400);
  });
});
