import { sql } from 'drizzle-orm';
import { check, date, index, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { organisations, sections } from './organisations.ts';
import { users } from './users.ts';

// A named contact for an organisation or one of its sections, for a period. Rows are never
// deleted when a contact is replaced: the period is closed, so history is kept. Overlapping
// periods of the same person for the same place are refused by an exclusion constraint
// (migration 0002).
export const contactAssignments = pgTable(
  'contact_assignments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    sectionId: uuid('section_id').references(() => sections.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('contact_assignments_period', sql`${t.endsOn} is null or ${t.endsOn} >= ${t.startsOn}`),
    index('contact_assignments_org_idx').on(t.organisationId),
    index('contact_assignments_user_idx').on(t.userId),
  ],
);

// Whole days away. The reason is private to the person and the team lead: others see only
// "Borta till …".
export const absences = pgTable(
  'absences',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    reason: text('reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('absences_period', sql`${t.endsOn} >= ${t.startsOn}`), index('absences_user_idx').on(t.userId, t.startsOn)],
);

// The duty phone (jourtelefonen): one holder per team and day, enforced by the unique key.
export const dutyRoster = pgTable(
  'duty_roster',
  {
    teamId: uuid('team_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    day: date('day', { mode: 'string' }).notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [unique('duty_roster_one_holder').on(t.teamId, t.day), index('duty_roster_user_idx').on(t.userId, t.day)],
);

export const teamSettings = pgTable(
  'team_settings',
  {
    teamId: uuid('team_id')
      .primaryKey()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    officeOpens: text('office_opens').notNull().default('08:00'),
    officeCloses: text('office_closes').notNull().default('16:30'),
    dutyPhone: text('duty_phone').notNull(),
    afterHoursName: text('after_hours_name').notNull().default('Socialjouren'),
    afterHoursPhone: text('after_hours_phone').notNull(),
    /** When, the day before, reminders of the team's walk-and-talks and meetings go out. */
    reminderTime: text('reminder_time').notNull().default('15:00'),
  },
  (t) => [
    check('team_settings_hours', sql`${t.officeOpens} ~ '^[0-2][0-9]:[0-5][0-9]$' and ${t.officeCloses} ~ '^[0-2][0-9]:[0-5][0-9]$' and ${t.officeOpens} < ${t.officeCloses}`),
    check('team_settings_reminder_time', sql`${t.reminderTime} ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'`),
  ],
);

// Extra days the office is closed (e.g. a planning day), added by an administrator.
export const closedDays = pgTable('closed_days', {
  day: date('day', { mode: 'string' }).primaryKey(),
  name: text('name').notNull(),
});
