import { and, asc, eq, gte } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../../db/client.ts';
import { absences, users } from '../../../db/schema/index.ts';
import { createScheduleRepository } from '../schedule/schedule.repository.ts';

export function createProfileRepository(db: DbOrTx) {
  return {
    schedule: createScheduleRepository(db),
    async profile(userId: string) {
      const [row] = await db.select({ name: users.name, email: users.email, title: users.title, phone: users.phone }).from(users).where(eq(users.id, userId));
      return row;
    },
    async updateProfile(userId: string, patch: { title?: string; phone?: string }) {
      if (Object.keys(patch).length) await db.update(users).set(patch).where(eq(users.id, userId));
    },
    listAbsences: (userId: string, from: string) =>
      db
        .select({ id: absences.id, startsOn: absences.startsOn, endsOn: absences.endsOn, reason: absences.reason })
        .from(absences)
        .where(and(eq(absences.userId, userId), gte(absences.endsOn, from)))
        .orderBy(asc(absences.startsOn)),
    async addAbsence(userId: string, a: { startsOn: string; endsOn: string; reason?: string }) {
      const [row] = await db.insert(absences).values({ userId, ...a }).returning({ id: absences.id });
      return row!.id;
    },
    async deleteAbsence(userId: string, id: string) {
      const rows = await db.delete(absences).where(and(eq(absences.id, id), eq(absences.userId, userId))).returning({ id: absences.id });
      return rows.length > 0;
    },
  };
}

export type ProfileRepository = ReturnType<typeof createProfileRepository>;

export const profileTransaction = (db: Db) => <T>(work: (repo: ProfileRepository) => Promise<T>) =>
  db.transaction((tx) => work(createProfileRepository(tx)));
