import { and, eq, gte, inArray, lte } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../../db/client.ts';
import { dutyRoster, users } from '../../../db/schema/index.ts';
import { createScheduleRepository } from '../schedule/schedule.repository.ts';

export function createRosterRepository(db: DbOrTx) {
  return {
    schedule: createScheduleRepository(db),
    async between(teamId: string, from: string, to: string) {
      return db
        .select({ day: dutyRoster.day, userId: dutyRoster.userId, name: users.name })
        .from(dutyRoster)
        .innerJoin(users, eq(users.id, dutyRoster.userId))
        .where(and(eq(dutyRoster.teamId, teamId), gte(dutyRoster.day, from), lte(dutyRoster.day, to)));
    },

    /** Holders of the given days, locked until the transaction ends (swaps, overrides). */
    async lockDays(teamId: string, days: string[]) {
      return db
        .select({ day: dutyRoster.day, userId: dutyRoster.userId })
        .from(dutyRoster)
        .where(and(eq(dutyRoster.teamId, teamId), inArray(dutyRoster.day, days)))
        .for('update');
    },

    /** One holder per day: a new holder replaces the old (the unique key makes it so). */
    async setHolder(teamId: string, day: string, userId: string) {
      await db
        .insert(dutyRoster)
        .values({ teamId, day, userId })
        .onConflictDoUpdate({ target: [dutyRoster.teamId, dutyRoster.day], set: { userId } });
    },

    async clearHolder(teamId: string, day: string) {
      await db.delete(dutyRoster).where(and(eq(dutyRoster.teamId, teamId), eq(dutyRoster.day, day)));
    },
  };
}

export type RosterRepository = ReturnType<typeof createRosterRepository>;

/** Runs a use case in one transaction with a repository bound to it. */
export const rosterTransaction = (db: Db) => <T>(work: (repo: RosterRepository) => Promise<T>) =>
  db.transaction((tx) => work(createRosterRepository(tx)));
