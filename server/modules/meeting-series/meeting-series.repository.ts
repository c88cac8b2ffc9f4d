import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../../db/client.ts';
import { meetings, meetingSeries, meetingWorkers, organisations, users } from '../../../db/schema/index.ts';
import { createScheduleRepository } from '../schedule/schedule.repository.ts';

export function createMeetingSeriesRepository(db: DbOrTx) {
  return {
    schedule: createScheduleRepository(db),

    async insertSeries(values: typeof meetingSeries.$inferInsert) {
      const [row] = await db.insert(meetingSeries).values(values).returning({ id: meetingSeries.id });
      return row!.id;
    },

    /** The series' dates as scheduled meetings, with the same social workers at each. */
    async insertMeetings(rows: (typeof meetings.$inferInsert)[], workerIds: string[]) {
      const inserted = await db.insert(meetings).values(rows).returning({ id: meetings.id, startsAt: meetings.startsAt, endsAt: meetings.endsAt });
      await db.insert(meetingWorkers).values(inserted.flatMap((m) => workerIds.map((userId) => ({ meetingId: m.id, userId, startsAt: m.startsAt!, endsAt: m.endsAt! }))));
      return inserted.map((m) => ({ id: m.id, startsAt: m.startsAt!, endsAt: m.endsAt! }));
    },

    async find(id: string) {
      const [row] = await db
        .select({ series: meetingSeries, organisationName: organisations.name })
        .from(meetingSeries)
        .innerJoin(organisations, eq(organisations.id, meetingSeries.organisationId))
        .where(eq(meetingSeries.id, id))
        .limit(1);
      return row ? { ...row.series, organisationName: row.organisationName } : undefined;
    },

    async ofTeams(teamIds: string[]) {
      if (teamIds.length === 0) return [];
      const rows = await db
        .select({ series: meetingSeries, organisationName: organisations.name })
        .from(meetingSeries)
        .innerJoin(organisations, eq(organisations.id, meetingSeries.organisationId))
        .where(inArray(meetingSeries.teamId, teamIds))
        .orderBy(asc(organisations.name), asc(meetingSeries.startsOn));
      return rows.map((r) => ({ ...r.series, organisationName: r.organisationName }));
    },

    /** The social workers of the series: those at any of its meetings. */
    async workersOf(seriesIds: string[]) {
      if (seriesIds.length === 0) return [];
      return db
        .selectDistinct({ seriesId: meetings.seriesId, userId: users.id, name: users.name })
        .from(meetingWorkers)
        .innerJoin(meetings, eq(meetings.id, meetingWorkers.meetingId))
        .innerJoin(users, eq(users.id, meetingWorkers.userId))
        .where(inArray(meetings.seriesId, seriesIds))
        .orderBy(asc(users.name));
    },

    async upcoming(seriesIds: string[], now: Date) {
      if (seriesIds.length === 0) return [];
      return db
        .select({ seriesId: meetings.seriesId, id: meetings.id, startsAt: meetings.startsAt, endsAt: meetings.endsAt })
        .from(meetings)
        .where(and(inArray(meetings.seriesId, seriesIds), eq(meetings.status, 'scheduled'), gt(meetings.startsAt, now)))
        .orderBy(asc(meetings.startsAt));
    },

    /** Cancels the series and every one of its meetings still to come; a cancelled meeting's invite says so. */
    async cancelFuture(seriesId: string, reason: string, byUserId: string, at: Date) {
      const cancelled = await db
        .update(meetings)
        .set({ status: 'cancelled', changeReason: reason, cancelledBy: byUserId, sequence: sql`${meetings.sequence} + 1`, updatedAt: at })
        .where(and(eq(meetings.seriesId, seriesId), eq(meetings.status, 'scheduled'), gt(meetings.startsAt, at)))
        .returning({ id: meetings.id });
      if (cancelled.length) await db.update(meetingWorkers).set({ active: false }).where(inArray(meetingWorkers.meetingId, cancelled.map((c) => c.id)));
      await db.update(meetingSeries).set({ cancelledAt: at }).where(eq(meetingSeries.id, seriesId));
      return cancelled.length;
    },
  };
}

export type MeetingSeriesRepository = ReturnType<typeof createMeetingSeriesRepository>;

export const meetingSeriesTransaction = (db: Db) => <T>(work: (repo: MeetingSeriesRepository) => Promise<T>) =>
  db.transaction((tx) => work(createMeetingSeriesRepository(tx)));
