import { and, asc, eq, gt, gte, inArray, isNull, lt, lte, ne, sql } from 'drizzle-orm';
import { unionAll } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../../db/client.ts';
import { daySpan } from '../../contracts/time.ts';
import { oneByOne } from '../../lib/one-by-one.ts';
import { absences, closedDays, dutyRoster, meetingWorkers, memberships, slotHosts, users } from '../../../db/schema/index.ts';

export type CommitmentKind = 'walk_and_talk' | 'meeting';

/** Whose calendars, over which Stockholm days (and, when narrower, which instants), leaving out the slot or meeting being moved. */
export type ScheduleQuery = {
  people: string[];
  from: string;
  until: string;
  between?: { start: Date; end: Date };
  except?: { slotId?: string; meetingId?: string };
};

export function createScheduleRepository(db: DbOrTx) {
  const repo = {

    /** The team's social workers (not the team lead): who can sit in a family meeting or carry a case. */
    async socialWorkers(teamId: string) {
      return db
        .selectDistinct({ userId: users.id, name: users.name })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(and(eq(memberships.organisationId, teamId), eq(memberships.role, 'social_worker'), isNull(users.disabledAt)))
        .orderBy(asc(users.name));
    },

    /** Extra days the office is closed, added by the administrator. */
    closedDays: () => db.select({ day: closedDays.day, name: closedDays.name }).from(closedDays),

    async absences(userIds: string[], from: string, to: string) {
      if (userIds.length === 0) return [];
      return db
        .select({ userId: absences.userId, name: users.name, startsOn: absences.startsOn, endsOn: absences.endsOn })
        .from(absences)
        .innerJoin(users, eq(users.id, absences.userId))
        .where(and(inArray(absences.userId, userIds), lte(absences.startsOn, to), gte(absences.endsOn, from)));
    },

    async dutyDays(userIds: string[], from: string, to: string) {
      if (userIds.length === 0) return [];
      return db
        .select({ userId: dutyRoster.userId, name: users.name, day: dutyRoster.day })
        .from(dutyRoster)
        .innerJoin(users, eq(users.id, dutyRoster.userId))
        .where(and(inArray(dutyRoster.userId, userIds), gte(dutyRoster.day, from), lte(dutyRoster.day, to)));
    },

    /**
     * The people's active commitments that overlap [from, to): walk-and-talks they host and
     * meetings they sit in. `except` leaves out the slot or meeting being moved.
     */
    async commitmentsBetween(userIds: string[], from: Date, to: Date, except?: { slotId?: string; meetingId?: string }) {
      if (userIds.length === 0) return [];
      const hosted = db
        .select({ userId: slotHosts.userId, name: users.name, kind: sql<CommitmentKind>`'walk_and_talk'`.as('kind'), id: slotHosts.slotId, startsAt: slotHosts.startsAt, endsAt: slotHosts.endsAt })
        .from(slotHosts)
        .innerJoin(users, eq(users.id, slotHosts.userId))
        .where(
          and(
            inArray(slotHosts.userId, userIds),
            eq(slotHosts.active, true),
            lt(slotHosts.startsAt, to),
            gt(slotHosts.endsAt, from),
            except?.slotId ? ne(slotHosts.slotId, except.slotId) : undefined,
          ),
        );
      const meetings = db
        .select({ userId: meetingWorkers.userId, name: users.name, kind: sql<CommitmentKind>`'meeting'`.as('kind'), id: meetingWorkers.meetingId, startsAt: meetingWorkers.startsAt, endsAt: meetingWorkers.endsAt })
        .from(meetingWorkers)
        .innerJoin(users, eq(users.id, meetingWorkers.userId))
        .where(
          and(
            inArray(meetingWorkers.userId, userIds),
            eq(meetingWorkers.active, true),
            lt(meetingWorkers.startsAt, to),
            gt(meetingWorkers.endsAt, from),
            except?.meetingId ? ne(meetingWorkers.meetingId, except.meetingId) : undefined,
          ),
        );
      const rows = await unionAll(hosted, meetings);
      return rows.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
    },
  };

  /** What stands in the people's way over the days: closed days, absences, duty days and commitments. */
  async function read({ people, from, until, between, except }: ScheduleQuery) {
    const { start, end } = between ?? daySpan(from, until);
    const [closed, absences, dutyDays, commitments] = await oneByOne([
      () => repo.closedDays(),
      () => repo.absences(people, from, until),
      () => repo.dutyDays(people, from, until),
      () => repo.commitmentsBetween(people, start, end, except),
    ] as const);
    return { closedDays: new Map(closed.map((c) => [c.day, c.name])) as ReadonlyMap<string, string>, absences, dutyDays, commitments };
  }

  return {
    ...repo,
    read,
    /**
     * A person's commitments (hosted walk-and-talks, meetings, absences, duty days) live in
     * different tables, so no single constraint can keep them apart. Every use case that adds
     * one claims the people first, inside its transaction: a lock on each, then the read. The
     * check that follows sees every concurrent writer's result, and two writers can never both
     * pass it. There is no other way to take the lock.
     */
    async claim(query: ScheduleQuery) {
      // Sorted, so that two transactions locking the same pair cannot deadlock.
      for (const id of [...new Set(query.people)].sort()) {
        await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${'person:' + id}, 0))`);
      }
      return read(query);
    },
  };
}

export type Schedule = Awaited<ReturnType<ScheduleRepository['read']>>;

export type ScheduleRepository = ReturnType<typeof createScheduleRepository>;
