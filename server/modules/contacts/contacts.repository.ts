import { and, asc, eq, gte, inArray, isNull, lte, or } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.ts';
import { absences, closedDays, contactAssignments, dutyRoster, sections, teamSettings, users } from '../../../db/schema/index.ts';

export function createContactsRepository(db: DbOrTx) {
  return {
    /** Contacts named for these organisations (or their sections) on a date, with their profile. */
    async activeAssignments(organisationIds: string[], date: string) {
      if (organisationIds.length === 0) return [];
      return db
        .select({
          userId: users.id,
          name: users.name,
          title: users.title,
          phone: users.phone,
          email: users.email,
          organisationId: contactAssignments.organisationId,
          sectionId: contactAssignments.sectionId,
          sectionName: sections.name,
          sectionOrder: sections.sortOrder,
        })
        .from(contactAssignments)
        .innerJoin(users, eq(users.id, contactAssignments.userId))
        .leftJoin(sections, eq(sections.id, contactAssignments.sectionId))
        .where(
          and(
            inArray(contactAssignments.organisationId, organisationIds),
            lte(contactAssignments.startsOn, date),
            or(isNull(contactAssignments.endsOn), gte(contactAssignments.endsOn, date)),
            isNull(users.disabledAt),
          ),
        )
        .orderBy(asc(sections.sortOrder), asc(users.name));
    },

    /** Absences that have not ended by `date` (only dates, never the private reason). */
    async absencesFrom(userIds: string[], date: string) {
      if (userIds.length === 0) return [];
      return db
        .select({ userId: absences.userId, startsOn: absences.startsOn, endsOn: absences.endsOn })
        .from(absences)
        .where(and(inArray(absences.userId, userIds), gte(absences.endsOn, date)))
        .orderBy(asc(absences.startsOn));
    },

    async dutyOn(teamId: string, date: string) {
      const [row] = await db
        .select({ userId: users.id, name: users.name, phone: users.phone })
        .from(dutyRoster)
        .innerJoin(users, eq(users.id, dutyRoster.userId))
        .where(and(eq(dutyRoster.teamId, teamId), eq(dutyRoster.day, date)))
        .limit(1);
      return row;
    },

    async settings(teamId: string) {
      const [row] = await db.select().from(teamSettings).where(eq(teamSettings.teamId, teamId)).limit(1);
      return row;
    },

    async closedDays() {
      return db.select({ day: closedDays.day, name: closedDays.name }).from(closedDays);
    },
  };
}

export type ContactsRepository = ReturnType<typeof createContactsRepository>;
