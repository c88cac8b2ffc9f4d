import { describe, expect, test } from 'vitest';
import { fixedClock } from '../../server/lib/clock.ts';
import { asUser, buildTestApp } from '../helpers/app.ts';
import { addAbsence, assignContact, createDistrict, createMeeting, createSlot, createUser, putOnDuty, setTeamSettings } from '../helpers/factories.ts';

// Tuesday 3 March 2026, 10:00 in Stockholm.
const TUESDAY_MORNING = '2026-03-03T10:00:00+01:00';

async function district() {
  const clock = fixedClock(TUESDAY_MORNING);
  const { app, db } = await buildTestApp({ clock });
  const d = await createDistrict(db);
  await setTeamSettings(db, d.team.id);
  const worker = (name: string) => createUser(db, { name, memberships: [{ organisationId: d.team.id, role: 'social_worker' }] });
  const anna = await worker('Anna Berg');
  const johan = await worker('Johan Lind');
  const [f3, s79] = d.school.sections;
  await assignContact(db, { organisationId: d.school.id, sectionId: s79!.id, userId: johan.id });
  await assignContact(db, { organisationId: d.school.id, sectionId: f3!.id, userId: anna.id });
  const pedagogue = await createUser(db, { memberships: [{ organisationId: d.school.id, role: 'pedagogue', sectionId: f3!.id }] });
  return { app, db, clock, ...d, anna, johan, pedagogue };
}

describe('named contacts', () => {
  test('a pedagogue sees the school’s contacts with their own section first and each status in words', async () => {
    const { app, db, school, team, anna, johan, pedagogue } = await district();
    await addAbsence(db, johan.id, '2026-03-02', '2026-03-03', 'Sjukdom i familjen');
    const res = await app.inject({ method: 'GET', url: `/api/organisations/${school.id}/contacts`, headers: await asUser(app, pedagogue) });
    expect(res.statusCode).toBe(200);
    const contacts = res.json();
    expect(contacts.map((c: { name: string }) => c.name)).toEqual(['Anna Berg', 'Johan Lind']);
    expect(contacts[0]).toMatchObject({ userId: anna.id, sectionName: 'F–3', status: { kind: 'available', label: 'Ledig' } });
    expect(contacts[1].status).toEqual({ kind: 'away', until: '2026-03-04', label: 'Borta till onsdag 4 mars' });
    expect(res.body).not.toContain('Sjukdom'); // the reason stays private
    expect(team.id).toBeTruthy();
  });

  test('a förskolechef at the unit sees the contacts named for each of its preschools, and can reach them', async () => {
    const { app, db, unit, preschool, anna } = await district();
    await assignContact(db, { organisationId: preschool.id, userId: anna.id });
    const chief = await createUser(db, { memberships: [{ organisationId: unit.id, role: 'principal' }] });
    const headers = await asUser(app, chief);
    const contacts = (await app.inject({ method: 'GET', url: `/api/organisations/${unit.id}/contacts`, headers })).json();
    expect(contacts).toEqual([expect.objectContaining({ userId: anna.id, organisationId: preschool.id, sectionName: preschool.name })]);
    const reach = (await app.inject({ method: 'GET', url: `/api/organisations/${unit.id}/reach`, headers })).json();
    expect(reach.routes[0]).toMatchObject({ kind: 'contact', name: 'Anna Berg', reason: `Kontaktperson för ${preschool.name}. Ledig just nu.` });
  });

  test('own section first even when the name sorts later: a 7–9 pedagogue sees Johan before Anna', async () => {
    const { app, db, school } = await district();
    const s79 = school.sections[1]!;
    const senior = await createUser(db, { memberships: [{ organisationId: school.id, role: 'pedagogue', sectionId: s79.id }] });
    const contacts = (await app.inject({ method: 'GET', url: `/api/organisations/${school.id}/contacts`, headers: await asUser(app, senior) })).json();
    expect(contacts.map((c: { name: string; sectionName: string }) => [c.name, c.sectionName])).toEqual([
      ['Johan Lind', '7–9'],
      ['Anna Berg', 'F–3'],
    ]);
  });

  test('a contact out on a walk-and-talk shows "I walk-and-talk till …", and on-site hours name the school', async () => {
    const { app, db, school, anna, johan, pedagogue } = await district();
    await createSlot(db, { organisationId: school.id, hostIds: [anna.id], startsAt: '2026-03-03T09:30:00+01:00', minutes: 60 });
    await createSlot(db, { organisationId: school.id, hostIds: [johan.id], startsAt: '2026-03-03T08:00:00+01:00', minutes: 240, kind: 'on_site' });
    const headers = await asUser(app, pedagogue);
    const contacts = (await app.inject({ method: 'GET', url: `/api/organisations/${school.id}/contacts`, headers })).json();
    expect(contacts.map((c: { status: { label: string } }) => c.status.label)).toEqual(['I walk-and-talk till 10.30', `På ${school.name} till 12.00`]);
    const reach = (await app.inject({ method: 'GET', url: `/api/organisations/${school.id}/reach`, headers })).json();
    expect(reach.routes.map((r: { kind: string }) => r.kind)).toEqual(['duty_phone', 'emergency']);
  });

  test('a contact in a meeting shows "I möte till …", never what it is about', async () => {
    const { app, db, school, team, anna, pedagogue } = await district();
    await createMeeting(db, { organisationId: school.id, teamId: team.id, workerIds: [anna.id], startsAt: '2026-03-03T09:30:00+01:00', minutes: 90 });
    const res = await app.inject({ method: 'GET', url: `/api/organisations/${school.id}/contacts`, headers: await asUser(app, pedagogue) });
    expect(res.json()[0].status).toMatchObject({ kind: 'busy', label: 'I möte till 11.00' });
    expect(res.body).not.toContain('Testmöte');
  });

  test('an assignment that has ended is history, not a current contact', async () => {
    const { app, db, school, pedagogue } = await district();
    const old = await createUser(db, { name: 'Tidigare Kontakt' });
    await assignContact(db, { organisationId: school.id, userId: old.id, startsOn: '2025-01-01', endsOn: '2026-02-28' });
    const res = await app.inject({ method: 'GET', url: `/api/organisations/${school.id}/contacts`, headers: await asUser(app, pedagogue) });
    expect(res.json().map((c: { name: string }) => c.name)).not.toContain('Tidigare Kontakt');
  });

  test('the same person cannot be named twice for the same place over overlapping periods (database constraint)', async () => {
    const { db, school, anna } = await district();
    await expect(assignContact(db, { organisationId: school.id, userId: anna.id, startsOn: '2026-01-01' })).resolves.toBeTruthy();
    await expect(assignContact(db, { organisationId: school.id, userId: anna.id, startsOn: '2026-02-01' })).rejects.toMatchObject({
      cause: expect.objectContaining({ code: '23P01' }),
    });
  });

  test('a preschool’s contacts include those named for its whole preschool unit', async () => {
    const { app, db, unit, preschool, team } = await district();
    const unitContact = await createUser(db, { name: 'Enhetens Kontakt', memberships: [{ organisationId: team.id, role: 'social_worker' }] });
    await assignContact(db, { organisationId: unit.id, userId: unitContact.id });
    const pedagogue = await createUser(db, { memberships: [{ organisationId: preschool.id, role: 'pedagogue' }] });
    const res = await app.inject({ method: 'GET', url: `/api/organisations/${preschool.id}/contacts`, headers: await asUser(app, pedagogue) });
    expect(res.json().map((c: { name: string }) => c.name)).toEqual(['Enhetens Kontakt']);
  });
});

describe('reach someone now, through the API', () => {
  test('in office hours: the available contact, then the duty phone with today’s holder, then 112', async () => {
    const { app, db, school, team, johan, pedagogue } = await district();
    await putOnDuty(db, team.id, johan.id, '2026-03-03');
    const res = await app.inject({ method: 'GET', url: `/api/organisations/${school.id}/reach`, headers: await asUser(app, pedagogue) });
    expect(res.statusCode).toBe(200);
    expect(res.json().routes.map((r: { kind: string; name: string }) => `${r.kind}:${r.name}`)).toEqual([
      'contact:Anna Berg',
      'duty_phone:Johan Lind',
      'emergency:112',
    ]);
  });

  test('?at= travels in time: at night socialjouren answers', async () => {
    const { app, school, pedagogue } = await district();
    const res = await app.inject({
      method: 'GET',
      url: `/api/organisations/${school.id}/reach?at=${encodeURIComponent('2026-03-03T22:00:00+01:00')}`,
      headers: await asUser(app, pedagogue),
    });
    expect(res.json().routes.map((r: { kind: string }) => r.kind)).toEqual(['after_hours', 'emergency']);
    expect(res.json().at).toBe('2026-03-03T21:00:00.000Z');
  });

  test('a day without a duty holder still offers the duty phone, flagged unstaffed', async () => {
    const { app, school, pedagogue } = await district();
    const res = await app.inject({ method: 'GET', url: `/api/organisations/${school.id}/reach`, headers: await asUser(app, pedagogue) });
    expect(res.json().routes.find((r: { kind: string }) => r.kind === 'duty_phone')).toMatchObject({ name: null, unstaffed: true });
  });

  test.each([
    ['not an ISO time', 'i morgon', 400],
    ['a time without zone', '2026-03-03T10:00:00', 400],
    ['an unknown parameter', null, 400],
  ])('bad input: %s gets a Swedish 400 problem', async (_name, at, status) => {
    const { app, school, pedagogue } = await district();
    const url = at === null ? `/api/organisations/${school.id}/reach?foo=1` : `/api/organisations/${school.id}/reach?at=${encodeURIComponent(at)}`;
    const res = await app.inject({ method: 'GET', url, headers: await asUser(app, pedagogue) });
    expect(res.statusCode).toBe(status);
    expect(res.json().code).toBe('invalid_request');
  });
});

describe('visibility of contacts and reach', () => {
  test.each(['contacts', 'reach'])('another school asking for %s gets 404, as does an unknown or malformed id', async (what) => {
    const { app, db, school } = await district();
    const other = await createDistrict(db);
    const stranger = await createUser(db, { memberships: [{ organisationId: other.school.id, role: 'principal' }] });
    const headers = await asUser(app, stranger);
    expect((await app.inject({ method: 'GET', url: `/api/organisations/${school.id}/${what}`, headers })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: `/api/organisations/00000000-0000-4000-8000-000000000000/${what}`, headers })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: `/api/organisations/inte-ett-id/${what}`, headers })).statusCode).toBe(400);
    expect((await app.inject({ method: 'GET', url: `/api/organisations/${school.id}/${what}` })).statusCode).toBe(401);
  });

  test('the serving team’s social worker and police of the area can read theirs', async () => {
    const { app, school, anna } = await district();
    expect((await app.inject({ method: 'GET', url: `/api/organisations/${school.id}/contacts`, headers: await asUser(app, anna) })).statusCode).toBe(200);
  });
});

describe('the day kept between reads', () => {
  test('every change to the directory is seen on the very next read, whoever wrote it', async () => {
    const { app, db, school, team, anna, johan, pedagogue } = await district();
    const headers = await asUser(app, pedagogue);
    const statuses = async () =>
      (await app.inject({ method: 'GET', url: `/api/organisations/${school.id}/contacts`, headers })).json().map((c: { name: string; status: { label: string } }) => `${c.name}: ${c.status.label}`);
    const reach = async () =>
      (await app.inject({ method: 'GET', url: `/api/organisations/${school.id}/reach`, headers })).json().routes.map((r: { kind: string; name: string | null }) => `${r.kind}:${r.name ?? 'ingen bemanning'}`);

    expect(await statuses()).toEqual(['Anna Berg: Ledig', 'Johan Lind: Ledig']);
    expect(await statuses()).toEqual(['Anna Berg: Ledig', 'Johan Lind: Ledig']); // the kept day answers the same

    // Written straight to the database, as another instance of the app would.
    await addAbsence(db, anna.id, '2026-03-03', '2026-03-05');
    expect(await statuses()).toEqual(['Anna Berg: Borta till fredag 6 mars', 'Johan Lind: Ledig']);

    await createSlot(db, { organisationId: school.id, hostIds: [johan.id], startsAt: '2026-03-03T09:45:00+01:00', minutes: 60 });
    expect(await statuses()).toEqual(['Anna Berg: Borta till fredag 6 mars', 'Johan Lind: I walk-and-talk till 10.45']);

    expect(await reach()).toEqual(['duty_phone:ingen bemanning', 'emergency:112']);
    await putOnDuty(db, team.id, johan.id, '2026-03-03');
    expect(await reach()).toContainEqual('duty_phone:Johan Lind');

    const noor = await createUser(db, { name: 'Noor Ali', memberships: [{ organisationId: team.id, role: 'social_worker' }] });
    await assignContact(db, { organisationId: school.id, userId: noor.id });
    expect(await statuses()).toContain('Noor Ali: Ledig');
  });
});
