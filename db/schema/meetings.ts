import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { cases } from './cases.ts';
import { organisations } from './organisations.ts';
import { users } from './users.ts';

export const meetingTypes = ['report_meeting', 'application_meeting', 'mapping_meeting', 'follow_up', 'police_collaboration', 'staff_visit'] as const;
export const meetingStatuses = ['requested', 'scheduled', 'held', 'not_held', 'cancelled'] as const;
export const ageBands = ['0-2', '3-5', '6-9', '10-12', '13-15', '16-17'] as const;
export const meetingPlaces = ['school', 'office', 'digital'] as const;

export type ProposedTime = { startsAt: string; endsAt: string };

// A recurring meeting the team plans itself, like a walk-and-talk series: collaboration with a
// police area every four weeks, or visits to a preschool's staff meetings (the whole staff or one
// arbetslag) with a theme. Each date becomes an ordinary scheduled meeting with `series_id`.
export const meetingSeries = pgTable(
  'meeting_series',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    type: text('type', { enum: ['police_collaboration', 'staff_visit'] }).notNull(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    teamId: uuid('team_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    label: text('label').notNull(),
    audience: text('audience'),
    weekday: integer('weekday').notNull(),
    startTime: text('start_time').notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    intervalWeeks: integer('interval_weeks').notNull(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
  },
  (t) => [
    check('meeting_series_type', sql`${t.type} in ('police_collaboration','staff_visit')`),
    check('meeting_series_label_length', sql`char_length(${t.label}) between 1 and 80 and (${t.audience} is null or char_length(${t.audience}) between 1 and 80)`),
    index('meeting_series_team_idx').on(t.teamId),
  ],
);

// A meeting a school, preschool or the police asked for, and what became of it. The label is
// pseudonymous (the anonymity guard refuses anything that identifies); nothing here names a child.
export const meetings = pgTable(
  'meetings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    type: text('type', { enum: meetingTypes }).notNull(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    // The team that serves the organisation when the request was made: its queue.
    teamId: uuid('team_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    requestedBy: uuid('requested_by').references(() => users.id, { onDelete: 'set null' }),
    label: text('label').notNull(),
    ageBand: text('age_band', { enum: ageBands }),
    urgency: text('urgency', { enum: ['normal', 'urgent'] }).notNull().default('normal'),
    guardiansInformed: boolean('guardians_informed').notNull(),
    guardiansAttending: boolean('guardians_attending'),
    place: text('place', { enum: meetingPlaces }).notNull().default('school'),
    proposedTimes: jsonb('proposed_times').$type<ProposedTime[]>().notNull(),
    status: text('status', { enum: meetingStatuses }).notNull().default('requested'),
    startsAt: timestamp('starts_at', { withTimezone: true }),
    endsAt: timestamp('ends_at', { withTimezone: true }),
    // iCalendar SEQUENCE: grows with every reschedule and the cancellation.
    sequence: integer('sequence').notNull().default(0),
    changeReason: text('change_reason'),
    // Why an anmälningsmöte was booked with one social worker instead of two (the team lead's word).
    singleWorkerReason: text('single_worker_reason'),
    cancelledBy: uuid('cancelled_by').references(() => users.id, { onDelete: 'set null' }),
    reportFiled: boolean('report_filed'),
    outcomeNotes: text('outcome_notes'),
    outcomeBy: uuid('outcome_by').references(() => users.id, { onDelete: 'set null' }),
    // The case the meeting belongs to: the one a held anmälningsmöte opened, or a follow-up's.
    caseId: uuid('case_id').references((): AnyPgColumn => cases.id, { onDelete: 'set null' }),
    seriesId: uuid('series_id').references(() => meetingSeries.id, { onDelete: 'set null' }),
    // Staff visits: who the visit is for ("Hela personalgruppen", "Arbetslag Solen").
    audience: text('audience'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    scheduledAt: timestamp('scheduled_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('meetings_type', sql`${t.type} in ('report_meeting','application_meeting','mapping_meeting','follow_up','police_collaboration','staff_visit')`),
    check('meetings_status', sql`${t.status} in ('requested','scheduled','held','not_held','cancelled')`),
    check('meetings_time', sql`${t.endsAt} is null or ${t.endsAt} > ${t.startsAt}`),
    check('meetings_scheduled_has_time', sql`${t.status} in ('requested','cancelled') or ${t.startsAt} is not null`),
    check('meetings_label_length', sql`char_length(${t.label}) between 1 and 80`),
    check('meetings_notes_length', sql`${t.outcomeNotes} is null or char_length(${t.outcomeNotes}) <= 2000`),
    index('meetings_team_status_idx').on(t.teamId, t.status),
    index('meetings_org_idx').on(t.organisationId, t.createdAt),
    index('meetings_case_idx').on(t.caseId),
    index('meetings_series_idx').on(t.seriesId),
  ],
);

// The social workers at a meeting. Times are copied from the meeting so that an exclusion
// constraint (migration 0006) refuses one worker at two meetings at once; a cancelled meeting's
// workers are inactive.
export const meetingWorkers = pgTable(
  'meeting_workers',
  {
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    active: boolean('active').notNull().default(true),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.userId] }), index('meeting_workers_user_idx').on(t.userId, t.startsAt)],
);
