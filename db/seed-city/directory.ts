import type { Tx } from '../client.ts';
import { insertRows, type Value } from './bulk.ts';
import { cityDistrictName, cityEmail, cityOrganisationName, cityPersonName, cityPhone, cityTeamName } from './names.ts';
import type { CityCalendar, CityPlan, OrgKind } from './plan.ts';

export type Person = { id: string; name: string; role: string };
export type CityTeam = { index: number; id: string; name: string; districtId: string; lead: Person; workers: Person[] };
export type CityOrg = {
  index: number;
  id: string;
  name: string;
  kind: OrgKind;
  team: number;
  parentId: string | null;
  sections: { id: string; name: string }[];
  principal: Person | null;
  pupilHealth: Person | null;
  pedagogues: Person[];
};
/** What later phases need to know of the directory: every id is made here. */
export type CityDirectory = { districtIds: string[]; teams: CityTeam[]; orgs: CityOrg[] };

/** Who holds a team's duty phone on a day of the year: the social workers in turn. */
export const dutyWorker = (plan: CityPlan, team: number, dayIndex: number) => (dayIndex + team) % plan.workersPerTeam;

/**
 * Districts, teams, schools and preschools with their sections, everyone's account and
 * membership, each place's contacts, and each team's duty roster and settings.
 */
export async function writeDirectory(tx: Tx, plan: CityPlan, calendar: CityCalendar, passwordHash: string): Promise<CityDirectory & { counts: Record<string, number> }> {
  const id = () => crypto.randomUUID();
  const districtIds = Array.from({ length: plan.districts }, id);
  let people = 0;
  const users: Value[][] = [];
  const memberships: Value[][] = [];
  const person = (email: string, title: string, role: string, organisationId: string | null, opts: { sectionId?: string; districtId?: string; phone?: string } = {}): Person => {
    const p = { id: id(), name: cityPersonName(people++), role };
    users.push([p.id, email, p.name, title, opts.phone ?? null, passwordHash]);
    memberships.push([id(), p.id, organisationId, opts.districtId ?? null, opts.sectionId ?? null, role]);
    return p;
  };

  const teams: CityTeam[] = Array.from({ length: plan.teams }, (_, t) => {
    const teamId = id();
    return {
      index: t,
      id: teamId,
      name: cityTeamName(t),
      districtId: districtIds[plan.districtOfTeam(t)]!,
      lead: person(cityEmail.lead(t), 'Enhetschef', 'team_lead', teamId, { phone: cityPhone(t * 13) }),
      workers: Array.from({ length: plan.workersPerTeam }, (_, n) => person(cityEmail.socialWorker(t, n), 'Socialsekreterare', 'social_worker', teamId, { phone: cityPhone(t * 13 + n + 1) })),
    };
  });
  districtIds.forEach((districtId, d) => person(cityEmail.districtAdmin(d), 'Stadsdelsadministratör', 'district_admin', null, { districtId }));

  const orgs: CityOrg[] = [];
  for (let o = 0; o < plan.organisations; o++) {
    const kind = plan.kindOf(o);
    const orgId = id();
    const sections = plan.sectionsOf(o).map((name) => ({ id: id(), name }));
    const parent = plan.parentOf(o);
    const lead = kind === 'preschool' ? null : person(cityEmail.principal(o), kind === 'school' ? 'Rektor' : 'Förskolechef', 'principal', orgId);
    const health = kind === 'school' ? person(cityEmail.pupilHealth(o), 'Skolkurator', 'pupil_health', orgId) : null;
    const title = kind === 'school' ? 'Lärare' : 'Förskollärare';
    const pedagogues = Array.from({ length: plan.pedagoguesAt(o) }, (_, n) => person(cityEmail.pedagogue(o, n), title, 'pedagogue', orgId, { sectionId: sections.length ? sections[n % sections.length]!.id : undefined }));
    orgs.push({ index: o, id: orgId, name: cityOrganisationName(o, kind), kind, team: plan.teamOf(o), parentId: parent === null ? null : orgs[parent]!.id, sections, principal: lead, pupilHealth: health, pedagogues });
  }

  await insertRows(tx, 'districts', [['id', 'uuid'], ['name', 'text']], districtIds.map((d, i) => [d, cityDistrictName(i)]));
  await insertRows(
    tx,
    'organisations',
    [['id', 'uuid'], ['name', 'text'], ['kind', 'text'], ['parent_id', 'uuid'], ['serving_team_id', 'uuid'], ['district_id', 'uuid']],
    [
      ...teams.map((t) => [t.id, t.name, 'social_services', null, null, t.districtId]),
      ...orgs.map((o) => [o.id, o.name, o.kind, o.parentId, teams[o.team]!.id, teams[o.team]!.districtId]),
    ],
  );
  const sectionRows = orgs.flatMap((o) => o.sections.map((s, i) => [s.id, o.id, s.name, i]));
  await insertRows(tx, 'sections', [['id', 'uuid'], ['organisation_id', 'uuid'], ['name', 'text'], ['sort_order', 'int4']], sectionRows);
  await insertRows(tx, 'users', [['id', 'uuid'], ['email', 'text'], ['name', 'text'], ['title', 'text'], ['phone', 'text'], ['password_hash', 'text']], users);
  await insertRows(tx, 'memberships', [['id', 'uuid'], ['user_id', 'uuid'], ['organisation_id', 'uuid'], ['district_id', 'uuid'], ['section_id', 'uuid'], ['role', 'text']], memberships);

  // Two contacts for each school section and each preschool, one for each unit, from the serving
  // team, named from the first day of the city's year and still named.
  const from = calendar.days[0]!;
  const contacts: Value[][] = [];
  for (const o of orgs) {
    const workers = teams[o.team]!.workers;
    const w = (k: number) => workers[(o.index * 2 + k) % workers.length]!.id;
    if (o.kind === 'school') o.sections.forEach((s, k) => contacts.push([id(), o.id, s.id, w(2 * k), from], [id(), o.id, s.id, w(2 * k + 1), from]));
    else if (o.kind === 'preschool') contacts.push([id(), o.id, null, w(0), from], [id(), o.id, null, w(1), from]);
    else contacts.push([id(), o.id, null, w(0), from]);
  }
  await insertRows(tx, 'contact_assignments', [['id', 'uuid'], ['organisation_id', 'uuid'], ['section_id', 'uuid'], ['user_id', 'uuid'], ['starts_on', 'date']], contacts);

  const duty: Value[][] = [];
  for (const t of teams) calendar.days.forEach((day, i) => duty.push([t.id, day, t.workers[dutyWorker(plan, t.index, i)]!.id]));
  await insertRows(tx, 'duty_roster', [['team_id', 'uuid'], ['day', 'date'], ['user_id', 'uuid']], duty);
  await insertRows(
    tx,
    'team_settings',
    [['team_id', 'uuid'], ['office_opens', 'text'], ['office_closes', 'text'], ['duty_phone', 'text'], ['after_hours_name', 'text'], ['after_hours_phone', 'text']],
    teams.map((t) => [t.id, '08:00', '16:30', cityPhone(t.index * 13 + 99), 'Socialjouren', cityPhone(0)]),
  );

  const counts = { districts: districtIds.length, teams: teams.length, organisations: orgs.length, sections: sectionRows.length, users: users.length, contacts: contacts.length, dutyDays: duty.length };
  return { districtIds, teams, orgs, counts };
}
