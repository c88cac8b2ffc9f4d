import { describe, expect, test } from 'vitest';
import { fixedClock } from '../../server/lib/clock.ts';
import { asUser, buildTestApp } from '../helpers/app.ts';
import { addAbsence, createDistrict, createMeeting, createOrganisation, createUser } from '../helpers/factories.ts';

type Headers = { cookie: string };

async function district() {
  const clock = fixedClock('2026-03-02T09:00:00+01:00');
  const { app, db } = await buildTestApp({ clock });
  const d = await createDistrict(db);
  const police = await createOrganisation(db, { kind: 'police', name: 'Lokalpolisområde Test', servingTeamId: d.team.id });
  const otherPolice = await createOrganisation(db, { kind: 'police', servingTeamId: d.team.id });
  const mk = (name: string, organisationId: string, role: 'social_worker' | 'team_lead' | 'principal' | 'pedagogue' | 'police') => createUser(db, { name, memberships: [{ organisationId, role }] });
  const people = {
    anna: await mk('Anna Berg', d.team.id, 'social_worker'),
    bo: await mk('Bo Ek', d.team.id, 'social_worker'),
    lead: await mk('Maria Chef', d.team.id, 'team_lead'),
    officer: await mk('Pia Polis', police.id, 'police'),
    otherOfficer: await mk('Olof Polis', otherPolice.id, 'police'),
    unitPrincipal: await mk('Frida Förskolechef', d.unit.id, 'principal'),
    pedagogue: await mk('Pelle Pedagog', d.preschool.id, 'pedagogue'),
  };
  const as = async (u: { email: string; password: string }): Promise<Headers> => asUser(app, u);
  return { app, db, clock, ...d, police, people, as };
}
type District = Awaited<ReturnType<typeof district>>;

// Every four weeks on Mondays at 09:00 from 9 March: 6 April is annandag påsk.
const policeSeries = (d: District, over: object = {}) => ({
  type: 'police_collaboration',
  organisationId: d.police.id,
  label: 'Samverkan Västerort',
  place: 'office',
  weekday: 1,
  startTime: '09:00',
  durationMinutes: 90,
  intervalWeeks: 4,
  from: '2026-03-09',
  until: '2026-06-30',
  socialWorkerIds: [d.people.anna.id, d.people.bo.id],
  ...over,
});
const post = (d: District, url: string, headers: Headers, payload: object) => d.app.inject({ method: 'POST', url, headers, payload });

describe('recurring meetings', () => {
  test('a police collaboration series skips holidays and absences, keeps 09:00 across DST, and shows in everyone’s Mina möten', async () => {
    const d = await district();
    await addAbsence(d.db, d.people.bo.id, '2026-05-04', '2026-05-04');
    const asAnna = await d.as(d.people.anna);
    const preview = await post(d, '/api/meeting-series/preview', asAnna, policeSeries(d));
    expect(preview.statusCode).toBe(200);
    expect(preview.json().meetings.map((m: { startsAt: string }) => m.startsAt)).toEqual(['2026-03-09T08:00:00.000Z', '2026-06-01T07:00:00.000Z', '2026-06-29T07:00:00.000Z']);
    expect(preview.json().skipped).toEqual([
      { date: '2026-04-06', reason: 'holiday', label: 'annandag påsk' },
      { date: '2026-05-04', reason: 'absence', label: 'Bo Ek är borta' },
    ]);

    const created = await post(d, '/api/meeting-series', asAnna, policeSeries(d));
    expect(created.statusCode).toBe(201);
    expect(created.json().meetings).toHaveLength(3);

    const officerWeek = (await d.app.inject({ method: 'GET', url: '/api/meetings?from=2026-03-09&to=2026-03-15', headers: await d.as(d.people.officer) })).json();
    expect(officerWeek).toEqual([expect.objectContaining({ type: 'police_collaboration', status: 'scheduled', label: 'Samverkan Västerort', seriesId: created.json().id, socialWorkers: [{ userId: d.people.anna.id, name: 'Anna Berg' }, { userId: d.people.bo.id, name: 'Bo Ek' }] })]);
    const bo = (await d.app.inject({ method: 'GET', url: '/api/meetings?from=2026-06-01&to=2026-06-07', headers: await d.as(d.people.bo) })).json();
    expect(bo).toHaveLength(1);
    // Another police area sees nothing of it.
    expect((await d.app.inject({ method: 'GET', url: '/api/meetings?from=2026-03-09&to=2026-03-15', headers: await d.as(d.people.otherOfficer) })).json()).toEqual([]);
    expect((await d.app.inject({ method: 'GET', url: `/api/meetings/${created.json().meetings[0].id}`, headers: await d.as(d.people.otherOfficer) })).statusCode).toBe(404);

    // A series' meetings are the workers' like any other: a new meeting at that time is a clash.
    const list = (await d.app.inject({ method: 'GET', url: '/api/meeting-series', headers: await d.as(d.people.lead) })).json();
    expect(list).toEqual([expect.objectContaining({ label: 'Samverkan Västerort', organisationName: 'Lokalpolisområde Test', cancelled: false, upcoming: expect.arrayContaining([expect.objectContaining({ startsAt: '2026-03-09T08:00:00.000Z' })]) })]);
  });

  test('a staff visit at a preschool has a theme and an audience; the unit’s leadership sees it; times already taken are skipped', async () => {
    const d = await district();
    await createMeeting(d.db, { organisationId: d.school.id, teamId: d.team.id, workerIds: [d.people.anna.id], startsAt: '2026-03-17T15:30:00+01:00' });
    const asAnna = await d.as(d.people.anna);
    const body = { type: 'staff_visit', organisationId: d.preschool.id, label: 'Varningssignaler', audience: 'Arbetslag Solen', place: 'school', weekday: 2, startTime: '15:00', durationMinutes: 60, intervalWeeks: 1, from: '2026-03-10', until: '2026-03-24', socialWorkerIds: [d.people.anna.id] };
    const created = await post(d, '/api/meeting-series', asAnna, body);
    expect(created.statusCode).toBe(201);
    expect(created.json().skipped).toEqual([{ date: '2026-03-17', reason: 'busy', label: 'Anna Berg är upptagen då' }]);
    const week = (await d.app.inject({ method: 'GET', url: '/api/meetings?from=2026-03-09&to=2026-03-15', headers: await d.as(d.people.unitPrincipal) })).json();
    expect(week).toEqual([expect.objectContaining({ type: 'staff_visit', label: 'Varningssignaler', audience: 'Arbetslag Solen' })]);
  });

  test('cancelling a series cancels what is still to come, with METHOD:CANCEL in the invite', async () => {
    const d = await district();
    const asAnna = await d.as(d.people.anna);
    const created = (await post(d, '/api/meeting-series', asAnna, policeSeries(d))).json();
    d.clock.set('2026-04-01T09:00:00+02:00');
    const asAnnaLater = await d.as(d.people.anna);
    const cancel = await post(d, `/api/meeting-series/${created.id}/cancel`, asAnnaLater, { reason: 'Polisen byter mötesform till digitala avstämningar.' });
    expect(cancel.json()).toEqual({ cancelled: 3 });
    const first = (await d.app.inject({ method: 'GET', url: `/api/meetings/${created.meetings[0].id}`, headers: asAnnaLater })).json();
    expect(first.status).toBe('scheduled');
    const ics = await d.app.inject({ method: 'GET', url: `/api/meetings/${created.meetings[1].id}/calendar.ics`, headers: asAnnaLater });
    expect(ics.body).toContain('METHOD:CANCEL');
    expect((await post(d, `/api/meeting-series/${created.id}/cancel`, asAnnaLater, { reason: 'Igen' })).statusCode).toBe(400);
    const list = (await d.app.inject({ method: 'GET', url: '/api/meeting-series', headers: asAnnaLater })).json();
    expect(list[0]).toMatchObject({ cancelled: true, upcoming: [] });
  });

  test('two plans for the same people at the same time, at once: one series, the other finds no dates left', async () => {
    const d = await district();
    const [a, b] = [await d.as(d.people.anna), await d.as(d.people.bo)];
    const results = await Promise.all([post(d, '/api/meeting-series', a, policeSeries(d)), post(d, '/api/meeting-series', b, policeSeries(d, { label: 'Samverkan igen' }))]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 400]);
  });
});

describe('who may plan a series, and bad input', () => {
  test.each([
    ['a pedagogue (not on the team: the route’s gate)', 'pedagogue', {}, 403],
    ['the police', 'officer', {}, 403],
    ['a worker planning only for others', 'anna', { socialWorkerIds: ['BO'] }, 403],
    ['a staff visit with the police', 'anna', { type: 'staff_visit' }, 400],
    ['police collaboration at a preschool', 'anna', { organisationId: 'PRESCHOOL' }, 400],
    ['a label with a phone number', 'anna', { label: 'Ring 070-123 45 67' }, 422],
    ['a weekend day', 'anna', { weekday: 6 }, 400],
    ['until before from', 'anna', { until: '2026-03-01' }, 400],
    ['more than a year', 'anna', { until: '2027-03-11' }, 400],
    ['an audience on a police meeting', 'anna', { audience: 'Alla' }, 400],
  ] as const)('%s (as %s) is refused, nothing written', async (_what, who, over, status) => {
    const d = await district();
    const fix = Object.fromEntries(Object.entries(over).map(([k, v]) => [k, v === 'PRESCHOOL' ? d.preschool.id : Array.isArray(v) ? [d.people.bo.id] : v]));
    const res = await post(d, '/api/meeting-series', await d.as(d.people[who]), policeSeries(d, fix));
    expect(res.statusCode).toBe(status);
    expect(res.json().detail).toMatch(/[a-zåäö]/);
    expect((await d.app.inject({ method: 'GET', url: '/api/meeting-series', headers: await d.as(d.people.lead) })).json()).toEqual([]);
  });
});
