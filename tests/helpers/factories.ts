import type { Db } from '../../db/client.ts';
import { absences, contactAssignments, dutyRoster, meetings, meetingWorkers, memberships, organisations, schoolPeriods, sections, slotHosts, slots, teamSettings, users } from '../../db/schema/index.ts';
import type { Role } from '../../server/contracts/auth.ts';
import type { OrganisationKind } from '../../server/contracts/organisations.ts';
import { passwordHasher } from '../../server/lib/passwords.ts';
import { uniqueTag } from './tag.ts';

export const TEST_PASSWORD = 'rätt-lösenord-123';
let hashed: Promise<string> | undefined;
const passwordHash = () => (hashed ??= passwordHasher.hash(TEST_PASSWORD));

const unique = () => uniqueTag(8);

export async function createOrganisation(
  db: Db,
  o: { kind?: OrganisationKind; name?: string; parentId?: string; servingTeamId?: string; sections?: string[] } = {},
) {
  const [org] = await db
    .insert(organisations)
    .values({
      name: o.name ?? `Testverksamhet ${unique()}`,
      kind: o.kind ?? 'school',
      parentId: o.parentId ?? null,
      servingTeamId: o.servingTeamId ?? null,
    })
    .returning();
  const secs = [];
  for (const [i, name] of (o.sections ?? []).entries()) {
    const [s] = await db.insert(sections).values({ organisationId: org!.id, name, sortOrder: i }).returning();
    secs.push(s!);
  }
  return { ...org!, sections: secs };
}

export type TestUser = { id: string; email: string; name: string; password: string };

export async function createUser(
  db: Db,
  u: { name?: string; phone?: string; memberships?: { organisationId: string | null; role: Role; sectionId?: string; districtId?: string }[]; disabled?: boolean } = {},
): Promise<TestUser> {
  const email = `person-${unique()}@test.example`;
  const name = u.name ?? `Testperson ${unique()}`;
  const [user] = await db
    .insert(users)
    .values({ email, name, phone: u.phone ?? '070-174 06 50', passwordHash: await passwordHash(), disabledAt: u.disabled ? new Date() : null })
    .returning({ id: users.id });
  if (u.memberships?.length) {
    await db.insert(memberships).values(
      u.memberships.map((m) => ({ userId: user!.id, organisationId: m.organisationId, role: m.role, sectionId: m.sectionId ?? null, districtId: m.districtId ?? null })),
    );
  }
  return { id: user!.id, email, name, password: TEST_PASSWORD };
}

/** A team serving a school (with sections) and a preschool unit with one preschool. */
export async function createDistrict(db: Db) {
  const team = await createOrganisation(db, { kind: 'social_services', name: `Team ${unique()}` });
  const school = await createOrganisation(db, { kind: 'school', servingTeamId: team.id, sections: ['F–3', '7–9'] });
  const unit = await createOrganisation(db, { kind: 'preschool_unit', servingTeamId: team.id });
  const preschool = await createOrganisation(db, { kind: 'preschool', parentId: unit.id, servingTeamId: team.id });
  return { team, school, unit, preschool };
}

export async function assignContact(db: Db, a: { organisationId: string; userId: string; sectionId?: string; startsOn?: string; endsOn?: string }) {
  const [row] = await db
    .insert(contactAssignments)
    .values({ organisationId: a.organisationId, userId: a.userId, sectionId: a.sectionId ?? null, startsOn: a.startsOn ?? '2020-01-01', endsOn: a.endsOn ?? null })
    .returning();
  return row!;
}

export async function setTeamSettings(db: Db, teamId: string, over: Partial<typeof teamSettings.$inferInsert> = {}) {
  await db.insert(teamSettings).values({ teamId, dutyPhone: '08-100 00 00', afterHoursPhone: '08-200 00 00', ...over });
}

export async function putOnDuty(db: Db, teamId: string, userId: string, day: string) {
  await db.insert(dutyRoster).values({ teamId, userId, day });
}

export async function addAbsence(db: Db, userId: string, startsOn: string, endsOn: string, reason = 'Privat skäl') {
  await db.insert(absences).values({ userId, startsOn, endsOn, reason });
}

export async function addSchoolPeriod(db: Db, organisationId: string, p: { kind: 'term' | 'break'; name: string; startsOn: string; endsOn: string; bookingRequired?: boolean }) {
  const [row] = await db.insert(schoolPeriods).values({ organisationId, ...p }).returning();
  return row!;
}

/** One walk-and-talk slot with its hosts, written directly (tests of booking, not of series). */
export async function createSlot(
  db: Db,
  s: { organisationId: string; hostIds: string[]; startsAt: string; minutes?: number; capacity?: number; kind?: 'walk_and_talk' | 'on_site'; location?: string },
) {
  const startsAt = new Date(s.startsAt);
  const endsAt = new Date(startsAt.getTime() + (s.minutes ?? 45) * 60_000);
  const [slot] = await db
    .insert(slots)
    .values({ organisationId: s.organisationId, kind: s.kind ?? 'walk_and_talk', startsAt, endsAt, location: s.location ?? 'Vid huvudentrén', capacity: s.capacity ?? 1 })
    .returning();
  await db.insert(slotHosts).values(s.hostIds.map((userId) => ({ slotId: slot!.id, userId, startsAt, endsAt })));
  return slot!;
}

/** A scheduled meeting with its workers, written directly (tests of what a meeting does to others). */
export async function createMeeting(db: Db, m: { organisationId: string; teamId: string; workerIds: string[]; startsAt: string; minutes?: number; type?: 'report_meeting' | 'follow_up' }) {
  const startsAt = new Date(m.startsAt);
  const endsAt = new Date(startsAt.getTime() + (m.minutes ?? 60) * 60_000);
  const [row] = await db
    .insert(meetings)
    .values({ type: m.type ?? 'follow_up', organisationId: m.organisationId, teamId: m.teamId, label: 'Testmöte', guardiansInformed: true, proposedTimes: [{ startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() }], status: 'scheduled', startsAt, endsAt })
    .returning();
  await db.insert(meetingWorkers).values(m.workerIds.map((userId) => ({ meetingId: row!.id, userId, startsAt, endsAt })));
  return row!;
}

/** The body of a principal's request for an anmälningsmöte, as the meetings tests send it. */
export function reportMeetingRequest(organisationId: string, over: object = {}) {
  return {
    type: 'report_meeting',
    organisationId,
    label: 'Elev B, åk 4',
    ageBand: '10-12',
    urgency: 'normal',
    guardiansInformed: true,
    guardiansAttending: true,
    proposedTimes: [
      { startsAt: '2026-03-10T10:00:00+01:00', endsAt: '2026-03-10T11:00:00+01:00' },
      { startsAt: '2026-03-11T13:00:00+01:00', endsAt: '2026-03-11T14:00:00+01:00' },
    ],
    ...over,
  };
}
