import { and, asc, eq, gte, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../../db/client.ts';
import { absences, userPhotos, users } from '../../../db/schema/index.ts';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { createScheduleRepository } from '../schedule/schedule.repository.ts';

/** The version of a person's photo (its time in milliseconds), or null when they have none. */
export const photoVersionOf = (userId: AnyPgColumn) =>
  sql<string | null>`(select (extract(epoch from p.updated_at) * 1000)::bigint::text from user_photos p where p.user_id = ${userId})`;

export function createProfileRepository(db: DbOrTx) {
  return {
    schedule: createScheduleRepository(db),
    async profile(userId: string) {
      const [row] = await db.select({ name: users.name, email: users.email, title: users.title, phone: users.phone, photoVersion: photoVersionOf(users.id) }).from(users).where(eq(users.id, userId));
      return row;
    },
    async setPhoto(userId: string, image: Buffer, at: Date) {
      await db.insert(userPhotos).values({ userId, image, updatedAt: at }).onConflictDoUpdate({ target: userPhotos.userId, set: { image, updatedAt: at } });
    },
    async deletePhoto(userId: string) {
      await db.delete(userPhotos).where(eq(userPhotos.userId, userId));
    },
    async photo(userId: string) {
      const [row] = await db.select({ image: userPhotos.image, updatedAt: userPhotos.updatedAt }).from(userPhotos).where(eq(userPhotos.userId, userId)).limit(1);
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
