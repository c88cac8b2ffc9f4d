import { and, eq, gt, gte, inArray, lt, lte, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.ts';
import { absences, closedDays, dutyRoster, slotHosts, users } from '../../../db/schema/index.ts';

/**
 * A person's commitments (hosted walk-and-talks, absences, duty days) live in different tables,
 * so no single constraint can keep them apart. Every use case that adds one takes this lock on
 * each person first, inside its transaction: the check that follows then sees every concurrent
 * writer's result, and two writers can never both pass it.
 */
export function createScheduleRepository(db: DbOrTx) {
  return {
    async lockPeople(userIds: string[]) {
      // Sorted, so that two transactions locking the same pair cannot deadlock.
      for (const id of [...new Set(userIds)].sort()) {
        await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${'person:' + id}, 0))`);
      }
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

    /** The people's active hosted slots that overlap [from, to). */
    async hostedBetween(userIds: string[], from: Date, to: Date, exceptSlotId?: string) {
      if (userIds.length === 0) return [];
      return db
        .select({ userId: slotHosts.userId, name: users.name, slotId: slotHosts.slotId, startsAt: slotHosts.startsAt, endsAt: slotHosts.endsAt })
        .from(slotHosts)
        .innerJoin(users, eq(users.id, slotHosts.userId))
        .where(
          and(
            inArray(slotHosts.userId, userIds),
            eq(slotHosts.active, true),
            lt(slotHosts.startsAt, to),
            gt(slotHosts.endsAt, from),
            exceptSlotId ? sql`${slotHosts.slotId} <> ${exceptSlotId}` : undefined,
          ),
        );
    },

  };
}

export type ScheduleRepository = ReturnType<typeof createScheduleRepository>;
