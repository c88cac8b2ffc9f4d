import { and, asc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../../db/client.ts';
import { contactAssignments, memberships, organisations, sections, users } from '../../../db/schema/index.ts';

export function createAssignmentsRepository(db: DbOrTx) {
  return {
    /** The organisations a team serves (and the team itself is left out), with their sections. */
    async servedBy(teamId: string) {
      const orgs = await db
        .select({ id: organisations.id, name: organisations.name, kind: organisations.kind, parentId: organisations.parentId })
        .from(organisations)
        .where(eq(organisations.servingTeamId, teamId))
        .orderBy(asc(organisations.name));
      const secs = await db
        .select({ id: sections.id, name: sections.name, organisationId: sections.organisationId })
        .from(sections)
        .innerJoin(organisations, eq(organisations.id, sections.organisationId))
        .where(eq(organisations.servingTeamId, teamId))
        .orderBy(asc(sections.sortOrder));
      return { orgs, secs };
    },

    /** Every assignment, past and present, for the team's organisations: the history. */
    async forTeam(teamId: string) {
      return db
        .select({
          id: contactAssignments.id,
          organisationId: contactAssignments.organisationId,
          sectionId: contactAssignments.sectionId,
          userId: users.id,
          name: users.name,
          startsOn: contactAssignments.startsOn,
          endsOn: contactAssignments.endsOn,
        })
        .from(contactAssignments)
        .innerJoin(organisations, eq(organisations.id, contactAssignments.organisationId))
        .innerJoin(users, eq(users.id, contactAssignments.userId))
        .where(eq(organisations.servingTeamId, teamId))
        .orderBy(asc(contactAssignments.startsOn), asc(users.name));
    },

    async organisation(id: string) {
      const [row] = await db.select({ id: organisations.id, servingTeamId: organisations.servingTeamId }).from(organisations).where(eq(organisations.id, id));
      return row;
    },

    async sectionBelongs(sectionId: string, organisationId: string) {
      const [row] = await db.select({ id: sections.id }).from(sections).where(and(eq(sections.id, sectionId), eq(sections.organisationId, organisationId)));
      return !!row;
    },

    /**
     * Who may be a contact for the team's organisations: its social workers and team lead, and
     * staff of another unit of social services in the team's district (the pilot's preschool pair
     * was a social worker and a föräldrarådgivare from the ordinary unit), without joining the team.
     */
    async contactCandidates(teamId: string, userId?: string) {
      const unit = alias(organisations, 'unit');
      const sameDistrict = sql`${unit.districtId} is not distinct from (select ${organisations.districtId} from ${organisations} where ${organisations.id} = ${teamId})`;
      return db
        .selectDistinct({ userId: users.id, name: users.name, unitName: sql<string | null>`case when ${memberships.organisationId} = ${teamId} then null else ${unit.name} end` })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .innerJoin(unit, eq(unit.id, memberships.organisationId))
        .where(
          and(
            isNull(users.disabledAt),
            userId ? eq(users.id, userId) : undefined,
            or(
              and(eq(memberships.organisationId, teamId), inArray(memberships.role, ['social_worker', 'team_lead'])),
              and(eq(unit.kind, 'social_services_unit'), isNull(unit.archivedAt), eq(memberships.role, 'partner'), sameDistrict),
            ),
          ),
        )
        .orderBy(users.name);
    },

    async insert(a: { organisationId: string; sectionId: string | null; userId: string; startsOn: string; endsOn: string | null }) {
      const [row] = await db.insert(contactAssignments).values(a).returning({ id: contactAssignments.id });
      return row!.id;
    },

    async find(id: string) {
      const [row] = await db
        .select({ id: contactAssignments.id, organisationId: contactAssignments.organisationId, startsOn: contactAssignments.startsOn, servingTeamId: organisations.servingTeamId })
        .from(contactAssignments)
        .innerJoin(organisations, eq(organisations.id, contactAssignments.organisationId))
        .where(eq(contactAssignments.id, id));
      return row;
    },

    async end(id: string, endsOn: string) {
      await db.update(contactAssignments).set({ endsOn }).where(and(eq(contactAssignments.id, id), sql`(${contactAssignments.endsOn} is null or ${contactAssignments.endsOn} > ${endsOn}::date)`));
    },
  };
}

export type AssignmentsRepository = ReturnType<typeof createAssignmentsRepository>;
