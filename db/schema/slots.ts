import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organisations } from './organisations.ts';
import { users } from './users.ts';

export const slotKinds = ['walk_and_talk', 'on_site'] as const;
export const schoolPeriodKinds = ['term', 'break'] as const;

// Terms and holidays (lov) of a school or preschool unit, entered by its principal or an
// administrator. Series skip breaks and every day outside a term when the organisation has terms.
export const schoolPeriods = pgTable(
  'school_periods',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: schoolPeriodKinds }).notNull(),
    name: text('name').notNull(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    // A principal can make booking a walk-and-talk mandatory for a term (the pilot's preschools).
    bookingRequired: boolean('booking_required').notNull().default(false),
  },
  (t) => [
    check('school_periods_kind', sql`${t.kind} in ('term','break')`),
    check('school_periods_period', sql`${t.endsOn} >= ${t.startsOn}`),
    check('school_periods_required_only_terms', sql`not ${t.bookingRequired} or ${t.kind} = 'term'`),
    index('school_periods_org_idx').on(t.organisationId, t.startsOn),
  ],
);

// What a social worker published: the rule the slots were generated from.
export const slotSeries = pgTable(
  'slot_series',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: slotKinds }).notNull().default('walk_and_talk'),
    weekday: integer('weekday').notNull(),
    startTime: text('start_time').notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    intervalWeeks: integer('interval_weeks').notNull(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    location: text('location').notNull(),
    capacity: integer('capacity').notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('slot_series_weekday', sql`${t.weekday} between 1 and 7`),
    check('slot_series_period', sql`${t.endsOn} >= ${t.startsOn}`),
    check('slot_series_kind', sql`${t.kind} in ('walk_and_talk','on_site')`),
  ],
);

// One walk-and-talk (or one block of on-site hours). `booked` counts live bookings; the check
// keeps it within capacity, and a booking raises it with one conditional UPDATE whose row lock
// serialises every concurrent booking of the slot: a full slot can never take one more.
export const slots = pgTable(
  'slots',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    seriesId: uuid('series_id').references(() => slotSeries.id, { onDelete: 'set null' }),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: slotKinds }).notNull().default('walk_and_talk'),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    location: text('location').notNull(),
    capacity: integer('capacity').notNull(),
    booked: integer('booked').notNull().default(0),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    cancelReason: text('cancel_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('slots_time', sql`${t.endsAt} > ${t.startsAt}`),
    check('slots_capacity', sql`${t.booked} >= 0 and ${t.booked} <= ${t.capacity}`),
    check('slots_kind', sql`${t.kind} in ('walk_and_talk','on_site')`),
    index('slots_org_time_idx').on(t.organisationId, t.startsAt),
    index('slots_series_idx').on(t.seriesId),
  ],
);

// Who walks. The times are copied from the slot so that an exclusion constraint (migration
// 0004) can refuse one host in two places at once; a cancelled slot's hosts are inactive.
export const slotHosts = pgTable(
  'slot_hosts',
  {
    slotId: uuid('slot_id')
      .notNull()
      .references(() => slots.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    active: boolean('active').notNull().default(true),
  },
  (t) => [primaryKey({ columns: [t.slotId, t.userId] }), index('slot_hosts_user_idx').on(t.userId, t.startsAt)],
);
