import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organisations } from './organisations.ts';
import { schoolPeriods, slots } from './slots.ts';
import { users } from './users.ts';

export const bookingTopics = ['unsure_report', 'advice_referral', 'plan_report', 'acute_protection', 'known_child', 'general_question'] as const;
export const bookingStatuses = ['booked', 'cancelled', 'attended', 'no_show'] as const;

// A seat in a walk-and-talk. The note is seen only by the booker, the hosts and the team lead,
// and never leaves the portal (no calendar file, no mail, no log).
export const bookings = pgTable(
  'bookings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slotId: uuid('slot_id')
      .notNull()
      .references(() => slots.id, { onDelete: 'cascade' }),
    bookerId: uuid('booker_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    topic: text('topic', { enum: bookingTopics }).notNull(),
    note: text('note'),
    status: text('status', { enum: bookingStatuses }).notNull().default('booked'),
    // Bumped on every change the booker's calendar must learn about (move, cancel): iCalendar SEQUENCE.
    sequence: integer('sequence').notNull().default(0),
    cancelReason: text('cancel_reason'),
    cancelledBy: uuid('cancelled_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('bookings_topic', sql`${t.topic} in ('unsure_report','advice_referral','plan_report','acute_protection','known_child','general_question')`),
    check('bookings_status', sql`${t.status} in ('booked','cancelled','attended','no_show')`),
    check('bookings_note_length', sql`${t.note} is null or char_length(${t.note}) <= 1000`),
    // One live seat per person and slot.
    uniqueIndex('bookings_one_per_person').on(t.slotId, t.bookerId).where(sql`${t.status} <> 'cancelled'`),
    index('bookings_booker_idx').on(t.bookerId, t.createdAt),
  ],
);

// A reminder a principal sent to a pedagogue who has not yet booked in a term where booking is
// required; shown in the portal, never mailed with details.
export const bookingReminders = pgTable(
  'booking_reminders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    // The term in which booking is required.
    periodId: uuid('period_id').references(() => schoolPeriods.id, { onDelete: 'cascade' }),
    sentBy: uuid('sent_by').references(() => users.id, { onDelete: 'set null' }),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
    dismissedAt: timestamp('dismissed_at', { withTimezone: true }),
  },
  (t) => [index('booking_reminders_user_idx').on(t.userId), index('booking_reminders_period_idx').on(t.periodId)],
);
