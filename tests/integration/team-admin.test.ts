import { describe, expect, test } from 'vitest';
import { fixedClock } from '../../server/lib/clock.ts';
import { asUser, buildTestApp } from '../helpers/app.ts';
import { assignContact, createDistrict, createOrganisation, createUser, putOnDuty } from '../helpers/factories.ts';

async function setup() {
  const { app, db } = await buildTestApp({ clock: fixedClock('2026-03-02T09:00:00+01:00') });
  const d = await createDistrict(db);
  const lead = await createUser(db, { name: 'Maria Chef', memberships: [{ organisationId: d.team.id, role: 'team_lead' }] });
  const anna = await createUser(db, { name: 'Anna Berg', memberships: [{ organisationId: d.team.id, role: 'social_worker' }] });
  return { app, db, ...d, lead, anna, asLead: await asUser(app, lead), asAnna: await asUser(app, anna) };
}

describe('a social worker’s own absences and profile', () => {
  test('an absence shows as "Borta till …" to the school, the reason stays with the worker', async () => {
    const { app, db, school, anna, asAnna } = await setup();
    await assignContact(db, { organisationId: school.id, userId: anna.id });
    const add = await app.inject({ method: 'POST', url: '/api/me/absences', headers: asAnna, payload: { startsOn: '2026-03-02', endsOn: '2026-03-04', reason: 'Tandläkare' } });
    expect(add.statusCode).toBe(201);
    expect((await app.inject({ method: 'GET', url: '/api/me/absences', headers: asAnna })).json()).toEqual([
      { id: add.json().id, startsOn: '2026-03-02', endsOn: '2026-03-04', reason: 'Tandläkare' },
    ]);
    const principal = await createUser(db, { memberships: [{ organisationId: school.id, role: 'principal' }] });
    const contacts = await app.inject({ method: 'GET', url: `/api/organisations/${school.id}/contacts`, headers: await asUser(app, principal) });
    expect(contacts.json()[0].status.label).toBe('Borta till torsdag 5 mars');
    expect(contacts.body).not.toContain('Tandläkare');
  });

  test('an absence over a duty day says which duty days it leaves open', async () => {
    const { app, db, team, anna, asAnna } = await setup();
    await putOnDuty(db, team.id, anna.id, '2026-03-03');
    const add = await app.inject({ method: 'POST', url: '/api/me/absences', headers: asAnna, payload: { startsOn: '2026-03-03', endsOn: '2026-03-03' } });
    expect(add.json().dutyDays).toEqual(['2026-03-03']);
  });

  test('an absence that ends before it starts is refused in Swedish and nothing is written', async () => {
    const { app, asAnna } = await setup();
    const res = await app.inject({ method: 'POST', url: '/api/me/absences', headers: asAnna, payload: { startsOn: '2026-03-05', endsOn: '2026-03-04' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields).toEqual([{ field: 'endsOn', message: 'Slutdatumet kan inte vara före startdatumet.' }]);
    expect((await app.inject({ method: 'GET', url: '/api/me/absences', headers: asAnna })).json()).toEqual([]);
  });

  test('a worker can remove only their own absence', async () => {
    const { app, db, team, asAnna } = await setup();
    const other = await createUser(db, { memberships: [{ organisationId: team.id, role: 'social_worker' }] });
    const asOther = await asUser(app, other);
    const { id } = (await app.inject({ method: 'POST', url: '/api/me/absences', headers: asAnna, payload: { startsOn: '2026-03-10', endsOn: '2026-03-10' } })).json();
    expect((await app.inject({ method: 'DELETE', url: `/api/me/absences/${id}`, headers: asOther })).statusCode).toBe(404);
    expect((await app.inject({ method: 'DELETE', url: `/api/me/absences/${id}`, headers: asAnna })).statusCode).toBe(200);
  });

  test('the profile keeps title and phone; a phone number with letters is refused', async () => {
    const { app, asAnna } = await setup();
    const ok = await app.inject({ method: 'PUT', url: '/api/me/profile', headers: asAnna, payload: { title: 'Föräldrarådgivare', phone: '08-123 45 67' } });
    expect(ok.json()).toMatchObject({ title: 'Föräldrarådgivare', phone: '08-123 45 67' });
    const bad = await app.inject({ method: 'PUT', url: '/api/me/profile', headers: asAnna, payload: { phone: 'ring mig' } });
    expect(bad.statusCode).toBe(400);
    expect((await app.inject({ method: 'GET', url: '/api/me/profile', headers: asAnna })).json().phone).toBe('08-123 45 67');
  });
});

describe('the team lead names contacts', () => {
  test('coverage flags the places without a contact and keeps the history of replaced contacts', async () => {
    const { app, db, team, school, preschool, anna, asLead } = await setup();
    const coverage = async () => (await app.inject({ method: 'GET', url: `/api/teams/${team.id}/coverage`, headers: asLead })).json();
    let c = await coverage();
    expect(c.find((o: { organisationId: string }) => o.organisationId === school.id).covered).toBe(false);

    const johan = await createUser(db, { name: 'Johan Lind', memberships: [{ organisationId: team.id, role: 'social_worker' }] });
    const [f3, s79] = school.sections;
    const first = await app.inject({ method: 'POST', url: '/api/contact-assignments', headers: asLead, payload: { organisationId: school.id, sectionId: f3!.id, userId: johan.id, startsOn: '2026-01-01' } });
    expect(first.statusCode).toBe(201);
    await app.inject({ method: 'POST', url: '/api/contact-assignments', headers: asLead, payload: { organisationId: school.id, sectionId: s79!.id, userId: anna.id, startsOn: '2026-01-01' } });
    // Johan is replaced by Anna for F–3 from 1 March: his period ends, the row stays.
    expect((await app.inject({ method: 'POST', url: `/api/contact-assignments/${first.json().id}/end`, headers: asLead, payload: { endsOn: '2026-02-28' } })).statusCode).toBe(200);
    await app.inject({ method: 'POST', url: '/api/contact-assignments', headers: asLead, payload: { organisationId: school.id, sectionId: f3!.id, userId: anna.id, startsOn: '2026-03-01' } });

    c = await coverage();
    const s = c.find((o: { organisationId: string }) => o.organisationId === school.id);
    expect(s.covered).toBe(true);
    expect(s.assignments.map((a: { name: string; active: boolean }) => `${a.name}:${a.active}`)).toEqual(['Anna Berg:true', 'Johan Lind:false', 'Anna Berg:true']);
    expect(c.find((o: { organisationId: string }) => o.organisationId === preschool.id).covered).toBe(false);
  });

  test('an overlapping assignment of the same person to the same place is refused in Swedish', async () => {
    const { app, school, anna, asLead } = await setup();
    const body = { organisationId: school.id, userId: anna.id, startsOn: '2026-03-01' };
    expect((await app.inject({ method: 'POST', url: '/api/contact-assignments', headers: asLead, payload: body })).statusCode).toBe(201);
    const again = await app.inject({ method: 'POST', url: '/api/contact-assignments', headers: asLead, payload: { ...body, startsOn: '2026-04-01' } });
    expect(again.statusCode).toBe(400);
    expect(again.json().detail).toBe('Anna Berg är redan kontaktperson här under en del av den perioden.');
  });

  test.each([
    ['a social worker', 'asAnna', 403],
    ['another team’s lead', 'other', 404],
  ])('%s cannot name contacts', async (_name, who, status) => {
    const s = await setup();
    const other = await createDistrict(s.db);
    const otherLead = await createUser(s.db, { memberships: [{ organisationId: other.team.id, role: 'team_lead' }] });
    const headers = who === 'asAnna' ? s.asAnna : await asUser(s.app, otherLead);
    const res = await s.app.inject({ method: 'POST', url: '/api/contact-assignments', headers, payload: { organisationId: s.school.id, userId: s.anna.id, startsOn: '2026-03-01' } });
    expect(res.statusCode).toBe(status);
  });
});

describe('team settings and closed days', () => {
  test('the team lead sets office hours and numbers; closing before opening is refused', async () => {
    const { app, team, asLead, asAnna } = await setup();
    const body = { officeOpens: '08:30', officeCloses: '16:00', dutyPhone: '08-111 11 11', afterHoursName: 'Socialjouren Nordväst', afterHoursPhone: '08-222 22 22' };
    expect((await app.inject({ method: 'PUT', url: `/api/teams/${team.id}/settings`, headers: asLead, payload: body })).statusCode).toBe(200);
    // Reminders go out at 15:00 the day before unless the team chooses another time.
    expect((await app.inject({ method: 'GET', url: `/api/teams/${team.id}/settings`, headers: asAnna })).json()).toEqual({ ...body, reminderTime: '15:00' });
    expect((await app.inject({ method: 'PUT', url: `/api/teams/${team.id}/settings`, headers: asLead, payload: { ...body, reminderTime: '12:30' } })).json()).toEqual({ ...body, reminderTime: '12:30' });
    expect((await app.inject({ method: 'PUT', url: `/api/teams/${team.id}/settings`, headers: asLead, payload: { ...body, reminderTime: '25:00' } })).statusCode).toBe(400);
    const bad = await app.inject({ method: 'PUT', url: `/api/teams/${team.id}/settings`, headers: asLead, payload: { ...body, officeCloses: '07:00' } });
    expect(bad.statusCode).toBe(400);
    expect((await app.inject({ method: 'PUT', url: `/api/teams/${team.id}/settings`, headers: asAnna, payload: body })).statusCode).toBe(403);
  });

  test('only the administrator adds a closed day, and reach then treats it as outside office hours', async () => {
    const { app, db, school, asLead } = await setup();
    const admin = await createUser(db, { memberships: [{ organisationId: null, role: 'admin' }] });
    const asAdmin = await asUser(app, admin);
    const day = { day: '2030-03-05', name: 'Planeringsdag' };
    expect((await app.inject({ method: 'POST', url: '/api/closed-days', headers: asLead, payload: day })).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: '/api/closed-days', headers: asAdmin, payload: day })).statusCode).toBe(201);
    try {
      const reach = await app.inject({ method: 'GET', url: `/api/organisations/${school.id}/reach?at=2030-03-05T10:00:00%2B01:00`, headers: asLead });
      expect(reach.json().routes.map((r: { kind: string }) => r.kind)).not.toContain('duty_phone');
    } finally {
      // closed days are global: a date no other test uses, removed again
      expect((await app.inject({ method: 'DELETE', url: '/api/closed-days/2030-03-05', headers: asAdmin })).statusCode).toBe(200);
    }
  });

  test('a contact from another unit of social services (a föräldrarådgivare) without joining the team; not a BVC nurse', async () => {
    const { app, db, team, preschool, asLead } = await setup();
    const unit = await createOrganisation(db, { kind: 'social_services_unit', name: 'Föräldrarådgivningen' });
    const bvc = await createOrganisation(db, { kind: 'child_health', name: 'BVC' });
    const adviser = await createUser(db, { name: 'Frida Rådgivare', memberships: [{ organisationId: unit.id, role: 'partner' }] });
    const nurse = await createUser(db, { name: 'Sara Sjuksköterska', memberships: [{ organisationId: bvc.id, role: 'partner' }] });
    const candidates = (await app.inject({ method: 'GET', url: `/api/teams/${team.id}/contact-candidates`, headers: asLead })).json() as { name: string; unitName: string | null }[];
    expect(candidates.at(-1)).toEqual({ userId: adviser.id, name: 'Frida Rådgivare', unitName: 'Föräldrarådgivningen' });
    expect(candidates.find((c) => c.name === 'Maria Chef')).toMatchObject({ unitName: null });
    expect(candidates.some((c) => c.name === 'Sara Sjuksköterska')).toBe(false);
    const assign = (userId: string) => app.inject({ method: 'POST', url: '/api/contact-assignments', headers: asLead, payload: { organisationId: preschool.id, userId, startsOn: '2026-03-01' } });
    expect((await assign(adviser.id)).statusCode).toBe(201);
    const refused = await assign(nurse.id);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().detail).toMatch(/annan enhet inom socialtjänsten/);
    const principal = await createUser(db, { memberships: [{ organisationId: preschool.id, role: 'principal' }] });
    const contacts = (await app.inject({ method: 'GET', url: `/api/organisations/${preschool.id}/contacts`, headers: await asUser(app, principal) })).json() as { name: string }[];
    expect(contacts.map((c) => c.name)).toContain('Frida Rådgivare');
  });
});
