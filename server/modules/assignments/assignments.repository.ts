import { and, asc, eq, or, sql } from 'drizzle-orm';
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

    async teamWorker(teamId: string, userId: string) {
      const [row] = await db
        .select({ name: users.name })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(and(eq(memberships.organisationId, teamId), eq(memberships.userId, userId), or(eq(memberships.role, 'social_worker'), eq(memberships.role, 'team_lead'))))
        .limit(1);
      return row;
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
