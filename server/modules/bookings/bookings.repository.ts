import { and, asc, eq, gt, gte, inArray, isNull, lt, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { rowsOf, type Db, type DbOrTx } from '../../../db/client.ts';
import { bookings, organisations, slotHosts, slots, teamSettings, users } from '../../../db/schema/index.ts';
import { createIdempotencyRepository } from '../idempotency/idempotency.repository.ts';
import { createMailRepository, outboxWrites, type OutboxMessage } from '../mail/mail.repository.ts';

const canceller = alias(users, 'canceller');

const bookingColumns = {
  id: bookings.id,
  slotId: bookings.slotId,
  bookerId: bookings.bookerId,
  bookerName: users.name,
  bookerEmail: users.email,
  topic: bookings.topic,
  note: bookings.note,
  status: bookings.status,
  sequence: bookings.sequence,
  cancelReason: bookings.cancelReason,
  cancelledByName: canceller.name,
  updatedAt: bookings.updatedAt,
  organisationId: slots.organisationId,
  organisationName: organisations.name,
  startsAt: slots.startsAt,
  endsAt: slots.endsAt,
  location: slots.location,
  slotCancelledAt: slots.cancelledAt,
};


/** A bookable slot with a seat left: the condition both ways of taking a seat update on. */
const seatFree = (slotId: string, now: Date) =>
  and(eq(slots.id, slotId), eq(slots.kind, 'walk_and_talk'), isNull(slots.cancelledAt), gt(slots.startsAt, now), lt(slots.booked, slots.capacity));

export function createBookingsRepository(db: DbOrTx) {
  const base = () =>
    db
      .select(bookingColumns)
      .from(bookings)
      .innerJoin(slots, eq(slots.id, bookings.slotId))
      .innerJoin(organisations, eq(organisations.id, slots.organisationId))
      .innerJoin(users, eq(users.id, bookings.bookerId))
      .leftJoin(canceller, eq(canceller.id, bookings.cancelledBy));

  return {
    /** Mail about a booking is written in the booking's own transaction. */
    mail: createMailRepository(db),
    /** A retried booking is answered from its key, in the booking's own transaction. */
    keys: createIdempotencyRepository(db),

    async find(id: string) {
      const [row] = await base().where(eq(bookings.id, id)).limit(1);
      return row;
    },

    /** The booker's bookings from a moment on, soonest first. */
    async ofBooker(userId: string, since: Date) {
      return base().where(and(eq(bookings.bookerId, userId), gte(slots.endsAt, since))).orderBy(asc(slots.startsAt));
    },

    /**
     * Takes one seat. The conditional UPDATE locks the slot row: concurrent bookers queue on it
     * and each re-reads `booked` after the one before commits, so a full slot takes no more
     * (the check constraint `booked <= capacity` stands behind it). Null when no seat was free.
     */
    async takeSeat(slotId: string, now: Date) {
      const [row] = await db.update(slots).set({ booked: sql`${slots.booked} + 1` }).where(seatFree(slotId, now)).returning({ id: slots.id });
      return row ?? null;
    },

    /**
     * Takes a seat and writes the booking, and its mails, in one statement: the slot row stays
     * locked for a single round trip, and the statement is its own transaction (the mail exists
     * exactly when the booking does). The UPDATE in the CTE is `takeSeat`'s, and the INSERT reads
     * only what it returned. Null when no seat was free, and then no mail is written; the unique
     * index refuses a second live booking.
     */
    async book(values: { id: string; slotId: string; bookerId: string; topic: (typeof bookings.$inferInsert)['topic']; note: string | null }, now: Date, mails: OutboxMessage[]) {
      type Booked = { id: string; slotId: string; topic: (typeof bookings.$inferSelect)['topic']; status: (typeof bookings.$inferSelect)['status']; sequence: number };
      const withMail = mails.length ? sql`, ${outboxWrites(mails, now, sql`exists (select 1 from booked)`)}` : sql``;
      const result = await db.execute(sql`
        with seat as (
          update ${slots} set booked = booked + 1 where ${seatFree(values.slotId, now)}
          returning id),
        booked as (
          insert into ${bookings} (id, slot_id, booker_id, topic, note)
          select ${values.id}, seat.id, ${values.bookerId}, ${values.topic}, ${values.note} from seat
          returning id, slot_id as "slotId", topic, status, sequence)${withMail}
        select * from booked`);
      return rowsOf<Booked>(result)[0] ?? null;
    },

    async releaseSeat(slotId: string) {
      await db.update(slots).set({ booked: sql`${slots.booked} - 1` }).where(and(eq(slots.id, slotId), gt(slots.booked, 0)));
    },

    /** Locks slot rows in a fixed order, so two moves in opposite directions cannot deadlock. */
    async lockSlots(ids: string[]) {
      await db.select({ id: slots.id }).from(slots).where(inArray(slots.id, ids)).orderBy(asc(slots.id)).for('update');
    },

    async lockBooking(id: string) {
      const [row] = await db.select({ status: bookings.status, slotId: bookings.slotId }).from(bookings).where(eq(bookings.id, id)).for('update');
      return row;
    },

    async cancel(id: string, byUserId: string, reason: string | null, at: Date) {
      await db
        .update(bookings)
        .set({ status: 'cancelled', cancelledBy: byUserId, cancelReason: reason, sequence: sql`${bookings.sequence} + 1`, updatedAt: at })
        .where(eq(bookings.id, id));
    },

    async moveTo(id: string, slotId: string, at: Date) {
      await db.update(bookings).set({ slotId, sequence: sql`${bookings.sequence} + 1`, updatedAt: at }).where(eq(bookings.id, id));
    },

    /** A slot's hosts with their addresses, for the mails of a booking (read in its transaction). */
    async hostsOf(slotId: string) {
      return db
        .select({ userId: users.id, name: users.name, email: users.email })
        .from(slotHosts)
        .innerJoin(users, eq(users.id, slotHosts.userId))
        .where(eq(slotHosts.slotId, slotId))
        .orderBy(asc(users.name));
    },

    /** Live bookings whose walk-and-talk starts in [from, to), with the serving team's reminder time. */
    async startingBetween(from: Date, to: Date) {
      return db
        .select({ ...bookingColumns, reminderTime: teamSettings.reminderTime })
        .from(bookings)
        .innerJoin(slots, eq(slots.id, bookings.slotId))
        .innerJoin(organisations, eq(organisations.id, slots.organisationId))
        .innerJoin(users, eq(users.id, bookings.bookerId))
        .leftJoin(canceller, eq(canceller.id, bookings.cancelledBy))
        .leftJoin(teamSettings, eq(teamSettings.teamId, organisations.servingTeamId))
        .where(and(eq(bookings.status, 'booked'), isNull(slots.cancelledAt), gte(slots.startsAt, from), lt(slots.startsAt, to)));
    },

    async setAttendance(id: string, status: 'attended' | 'no_show', at: Date) {
      await db.update(bookings).set({ status, updatedAt: at }).where(eq(bookings.id, id));
    },
  };
}

export type BookingsRepository = ReturnType<typeof createBookingsRepository>;

export const bookingsTransaction = (db: Db) => <T>(work: (repo: BookingsRepository) => Promise<T>) =>
  db.transaction((tx) => work(createBookingsRepository(tx)));
export type BookingRow = NonNullable<Awaited<ReturnType<BookingsRepository['find']>>>;
