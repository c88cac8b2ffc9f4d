import { sql } from 'drizzle-orm';
import { boolean, check, date, index, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { meetings } from './meetings.ts';
import { organisations } from './organisations.ts';
import { users } from './users.ts';

// A pseudonymous collaboration record (ärende): never a personnummer, never the official file.
export const cases = pgTable(
  'cases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    teamId: uuid('team_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    label: text('label').notNull(),
    // The held anmälningsmöte the case came from: its social workers met the family.
    reportMeetingId: uuid('report_meeting_id').references(() => meetings.id, { onDelete: 'set null' }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    // Gallring: when the closed case's details were cleared (purge_closed_case, migration 0024).
    purgedAt: timestamp('purged_at', { withTimezone: true }),
  },
  (t) => [check('cases_label_length', sql`char_length(${t.label}) between 1 and 80`), uniqueIndex('cases_report_meeting_uq').on(t.reportMeetingId), index('cases_team_idx').on(t.teamId)],
);

// The schools, preschools or police areas a case concerns. A reporter gets statutory feedback.
export const caseOrganisations = pgTable(
  'case_organisations',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    reporter: boolean('reporter').notNull().default(true),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.organisationId] }), index('case_organisations_org_idx').on(t.organisationId)],
);

// The case's social workers now: exactly one responsible, any number of co-workers.
export const caseWorkers = pgTable(
  'case_workers',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    responsible: boolean('responsible').notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.caseId, t.userId] }),
    uniqueIndex('case_workers_one_responsible').on(t.caseId).where(sql`${t.responsible}`),
    index('case_workers_user_idx').on(t.userId),
  ],
);

// The social workers who met the family, for a case that did not start at an anmälningsmöte (a
// case made by hand names them): the continuity rule holds them on the case as it does a meeting's.
export const caseMetFamily = pgTable(
  'case_met_family',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.userId] })],
);

// Every change of the case's workers, kept: who, when, from whom to whom, and why. A change the
// team lead made against the continuity rule says so, with the reason.
export const caseWorkerChanges = pgTable(
  'case_worker_changes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    changedBy: uuid('changed_by').references(() => users.id, { onDelete: 'set null' }),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
    before: jsonb('before').$type<string[]>().notNull(),
    after: jsonb('after').$type<string[]>().notNull(),
    reason: text('reason'),
    continuityOverridden: boolean('continuity_overridden').notNull().default(false),
  },
  (t) => [
    check('case_worker_changes_override_reason', sql`not ${t.continuityOverridden} or ${t.reason} is not null`),
    index('case_worker_changes_case_idx').on(t.caseId, t.changedAt),
  ],
);

// The steps of the case's path with their Stockholm dates (server/contracts/case-path.ts has the
// order they must come in). Each step once per case.
export const caseEventKindValues = [
  'report_received',
  'investigation_opened',
  'investigation_not_opened',
  'intervention_offered',
  'intervention_accepted',
  'intervention_declined',
  'intervention_started',
  'intervention_completed',
  'case_closed',
  'check_in_done',
] as const;

export const caseEvents = pgTable(
  'case_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: caseEventKindValues }).notNull(),
    on: date('on', { mode: 'string' }).notNull(),
    recordedBy: uuid('recorded_by').references(() => users.id, { onDelete: 'set null' }),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('case_events_once').on(t.caseId, t.kind),
    check('case_events_kind', sql.raw(`"kind" in (${caseEventKindValues.map((k) => `'${k}'`).join(', ')})`)),
    check('case_events_on', sql`${t.on} between '2000-01-01' and '2100-12-31'`),
  ],
);
