import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { DbHandle } from '../../db/client.ts';
import { DEMO_PASSWORD, demoPeople } from '../../db/demo-district.ts';
import { seedDemoDistrict } from '../../db/seed.ts';
import { buildApp, type App } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { fixedClock } from '../../server/lib/clock.ts';
import { demoCalendar } from '../../server/lib/demo-calendar.ts';
import { passwordHasher } from '../../server/lib/passwords.ts';
import { freshPglite } from '../helpers/db.ts';

// The demo district needs an empty database of its own. It is seeded and read at one fixed
// moment in the 2026/27 school year, so its walk-and-talks fall in term time whenever this runs.
const NOW = new Date('2026-11-23T10:00:00+01:00');
let database: DbHandle;
let app: App;
beforeAll(async () => {
  database = await freshPglite();
  expect(await seedDemoDistrict(database.db, passwordHasher.hash, demoCalendar(NOW))).toBe(true);
  app = await buildApp({ config: loadConfig({ NODE_ENV: 'test' }), database, clock: fixedClock(NOW) });
});
afterAll(async () => {
  await app.close();
  await database.close();
});

async function signIn(email: string) {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: DEMO_PASSWORD } });
  expect(res.statusCode, email).toBe(200);
  return { cookie: String(res.headers['set-cookie']).split(';')[0]! };
}

async function orgId(name: string) {
  const res = await database.db.execute<{ id: string }>(sql`select id from organisations where name = ${name}`);
  return (Array.isArray(res) ? res : (res as unknown as { rows: { id: string }[] }).rows)[0]!.id;
}

describe('the demo district', () => {
  test('seeding a second time writes nothing', async () => {
    expect(await seedDemoDistrict(database.db, passwordHasher.hash, demoCalendar(NOW))).toBe(false);
  });

  test('every demo account in API.md signs in with the demo password and /api/me shows its memberships', async () => {
    const required = [
      'admin@samverkan.example',
      'chef@vallingbyteamet.example',
      ...Array.from({ length: 8 }, (_, i) => `soc${i + 1}@vallingbyteamet.example`),
      'radgivare@vallingbyteamet.example',
      'rektor@vallingbyskolan.example',
      'elevhalsa@vallingbyskolan.example',
      'pedagog1@vallingbyskolan.example',
      'pedagog2@vallingbyskolan.example',
      'pedagog3@vallingbyskolan.example',
      'rektor@grimstaskolan.example',
      'pedagog1@grimstaskolan.example',
      'forskolechef@vallingbyforskolor.example',
      'pedagog1@gronadiamanten.example',
      'pedagog2@gronadiamanten.example',
      'polis@vasterort.example',
    ];
    for (const email of required) {
      const me = (await app.inject({ method: 'GET', url: '/api/me', headers: await signIn(email) })).json();
      const expected = demoPeople.find((p) => p.email === email)!.memberships;
      expect(me.memberships.map((m: { role: string }) => m.role), email).toEqual(expected.map((m) => m.role));
    }
  });

  test('Vällingbyskolan shows its four sections to its staff', async () => {
    const orgs = (await app.inject({ method: 'GET', url: '/api/organisations', headers: await signIn('pedagog1@vallingbyskolan.example') })).json();
    expect(orgs).toHaveLength(1);
    expect(orgs[0].name).toBe('Vällingbyskolan');
    expect(orgs[0].sections.map((s: { name: string }) => s.name)).toEqual(['F–3', '4–6', '7–9', 'Anpassad grundskola']);
  });

  test('the team sees every organisation it serves; the preschool unit sees Gröna diamanten', async () => {
    const team = (await app.inject({ method: 'GET', url: '/api/organisations', headers: await signIn('chef@vallingbyteamet.example') })).json();
    expect(team.map((o: { name: string }) => o.name)).toEqual(
      expect.arrayContaining(['Vällingbyskolan', 'Grimstaskolan', 'Förskolan Gröna diamanten', 'Lokalpolisområde Västerort', 'Vällingbyteamet']),
    );
    expect(team).toHaveLength(11);
    const unit = (await app.inject({ method: 'GET', url: '/api/organisations', headers: await signIn('forskolechef@vallingbyforskolor.example') })).json();
    expect(unit.map((o: { name: string }) => o.name).sort()).toEqual(['Förskolan Gröna diamanten', 'Vällingby förskoleenhet']);
  });

  test('walk-and-talks are published at Vällingbyskolan, Grimstaskolan and Gröna diamanten, some already booked', async () => {
    const team = (await app.inject({ method: 'GET', url: '/api/organisations', headers: await signIn('chef@vallingbyteamet.example') })).json() as { id: string; name: string }[];
    const idOf = (name: string) => team.find((o) => o.name === name)!.id;
    for (const [name, email] of [
      ['Vällingbyskolan', 'pedagog2@vallingbyskolan.example'],
      ['Grimstaskolan', 'pedagog1@grimstaskolan.example'],
      ['Förskolan Gröna diamanten', 'pedagog2@gronadiamanten.example'],
    ]) {
      const slots = (await app.inject({ method: 'GET', url: `/api/slots?organisationId=${idOf(name!)}`, headers: await signIn(email!) })).json();
      expect(slots.filter((s: { bookable: boolean }) => s.bookable).length, name).toBeGreaterThan(0);
    }
    const mine = (await app.inject({ method: 'GET', url: '/api/bookings?mine=true', headers: await signIn('pedagog1@vallingbyskolan.example') })).json();
    expect(mine).toEqual([expect.objectContaining({ status: 'booked', organisationName: 'Vällingbyskolan' })]);
    const week = (await app.inject({ method: 'GET', url: '/api/me/hosted-slots?from=2026-11-23&to=2026-12-20', headers: await signIn('soc3@vallingbyteamet.example') })).json();
    expect(week.some((s: { kind: string }) => s.kind === 'on_site')).toBe(true);
  });
  test('meetings in every state: a queue with the urgent request first, two anmälningsmöten ahead, a case from a held one, police collaboration', async () => {
    const lead = await signIn('chef@vallingbyteamet.example');
    const me = (await app.inject({ method: 'GET', url: '/api/me', headers: lead })).json();
    const teamId = me.memberships[0].organisationId;
    const queue = (await app.inject({ method: 'GET', url: `/api/teams/${teamId}/meeting-queue`, headers: lead })).json();
    expect(queue.map((m: { label: string; urgency: string }) => [m.label, m.urgency])).toEqual([
      ['Elev A, åk 5', 'urgent'],
      ['Barn på avdelning Solen', 'normal'],
      ['APT: varningssignaler', 'normal'],
    ]);
    const principal = (await app.inject({ method: 'GET', url: '/api/meetings?from=2026-11-16&to=2026-12-06', headers: await signIn('rektor@vallingbyskolan.example') })).json();
    expect(principal.map((m: { status: string }) => m.status).sort()).toEqual(['held', 'not_held', 'requested', 'scheduled']);
    const cases = (await app.inject({ method: 'GET', url: '/api/cases', headers: await signIn('soc1@vallingbyteamet.example') })).json();
    expect(cases).toEqual([expect.objectContaining({ label: "Familjen E", responsibleName: expect.any(String) })]);
    const kase = (await app.inject({ method: 'GET', url: `/api/cases/${cases[0].id}`, headers: await signIn('soc1@vallingbyteamet.example') })).json();
    expect(kase.metFamily).toHaveLength(2);
    const police = (await app.inject({ method: 'GET', url: '/api/meetings?from=2026-11-23&to=2027-01-31', headers: await signIn('polis@vasterort.example') })).json();
    expect(police.filter((m: { type: string; status: string }) => m.type === 'police_collaboration' && m.status === 'scheduled')).toHaveLength(2);
    const series = (await app.inject({ method: 'GET', url: '/api/meeting-series', headers: lead })).json();
    expect(series).toEqual([expect.objectContaining({ type: 'police_collaboration', label: 'Samverkan Västerort', intervalWeeks: 4, upcoming: expect.any(Array) })]);
    expect(series[0].upcoming).toHaveLength(2);
  });
  test('consents and feedback in every state: a thread both ways, one ending within 14 days, one withdrawn, a report waiting for statutory feedback', async () => {
    const inbox = (await app.inject({ method: 'GET', url: `/api/organisations/${(await orgId('Vällingbyskolan'))}/feedback`, headers: await signIn('rektor@vallingbyskolan.example') })).json();
    expect(inbox).toEqual([expect.objectContaining({ label: 'Familjen E', activeScopes: ['intervention_progress', 'school_observations'], unread: 0, statutory: expect.objectContaining({ status: 'investigation_opened' }) })]);
    const kurator = await signIn('elevhalsa@vallingbyskolan.example');
    const thread = (await app.inject({ method: 'GET', url: `/api/cases/${inbox[0].caseId}/feedback`, headers: kurator })).json();
    expect(thread.map((m: { authorSide: string }) => m.authorSide)).toEqual(['team', 'school']);

    const soc6 = await signIn('soc6@vallingbyteamet.example');
    const mine = (await app.inject({ method: 'GET', url: '/api/cases', headers: soc6 })).json();
    const siblings = mine.find((c: { label: string }) => c.label === 'Syskonen K');
    const list = (await app.inject({ method: 'GET', url: `/api/cases/${siblings.id}/consents`, headers: soc6 })).json();
    expect(list.map((c: { status: string; endsSoon: boolean }) => [c.status, c.endsSoon])).toEqual([
      ['active', true],
      ['withdrawn', false],
    ]);
    const lead = await signIn('chef@vallingbyteamet.example');
    const teamId = (await app.inject({ method: 'GET', url: '/api/me', headers: lead })).json().memberships[0].organisationId;
    const pending = (await app.inject({ method: 'GET', url: `/api/teams/${teamId}/statutory-feedback/pending`, headers: lead })).json();
    expect(pending).toEqual([expect.objectContaining({ label: 'Syskonen K', organisationName: 'Grimstaskolan' })]);
  });
  test('one preschool term is mandatory: the förskolechef sees who has booked at Gröna diamanten', async () => {
    const chief = await signIn('forskolechef@vallingbyforskolor.example');
    const periods = (await app.inject({ method: 'GET', url: `/api/organisations/${await orgId('Vällingby förskoleenhet')}/school-periods`, headers: chief })).json();
    const autumn = periods.find((p: { name: string }) => p.name === 'Höstterminen 2026');
    expect(autumn.bookingRequired).toBe(true);
    const coverage = (await app.inject({ method: 'GET', url: `/api/school-periods/${autumn.id}/booking-coverage`, headers: chief })).json();
    const diamond = coverage.groups.find((g: { name: string }) => g.name === 'Förskolan Gröna diamanten');
    expect(diamond.pedagogues.some((p: { booked: boolean }) => p.booked)).toBe(true);
  });
});
