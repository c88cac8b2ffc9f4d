import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { union } from 'drizzle-orm/pg-core';
import type { Db, DbOrTx } from '../../../db/client.ts';
import { caseEvents, caseMetFamily, caseOrganisations, cases, caseWorkerChanges, caseWorkers, meetings, meetingWorkers, organisations, users } from '../../../db/schema/index.ts';
import { createAuditRepository } from '../audit/audit.repository.ts';
import { createIdempotencyRepository } from '../idempotency/idempotency.repository.ts';
import { createScheduleRepository } from '../schedule/schedule.repository.ts';

export function createCasesRepository(db: DbOrTx) {
  return {
    /** A new case; `reportReceivedOn` starts its path (a case from an anmälningsmöte: the meeting's date). */
    async insert(c: { id?: string; teamId: string; label: string; reportMeetingId: string | null; createdBy: string; createdAt: Date; organisations: { id: string; reporter: boolean }[]; responsibleId: string; workerIds: string[]; reportReceivedOn?: string; metFamilyIds?: string[] }) {
      const [row] = await db.insert(cases).values({ ...(c.id ? { id: c.id } : {}), teamId: c.teamId, label: c.label, reportMeetingId: c.reportMeetingId, createdBy: c.createdBy, createdAt: c.createdAt }).returning({ id: cases.id });
      const id = row!.id;
      if (c.metFamilyIds?.length) await db.insert(caseMetFamily).values(c.metFamilyIds.map((userId) => ({ caseId: id, userId })));
      if (c.reportReceivedOn) await db.insert(caseEvents).values({ caseId: id, kind: 'report_received', on: c.reportReceivedOn, recordedBy: c.createdBy, recordedAt: c.createdAt });
      await db.insert(caseOrganisations).values(c.organisations.map((o) => ({ caseId: id, organisationId: o.id, reporter: o.reporter })));
      await db.insert(caseWorkers).values(c.workerIds.map((userId) => ({ caseId: id, userId, responsible: userId === c.responsibleId })));
      return id;
    },

    async find(id: string) {
      const [row] = await db
        .select({ id: cases.id, label: cases.label, teamId: cases.teamId, reportMeetingId: cases.reportMeetingId, createdAt: cases.createdAt })
        .from(cases)
        .where(eq(cases.id, id))
        .limit(1);
      return row;
    },

    /** Locks the case for the rest of the transaction: two changes of its workers queue. */
    async lock(id: string) {
      await db.select({ id: cases.id }).from(cases).where(eq(cases.id, id)).for('update');
    },

    async organisationsOf(caseId: string) {
      return db
        .select({ id: organisations.id, name: organisations.name, reporter: caseOrganisations.reporter })
        .from(caseOrganisations)
        .innerJoin(organisations, eq(organisations.id, caseOrganisations.organisationId))
        .where(eq(caseOrganisations.caseId, caseId))
        .orderBy(asc(organisations.name));
    },

    async workersOf(caseId: string) {
      return db
        .select({ userId: users.id, name: users.name, email: users.email, responsible: caseWorkers.responsible })
        .from(caseWorkers)
        .innerJoin(users, eq(users.id, caseWorkers.userId))
        .where(eq(caseWorkers.caseId, caseId))
        .orderBy(desc(caseWorkers.responsible), asc(users.name));
    },

    /** The social workers who met the family: at the anmälningsmöte the case came from, or as the case names them. */
    async metFamily(c: { id: string; reportMeetingId: string | null }) {
      // One list of ids (a union), not "in one or in the other": an OR of two IN-subqueries cannot
      // use the users' key, and read all 25,000 people of the city for every case shown.
      const named = db.select({ userId: caseMetFamily.userId }).from(caseMetFamily).where(eq(caseMetFamily.caseId, c.id));
      const atMeeting = db.select({ userId: meetingWorkers.userId }).from(meetingWorkers).where(eq(meetingWorkers.meetingId, c.reportMeetingId ?? sql`null`));
      return db
        .select({ userId: users.id, name: users.name })
        .from(users)
        .where(inArray(users.id, union(named, atMeeting)))
        .orderBy(asc(users.name));
    },

    async replaceWorkers(caseId: string, responsibleId: string, coWorkerIds: string[]) {
      await db.delete(caseWorkers).where(eq(caseWorkers.caseId, caseId));
      await db.insert(caseWorkers).values([responsibleId, ...coWorkerIds].map((userId) => ({ caseId, userId, responsible: userId === responsibleId })));
    },

    async insertChange(c: typeof caseWorkerChanges.$inferInsert) {
      await db.insert(caseWorkerChanges).values(c);
    },

    async changes(caseId: string) {
      return db
        .select({ at: caseWorkerChanges.changedAt, byName: users.name, before: caseWorkerChanges.before, after: caseWorkerChanges.after, reason: caseWorkerChanges.reason, continuityOverridden: caseWorkerChanges.continuityOverridden })
        .from(caseWorkerChanges)
        .leftJoin(users, eq(users.id, caseWorkerChanges.changedBy))
        .where(eq(caseWorkerChanges.caseId, caseId))
        .orderBy(asc(caseWorkerChanges.changedAt));
    },

    /** The case's path, in the order its steps happened. */
    async eventsOf(caseId: string) {
      return db.select({ kind: caseEvents.kind, on: caseEvents.on }).from(caseEvents).where(eq(caseEvents.caseId, caseId)).orderBy(asc(caseEvents.on), asc(caseEvents.recordedAt));
    },

    async insertEvent(e: typeof caseEvents.$inferInsert) {
      await db.insert(caseEvents).values(e);
    },

    async names(userIds: string[]) {
      if (userIds.length === 0) return [];
      return db.select({ userId: users.id, name: users.name }).from(users).where(inArray(users.id, userIds));
    },

    /** The team's cases (all for the team lead, else the ones the person works on), newest first. */
    async listFor(teamId: string, workerId: string | null) {
      const responsible = db
        .select({ caseId: caseWorkers.caseId, name: users.name })
        .from(caseWorkers)
        .innerJoin(users, eq(users.id, caseWorkers.userId))
        .where(eq(caseWorkers.responsible, true))
        .as('responsible');
      const orgNames = sql<string[]>`(select coalesce(json_agg(o.name order by o.name), '[]'::json) from case_organisations co join organisations o on o.id = co.organisation_id where co.case_id = ${cases.id})`;
      return db
        .select({ id: cases.id, label: cases.label, responsibleName: responsible.name, organisationNames: orgNames, createdAt: cases.createdAt })
        .from(cases)
        .innerJoin(responsible, eq(responsible.caseId, cases.id))
        .where(
          and(
            eq(cases.teamId, teamId),
            workerId ? inArray(cases.id, db.select({ id: caseWorkers.caseId }).from(caseWorkers).where(eq(caseWorkers.userId, workerId))) : undefined,
          ),
        )
        .orderBy(desc(cases.createdAt));
    },

    /** Changes the team lead made against the continuity rule, newest first. */
    async overrides(teamId: string) {
      return db
        .select({ caseId: cases.id, label: cases.label, at: caseWorkerChanges.changedAt, byName: users.name, reason: caseWorkerChanges.reason, after: caseWorkerChanges.after })
        .from(caseWorkerChanges)
        .innerJoin(cases, eq(cases.id, caseWorkerChanges.caseId))
        .leftJoin(users, eq(users.id, caseWorkerChanges.changedBy))
        .where(and(eq(cases.teamId, teamId), eq(caseWorkerChanges.continuityOverridden, true)))
        .orderBy(desc(caseWorkerChanges.changedAt));
    },

    async meetingsOf(caseId: string) {
      return db
        .select({ id: meetings.id, type: meetings.type, status: meetings.status, startsAt: meetings.startsAt })
        .from(meetings)
        .where(eq(meetings.caseId, caseId))
        .orderBy(sql`${meetings.startsAt} asc nulls last`);
    },
  };
}

export type CasesRepository = ReturnType<typeof createCasesRepository>;

/** A case use case's transaction: the cases, the audit log, the people's schedules and the retry keys, on one connection. */
export function casesTransaction(db: Db) {
  return <T>(work: (repo: CasesRepository & { audit: ReturnType<typeof createAuditRepository>; schedule: ReturnType<typeof createScheduleRepository>; keys: ReturnType<typeof createIdempotencyRepository> }) => Promise<T>) =>
    db.transaction((tx) => work({ ...createCasesRepository(tx), audit: createAuditRepository(tx), schedule: createScheduleRepository(tx), keys: createIdempotencyRepository(tx) }));
}
