import { sql } from 'drizzle-orm';
import { check, date, foreignKey, index, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { caseOrganisations, cases } from './cases.ts';
import { organisations } from './organisations.ts';
import { users } from './users.ts';

export const consentScopes = ['intervention_progress', 'school_observations', 'attendance', 'meeting_invitations'] as const;
export const consentForms = ['written', 'verbal'] as const;
export const partyRoles = ['guardian', 'child'] as const;
export const statutoryAnswers = ['investigation_opened', 'investigation_not_opened', 'already_ongoing'] as const;

// Row-level security (migration 0008) keys every row of these tables on its organisation (the
// school side) and its team (the team side); `team_id` is the case's, copied so a policy needs no join.

// The guardians' (and the child's) permission to share with one organisation on the case, within
// scopes, between two Stockholm dates. Whether it is active is never stored: it is derived from
// the dates and the withdrawal at the moment of each read and write (`consent_covers`).
export const consents = pgTable(
  'consents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    teamId: uuid('team_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    scopes: text('scopes').array().notNull(),
    parties: jsonb('parties').$type<{ role: (typeof partyRoles)[number] }[]>().notNull(),
    form: text('form', { enum: consentForms }).notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validUntil: date('valid_until', { mode: 'string' }).notNull(),
    recordedBy: uuid('recorded_by').references(() => users.id, { onDelete: 'set null' }),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    withdrawnBy: uuid('withdrawn_by').references(() => users.id, { onDelete: 'set null' }),
    withdrawalReason: text('withdrawal_reason'),
  },
  (t) => [
    // Only for an organisation the case concerns.
    foreignKey({ name: 'consents_case_organisation_fk', columns: [t.caseId, t.organisationId], foreignColumns: [caseOrganisations.caseId, caseOrganisations.organisationId] }).onDelete('cascade'),
    check('consents_scopes_check', sql`cardinality(${t.scopes}) between 1 and 4 and ${t.scopes} <@ array['intervention_progress','school_observations','attendance','meeting_invitations']`),
    check('consents_form_check', sql`${t.form} in ('written','verbal')`),
    check('consents_period_check', sql`${t.validUntil} >= ${t.validFrom} and ${t.validUntil} <= ${t.validFrom} + interval '12 months'`),
    check('consents_parties_check', sql`jsonb_typeof(${t.parties}) = 'array' and jsonb_array_length(${t.parties}) between 1 and 3`),
    check('consents_withdrawal_check', sql`(${t.withdrawnAt} is null) = (${t.withdrawalReason} is null) and char_length(coalesce(${t.withdrawalReason}, 'x')) between 1 and 300`),
    index('consents_case_org_idx').on(t.caseId, t.organisationId),
    index('consents_team_idx').on(t.teamId),
  ],
);

// Messages between the team and a school about how the intervention goes, one thread per
// organisation and scope. A message may be written only while a consent covers its organisation
// and scope; the school side reads it only while that holds (the team's workers always can).
export const feedback = pgTable(
  'feedback',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    teamId: uuid('team_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    scope: text('scope').notNull(),
    body: text('body').notNull(),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    authorName: text('author_name').notNull(),
    // Which side wrote it: the other side acknowledges ("kvittens").
    authorSide: text('author_side', { enum: ['team', 'school'] }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    acknowledgedBy: text('acknowledged_by'),
  },
  (t) => [
    foreignKey({ name: 'feedback_case_organisation_fk', columns: [t.caseId, t.organisationId], foreignColumns: [caseOrganisations.caseId, caseOrganisations.organisationId] }).onDelete('cascade'),
    check('feedback_scope_check', sql`${t.scope} in ('intervention_progress','school_observations','attendance','meeting_invitations')`),
    check('feedback_body_length', sql`char_length(${t.body}) between 1 and 2000`),
    check('feedback_side_check', sql`${t.authorSide} in ('team','school')`),
    index('feedback_thread_idx').on(t.caseId, t.organisationId, t.scope, t.createdAt),
  ],
);

// Återkoppling till anmälare: one of three fixed answers to an organisation that reported, no
// free text, no consent needed. Given once per case and organisation.
export const statutoryFeedback = pgTable(
  'statutory_feedback',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    teamId: uuid('team_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    status: text('status', { enum: statutoryAnswers }).notNull(),
    givenBy: uuid('given_by').references(() => users.id, { onDelete: 'set null' }),
    givenAt: timestamp('given_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({ name: 'statutory_feedback_case_organisation_fk', columns: [t.caseId, t.organisationId], foreignColumns: [caseOrganisations.caseId, caseOrganisations.organisationId] }).onDelete('cascade'),
    check('statutory_feedback_status_check', sql`${t.status} in ('investigation_opened','investigation_not_opened','already_ongoing')`),
    unique('statutory_feedback_once').on(t.caseId, t.organisationId),
    index('statutory_feedback_org_idx').on(t.organisationId),
  ],
);
