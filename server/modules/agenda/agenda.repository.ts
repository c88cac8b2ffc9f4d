import { and, asc, eq, gt, gte, inArray, isNull, lt, lte, or, sql, type AnyColumn } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../../db/client.ts';
import { absences, bookings, calendarFeeds, caseEvents, caseWorkers, dutyRoster, meetings, meetingWorkers, organisations, slotHosts, slots, users } from '../../../db/schema/index.ts';

/** A person's own days, read across the tables that hold them. Each read is one indexed query. */
/**
 * The case has no check-in call recorded: asked per case through the (case, kind) key. "Not in the
 * list of every case whose call was made" read that whole list, city-wide, on every start page.
 */
function checkInNotDone(caseId: AnyColumn) {
  return sql`not exists (select 1 from ${caseEvents} where ${caseEvents.caseId} = ${caseId} and ${caseEvents.kind} = 'check_in_done')`;
}

export function createAgendaRepository(db: DbOrTx) {
  return {
    /** Walk-and-talks and on-site hours the person hosts in [from, to), not cancelled. */
    hosted: (userId: string, from: Date, to: Date) =>
      db
        .select({ id: slots.id, kind: slots.kind, startsAt: slots.startsAt, endsAt: slots.endsAt, location: slots.location, organisationName: organisations.name })
        .from(slotHosts)
        .innerJoin(slots, eq(slots.id, slotHosts.slotId))
        .innerJoin(organisations, eq(organisations.id, slots.organisationId))
        .where(and(eq(slotHosts.userId, userId), eq(slotHosts.active, true), isNull(slots.cancelledAt), lt(slotHosts.startsAt, to), gt(slotHosts.endsAt, from))),

    /** The person's own live bookings in [from, to). */
    booked: (userId: string, from: Date, to: Date) =>
      db
        .select({ id: bookings.id, startsAt: slots.startsAt, endsAt: slots.endsAt, location: slots.location, organisationName: organisations.name })
        .from(bookings)
        .innerJoin(slots, eq(slots.id, bookings.slotId))
        .innerJoin(organisations, eq(organisations.id, slots.organisationId))
        .where(and(eq(bookings.bookerId, userId), eq(bookings.status, 'booked'), isNull(slots.cancelledAt), lt(slots.startsAt, to), gt(slots.endsAt, from))),

    /** Scheduled meetings the person sits in or asked for, in [from, to). */
    async meetings(userId: string, from: Date, to: Date) {
      const sitting = db.select({ id: meetingWorkers.meetingId }).from(meetingWorkers).where(and(eq(meetingWorkers.userId, userId), eq(meetingWorkers.active, true)));
      return db
        .select({ id: meetings.id, type: meetings.type, place: meetings.place, startsAt: meetings.startsAt, endsAt: meetings.endsAt, organisationName: organisations.name })
        .from(meetings)
        .innerJoin(organisations, eq(organisations.id, meetings.organisationId))
        .where(and(eq(meetings.status, 'scheduled'), or(inArray(meetings.id, sitting), eq(meetings.requestedBy, userId)), lt(meetings.startsAt, to), gt(meetings.endsAt, from)));
    },

    /** Closed cases the person is responsible for whose family has not had the check-in call yet, with the closing date. */
    /** Cases closed between two dates whose check-in call is not made yet, with the responsible worker's name. */
    async openCheckIns(closedFrom: string, closedTo: string) {
      const closed = alias(caseEvents, 'closed');
      return db
        .select({ caseId: closed.caseId, closedOn: closed.on, userId: users.id, name: users.name })
        .from(closed)
        .innerJoin(caseWorkers, and(eq(caseWorkers.caseId, closed.caseId), eq(caseWorkers.responsible, true)))
        .innerJoin(users, eq(users.id, caseWorkers.userId))
        .where(and(eq(closed.kind, 'case_closed'), gte(closed.on, closedFrom), lte(closed.on, closedTo), checkInNotDone(closed.caseId)));
    },

    async checkInsDue(userId: string) {
      const closed = alias(caseEvents, 'closed');
      return db
        .select({ caseId: closed.caseId, closedOn: closed.on })
        .from(closed)
        .innerJoin(caseWorkers, and(eq(caseWorkers.caseId, closed.caseId), eq(caseWorkers.userId, userId), eq(caseWorkers.responsible, true)))
        .where(and(eq(closed.kind, 'case_closed'), checkInNotDone(closed.caseId)));
    },

    dutyDays: (userId: string, from: string, to: string) =>
      db.select({ day: dutyRoster.day }).from(dutyRoster).where(and(eq(dutyRoster.userId, userId), gte(dutyRoster.day, from), lte(dutyRoster.day, to))).orderBy(asc(dutyRoster.day)),

    absences: (userId: string, from: string, to: string) =>
      db.select({ id: absences.id, startsOn: absences.startsOn, endsOn: absences.endsOn }).from(absences).where(and(eq(absences.userId, userId), lte(absences.startsOn, to), gte(absences.endsOn, from))),

    /** Replaces the person's feed token: the old URL stops working in the same statement. */
    async setFeed(userId: string, tokenHash: string, at: Date) {
      await db.insert(calendarFeeds).values({ userId, tokenHash, createdAt: at }).onConflictDoUpdate({ target: calendarFeeds.userId, set: { tokenHash, createdAt: at } });
    },

    async feedOwner(tokenHash: string) {
      const [row] = await db
        .select({ userId: calendarFeeds.userId })
        .from(calendarFeeds)
        .innerJoin(users, eq(users.id, calendarFeeds.userId))
        .where(and(eq(calendarFeeds.tokenHash, tokenHash), isNull(users.disabledAt)));
      return row?.userId;
    },
  };
}

export type AgendaRepository = ReturnType<typeof createAgendaRepository>;
