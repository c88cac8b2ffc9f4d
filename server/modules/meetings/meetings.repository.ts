import { and, asc, desc, eq, gte, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db, DbOrTx } from '../../../db/client.ts';
import { contactAssignments, meetings, meetingWorkers, memberships, organisations, teamSettings, users } from '../../../db/schema/index.ts';
import { createIdempotencyRepository } from '../idempotency/idempotency.repository.ts';
import { createMailRepository } from '../mail/mail.repository.ts';
import { createAuditRepository } from '../audit/audit.repository.ts';
import { createCasesRepository } from '../cases/cases.repository.ts';
import { createScheduleRepository } from '../schedule/schedule.repository.ts';

const requester = alias(users, 'requester');

const meetingColumns = {
  id: meetings.id,
  type: meetings.type,
  status: meetings.status,
  organisationId: meetings.organisationId,
  organisationName: organisations.name,
  organisationParentId: organisations.parentId,
  teamId: meetings.teamId,
  label: meetings.label,
  ageBand: meetings.ageBand,
  urgency: meetings.urgency,
  guardiansInformed: meetings.guardiansInformed,
  guardiansAttending: meetings.guardiansAttending,
  place: meetings.place,
  proposedTimes: meetings.proposedTimes,
  startsAt: meetings.startsAt,
  endsAt: meetings.endsAt,
  sequence: meetings.sequence,
  changeReason: meetings.changeReason,
  reportFiled: meetings.reportFiled,
  outcomeNotes: meetings.outcomeNotes,
  caseId: meetings.caseId,
  seriesId: meetings.seriesId,
  audience: meetings.audience,
  requestedById: meetings.requestedBy,
  requestedByName: requester.name,
  requestedByEmail: requester.email,
  createdAt: meetings.createdAt,
  updatedAt: meetings.updatedAt,
};

export function createMeetingsRepository(db: DbOrTx) {
  const base = () =>
    db
      .select(meetingColumns)
      .from(meetings)
      .innerJoin(organisations, eq(organisations.id, meetings.organisationId))
      .leftJoin(requester, eq(requester.id, meetings.requestedBy));

  return {
    schedule: createScheduleRepository(db),
    audit: createAuditRepository(db),
    mail: createMailRepository(db),
    /** A retried request is answered from its key, in the request's own transaction. */
    keys: createIdempotencyRepository(db),
    cases: createCasesRepository(db),

    async find(id: string) {
      const [row] = await base().where(eq(meetings.id, id)).limit(1);
      return row;
    },

    /** Meetings with a time in [from, to), with their team's reminder time: for the day-before reminder. */
    async scheduledBetween(from: Date, to: Date) {
      return db
        .select({ ...meetingColumns, reminderTime: teamSettings.reminderTime })
        .from(meetings)
        .innerJoin(organisations, eq(organisations.id, meetings.organisationId))
        .leftJoin(requester, eq(requester.id, meetings.requestedBy))
        .leftJoin(teamSettings, eq(teamSettings.teamId, meetings.teamId))
        .where(and(eq(meetings.status, 'scheduled'), gte(meetings.startsAt, from), lt(meetings.startsAt, to)));
    },

    /** Urgent requests still without a time, asked for before the instant. */
    async urgentWaitingSince(before: Date) {
      return base().where(and(eq(meetings.status, 'requested'), eq(meetings.urgency, 'urgent'), lt(meetings.createdAt, before)));
    },

    /** The row, locked for the rest of the transaction: concurrent changes of one meeting queue. */
    async lock(id: string) {
      const [row] = await db.select({ status: meetings.status, startsAt: meetings.startsAt }).from(meetings).where(eq(meetings.id, id)).for('update');
      return row;
    },

    async insert(values: typeof meetings.$inferInsert) {
      const [row] = await db.insert(meetings).values(values).returning({ id: meetings.id, status: meetings.status });
      return row!;
    },

    async workersOf(meetingIds: string[]) {
      if (meetingIds.length === 0) return [];
      return db
        .select({ meetingId: meetingWorkers.meetingId, userId: users.id, name: users.name, email: users.email, active: meetingWorkers.active })
        .from(meetingWorkers)
        .innerJoin(users, eq(users.id, meetingWorkers.userId))
        .where(inArray(meetingWorkers.meetingId, meetingIds))
        .orderBy(asc(users.name));
    },

    /** Who hears of a new request: the team's leads and the organisation's named contacts on the date (a unit's too). */
    async requestRecipients(teamId: string, organisationIds: string[], date: string) {
      const leads = db
        .select({ userId: users.id, name: users.name, email: users.email })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(and(eq(memberships.organisationId, teamId), eq(memberships.role, 'team_lead'), isNull(users.disabledAt)));
      const contacts = db
        .select({ userId: users.id, name: users.name, email: users.email })
        .from(contactAssignments)
        .innerJoin(users, eq(users.id, contactAssignments.userId))
        .where(
          and(
            inArray(contactAssignments.organisationId, organisationIds),
            sql`${contactAssignments.startsOn} <= ${date}::date`,
            or(isNull(contactAssignments.endsOn), sql`${contactAssignments.endsOn} >= ${date}::date`),
            isNull(users.disabledAt),
          ),
        );
      const rows = [...(await leads), ...(await contacts)];
      return rows.filter((r, i) => rows.findIndex((o) => o.userId === r.userId) === i);
    },

    /** Organisations the person is a named contact for on the date (a unit's contact serves its preschools too). */
    async contactOrganisations(userId: string, date: string) {
      const rows = await db
        .select({ organisationId: contactAssignments.organisationId })
        .from(contactAssignments)
        .where(
          and(
            eq(contactAssignments.userId, userId),
            sql`${contactAssignments.startsOn} <= ${date}::date`,
            or(isNull(contactAssignments.endsOn), sql`${contactAssignments.endsOn} >= ${date}::date`),
          ),
        );
      return rows.map((r) => r.organisationId);
    },

    async setTime(id: string, startsAt: Date, endsAt: Date, workerIds: string[], at: Date, singleWorkerReason: string | null = null) {
      await db.update(meetings).set({ status: 'scheduled', startsAt, endsAt, scheduledAt: at, updatedAt: at, singleWorkerReason }).where(eq(meetings.id, id));
      await db.insert(meetingWorkers).values(workerIds.map((userId) => ({ meetingId: id, userId, startsAt, endsAt })));
    },

    async reschedule(id: string, startsAt: Date, endsAt: Date, reason: string, at: Date) {
      await db.update(meetings).set({ startsAt, endsAt, changeReason: reason, sequence: sql`${meetings.sequence} + 1`, updatedAt: at }).where(eq(meetings.id, id));
      await db.update(meetingWorkers).set({ startsAt, endsAt }).where(eq(meetingWorkers.meetingId, id));
    },

    async cancel(id: string, reason: string, byUserId: string, at: Date) {
      await db
        .update(meetings)
        .set({ status: 'cancelled', changeReason: reason, cancelledBy: byUserId, sequence: sql`${meetings.sequence} + 1`, updatedAt: at })
        .where(eq(meetings.id, id));
      await db.update(meetingWorkers).set({ active: false }).where(eq(meetingWorkers.meetingId, id));
    },

    async recordOutcome(id: string, o: { held: boolean; reportFiled: boolean | null; notes: string | null; byUserId: string; caseId: string | null }, at: Date) {
      await db
        .update(meetings)
        .set({ status: o.held ? 'held' : 'not_held', reportFiled: o.reportFiled, outcomeNotes: o.notes, outcomeBy: o.byUserId, caseId: o.caseId, updatedAt: at })
        .where(eq(meetings.id, id));
    },

    /** Requests waiting for a time: urgent first, then the one that has waited longest. */
    async queue(teamId: string, organisationIds: string[] | 'all') {
      if (organisationIds !== 'all' && organisationIds.length === 0) return [];
      return base()
        .where(
          and(
            eq(meetings.teamId, teamId),
            eq(meetings.status, 'requested'),
            organisationIds === 'all' ? undefined : or(inArray(meetings.organisationId, organisationIds), inArray(organisations.parentId, organisationIds)),
          ),
        )
        .orderBy(desc(sql`${meetings.urgency} = 'urgent'`), asc(meetings.createdAt));
    },

    /**
     * The person's meetings in [from, to): those they sit in, those they asked for, and those of
     * the organisations whose requests they follow (principal, elevhälsa); requests still
     * waiting for a time are included whatever the window.
     */
    async listFor(userId: string, followedOrganisationIds: string[], from: Date, to: Date) {
      const mine = db.select({ id: meetingWorkers.meetingId }).from(meetingWorkers).where(eq(meetingWorkers.userId, userId));
      const whose = or(
        inArray(meetings.id, mine),
        eq(meetings.requestedBy, userId),
        followedOrganisationIds.length ? or(inArray(meetings.organisationId, followedOrganisationIds), inArray(organisations.parentId, followedOrganisationIds)) : undefined,
      );
      return base()
        .where(and(whose, or(eq(meetings.status, 'requested'), and(gte(meetings.startsAt, from), lt(meetings.startsAt, to)))))
        .orderBy(sql`${meetings.startsAt} asc nulls first`, asc(meetings.createdAt));
    },
  };
}

export type MeetingsRepository = ReturnType<typeof createMeetingsRepository>;
export type MeetingRow = NonNullable<Awaited<ReturnType<MeetingsRepository['find']>>>;

export const meetingsTransaction = (db: Db) => <T>(work: (repo: MeetingsRepository) => Promise<T>) =>
  db.transaction((tx) => work(createMeetingsRepository(tx)));
