import { sql } from 'drizzle-orm';
import type { Db } from './client.ts';
import { DEMO_DISTRICT, DEMO_PASSWORD, TEAM, demoContacts, demoDutyRotation, demoOrganisations, demoPeople, demoTeamSettings } from './demo-district.ts';
import { seedConsents } from './seed-consents.ts';
import { seedMeetings } from './seed-meetings.ts';
import { seedWalkAndTalk, type WalkAndTalkCalendar } from './seed-walk-and-talk.ts';
import { absences, contactAssignments, districts, dutyRoster, memberships, organisations, sections, teamSettings, users } from './schema/index.ts';
import { holdTo } from './tenancy.ts';

export type SeedCalendar = WalkAndTalkCalendar & {
  /** Working days in the weeks before today: when the demo's past meetings happened. */
  pastWorkingDays: string[];
};

/**
 * Loads the demo district into an empty database, in one transaction. Returns false (and
 * writes nothing) when the database already holds organisations.
 */
export async function seedDemoDistrict(
  db: Db,
  hashPassword: (password: string) => Promise<string>,
  calendar: SeedCalendar,
): Promise<boolean> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction(async (tx) => {
    // Two copies starting at once on one empty database must not both seed it.
    await tx.execute(sql`select pg_advisory_xact_lock(727274)`);
    const [{ n }] = (await tx.select({ n: sql<number>`count(*)::int` }).from(organisations)) as [{ n: number }];
    if (n > 0) return false;

    const orgIds = new Map<string, string>();
    const sectionIds = new Map<string, string>();
    const teamId = crypto.randomUUID();
    // The pilot's stadsdel: every demo organisation is in it.
    const [district] = await tx.insert(districts).values({ name: DEMO_DISTRICT }).returning({ id: districts.id });
    for (const org of demoOrganisations) {
      const id = org.key === TEAM ? teamId : crypto.randomUUID();
      orgIds.set(org.key, id);
      await tx.insert(organisations).values({
        id,
        name: org.name,
        kind: org.kind,
        parentId: org.parent ? orgIds.get(org.parent) : null,
        servingTeamId: org.key === TEAM ? null : teamId,
        districtId: district!.id,
      });
      for (const [i, name] of (org.sections ?? []).entries()) {
        const [row] = await tx.insert(sections).values({ organisationId: id, name, sortOrder: i }).returning({ id: sections.id });
        sectionIds.set(`${org.key}/${name}`, row!.id);
      }
    }

    const userIds = new Map<string, string>();
    for (const person of demoPeople) {
      const [user] = await tx
        .insert(users)
        .values({ email: person.email, name: person.name, title: person.title, phone: person.phone, passwordHash })
        .returning({ id: users.id });
      userIds.set(person.email, user!.id);
      await tx.insert(memberships).values(
        person.memberships.map((m) => ({
          userId: user!.id,
          organisationId: m.org ? orgIds.get(m.org)! : null,
          sectionId: m.section ? sectionIds.get(`${m.org}/${m.section}`)! : null,
          role: m.role,
        })),
      );
    }

    await seedContactsAndRoster(tx, { teamId, orgIds, sectionIds, userIds }, calendar);
    await seedWalkAndTalk(tx, { orgIds, userIds }, calendar);
    await seedMeetings(tx, teamId, { orgIds, userIds }, calendar);
    // Consents and feedback are under forced row-level security, for the seed too: it writes them
    // as the team, on the seed's day.
    await holdTo(tx, { teamIds: [teamId], schoolOrganisationIds: [], now: calendar.at(calendar.today, '12:00'), today: calendar.today });
    await seedConsents(tx, teamId, { orgIds, userIds }, calendar);
    return true;
  });
}

type Ids = { teamId: string; orgIds: Map<string, string>; sectionIds: Map<string, string>; userIds: Map<string, string> };

async function seedContactsAndRoster(tx: Parameters<Parameters<Db['transaction']>[0]>[0], ids: Ids, calendar: SeedCalendar) {
  const { today, workingDays } = calendar;
  const monthStart = workingDays[0] ?? today;
  for (const c of demoContacts) {
    const organisationId = ids.orgIds.get(c.org)!;
    for (const section of c.sections ?? [null]) {
      await tx.insert(contactAssignments).values({
        organisationId,
        sectionId: section ? ids.sectionIds.get(`${c.org}/${section}`)! : null,
        userId: ids.userIds.get(c.email)!,
        startsOn: monthStart,
      });
    }
  }
  await tx.insert(teamSettings).values({ teamId: ids.teamId, ...demoTeamSettings });

  // A few absences so every status can be seen: one contact away now, the föräldrarådgivare
  // away next week.
  const upcoming = workingDays.filter((d) => d >= today);
  const away = [
    { email: 'soc4@vallingbyteamet.example', startsOn: today, endsOn: upcoming[3] ?? today, reason: 'Utbildning' },
    { email: 'radgivare@vallingbyteamet.example', startsOn: upcoming[5] ?? today, endsOn: upcoming[9] ?? today, reason: 'Semester' },
  ];
  for (const a of away) await tx.insert(absences).values({ userId: ids.userIds.get(a.email)!, startsOn: a.startsOn, endsOn: a.endsOn, reason: a.reason });

  // One holder per working day, in turn, skipping whoever is away; one day next week is left
  // without a holder, as a gap for the team lead to fix.
  const gap = upcoming[7];
  let turn = 0;
  for (const day of workingDays) {
    if (day === gap) continue;
    for (let tries = 0; tries < demoDutyRotation.length; tries++, turn++) {
      const email = demoDutyRotation[turn % demoDutyRotation.length]!;
      if (away.some((a) => a.email === email && a.startsOn <= day && day <= a.endsOn)) continue;
      await tx.insert(dutyRoster).values({ teamId: ids.teamId, day, userId: ids.userIds.get(email)! });
      turn++;
      break;
    }
  }
}
