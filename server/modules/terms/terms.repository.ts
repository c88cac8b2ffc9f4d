import { and, asc, eq, gte, inArray, isNull, lt, ne, or, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../../db/client.ts';
import { bookingReminders, bookings, memberships, organisations, schoolPeriods, sections, slots, users } from '../../../db/schema/index.ts';

export function createTermsRepository(db: DbOrTx) {
  return {
    /** The organisation's own terms and lov, and its unit's, oldest first. */
    async periodsOf(organisationId: string, parentId: string | null) {
      return db
        .select({ id: schoolPeriods.id, organisationId: schoolPeriods.organisationId, organisationName: organisations.name, kind: schoolPeriods.kind, name: schoolPeriods.name, startsOn: schoolPeriods.startsOn, endsOn: schoolPeriods.endsOn, bookingRequired: schoolPeriods.bookingRequired })
        .from(schoolPeriods)
        .innerJoin(organisations, eq(organisations.id, schoolPeriods.organisationId))
        .where(inArray(schoolPeriods.organisationId, parentId ? [organisationId, parentId] : [organisationId]))
        .orderBy(asc(schoolPeriods.startsOn), asc(schoolPeriods.kind));
    },

    async find(id: string) {
      const [row] = await db.select().from(schoolPeriods).where(eq(schoolPeriods.id, id)).limit(1);
      return row;
    },

    /** Another term of the organisation over the same days. */
    async overlappingTerm(organisationId: string, startsOn: string, endsOn: string) {
      const [row] = await db
        .select({ name: schoolPeriods.name })
        .from(schoolPeriods)
        .where(and(eq(schoolPeriods.organisationId, organisationId), eq(schoolPeriods.kind, 'term'), sql`${schoolPeriods.startsOn} <= ${endsOn}`, sql`${schoolPeriods.endsOn} >= ${startsOn}`))
        .limit(1);
      return row?.name ?? null;
    },

    async insert(values: typeof schoolPeriods.$inferInsert) {
      const [row] = await db.insert(schoolPeriods).values(values).returning({ id: schoolPeriods.id });
      return row!.id;
    },

    async setBookingRequired(id: string, required: boolean) {
      await db.update(schoolPeriods).set({ bookingRequired: required }).where(eq(schoolPeriods.id, id));
    },

    async remove(id: string) {
      await db.delete(schoolPeriods).where(eq(schoolPeriods.id, id));
    },

    async children(unitId: string) {
      return db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(eq(organisations.parentId, unitId)).orderBy(asc(organisations.name));
    },

    /** The active pedagogues of the organisations, with their section. */
    async pedagogues(organisationIds: string[]) {
      if (organisationIds.length === 0) return [];
      return db
        .selectDistinct({ userId: users.id, name: users.name, organisationId: memberships.organisationId, sectionName: sections.name, sectionOrder: sections.sortOrder })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .leftJoin(sections, eq(sections.id, memberships.sectionId))
        .where(and(inArray(memberships.organisationId, organisationIds), eq(memberships.role, 'pedagogue'), isNull(users.disabledAt)))
        .orderBy(asc(users.name));
    },

    /** Of these people, the ones with a walk-and-talk booking (not cancelled) in the period. */
    async bookedBetween(userIds: string[], start: Date, end: Date) {
      if (userIds.length === 0) return new Set<string>();
      const rows = await db
        .selectDistinct({ userId: bookings.bookerId })
        .from(bookings)
        .innerJoin(slots, eq(slots.id, bookings.slotId))
        .where(and(inArray(bookings.bookerId, userIds), ne(bookings.status, 'cancelled'), eq(slots.kind, 'walk_and_talk'), gte(slots.startsAt, start), lt(slots.startsAt, end)));
      return new Set(rows.map((r) => r.userId));
    },

    /** The latest reminder each person got for the period and has not put away. */
    async openReminders(periodId: string) {
      return db
        .select({ userId: bookingReminders.userId, sentAt: bookingReminders.sentAt })
        .from(bookingReminders)
        .where(and(eq(bookingReminders.periodId, periodId), isNull(bookingReminders.dismissedAt)));
    },

    async insertReminders(rows: (typeof bookingReminders.$inferInsert)[]) {
      if (rows.length) await db.insert(bookingReminders).values(rows);
    },

    /** A person's reminders not put away, with their term. */
    async remindersOf(userId: string) {
      return db
        .select({ id: bookingReminders.id, periodId: bookingReminders.periodId, periodName: schoolPeriods.name, startsOn: schoolPeriods.startsOn, endsOn: schoolPeriods.endsOn, organisationName: organisations.name, sentByName: users.name, sentAt: bookingReminders.sentAt })
        .from(bookingReminders)
        .innerJoin(schoolPeriods, eq(schoolPeriods.id, bookingReminders.periodId))
        .innerJoin(organisations, eq(organisations.id, bookingReminders.organisationId))
        .leftJoin(users, eq(users.id, bookingReminders.sentBy))
        .where(and(eq(bookingReminders.userId, userId), isNull(bookingReminders.dismissedAt)))
        .orderBy(asc(bookingReminders.sentAt));
    },

    async dismiss(id: string, userId: string, at: Date) {
      const rows = await db
        .update(bookingReminders)
        .set({ dismissedAt: at })
        .where(and(eq(bookingReminders.id, id), eq(bookingReminders.userId, userId), or(isNull(bookingReminders.dismissedAt))))
        .returning({ id: bookingReminders.id });
      return rows.length === 1;
    },
  };
}

export type TermsRepository = ReturnType<typeof createTermsRepository>;

export const termsTransaction = (db: Db) => <T>(work: (repo: TermsRepository) => Promise<T>) => db.transaction((tx) => work(createTermsRepository(tx)));
