import { and, asc, desc, eq, inArray, isNull, lt, ne, or, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../../db/client.ts';
import { tenancyReads, tenantTransactionWith } from '../../../db/tenancy.ts';
import { createAuditRepository } from '../audit/audit.repository.ts';
import { createCasesRepository } from '../cases/cases.repository.ts';
import { createConsentsRepository } from '../consents/consents.repository.ts';
import { feedbackReaderRoles } from '../../contracts/auth.ts';
import { caseOrganisations, cases, feedback, memberships, organisations, statutoryFeedback, users } from '../../../db/schema/index.ts';
import { createIdempotencyRepository } from '../idempotency/idempotency.repository.ts';
import { createMailRepository } from '../mail/mail.repository.ts';

/** Joins a case organisation to the statutory feedback it got, if any. */
const statutoryOfCaseOrganisation = and(eq(statutoryFeedback.caseId, caseOrganisations.caseId), eq(statutoryFeedback.organisationId, caseOrganisations.organisationId));

export function createFeedbackRepository(db: DbOrTx) {
  return {
    /** Who reads an organisation's feedback on its side: principal, elevhälsa or partner staff (a unit's for its preschools). */
    async schoolReaders(organisationId: string) {
      const unit = db.select({ parentId: organisations.parentId }).from(organisations).where(eq(organisations.id, organisationId));
      return db
        .selectDistinct({ userId: users.id, name: users.name, email: users.email })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(
          and(
            inArray(memberships.role, [...feedbackReaderRoles]),
            or(eq(memberships.organisationId, organisationId), inArray(memberships.organisationId, unit)),
            isNull(users.disabledAt),
          ),
        );
    },

    async insert(f: typeof feedback.$inferInsert) {
      const [row] = await db.insert(feedback).values(f).returning({ id: feedback.id, createdAt: feedback.createdAt });
      return row!;
    },

    /** A case's messages, oldest first; row-level security leaves out what the actor may not read now. */
    async ofCase(caseId: string, filter: { organisationId?: string; scope?: string } = {}) {
      return db
        .select({
          id: feedback.id,
          organisationId: feedback.organisationId,
          scope: feedback.scope,
          body: feedback.body,
          authorName: feedback.authorName,
          authorSide: feedback.authorSide,
          createdAt: feedback.createdAt,
          acknowledgedAt: feedback.acknowledgedAt,
          acknowledgedBy: feedback.acknowledgedBy,
        })
        .from(feedback)
        .where(
          and(
            eq(feedback.caseId, caseId),
            filter.organisationId ? eq(feedback.organisationId, filter.organisationId) : undefined,
            filter.scope ? eq(feedback.scope, filter.scope) : undefined,
          ),
        )
        .orderBy(asc(feedback.createdAt), asc(feedback.id));
    },

    async find(id: string) {
      const [row] = await db.select().from(feedback).where(eq(feedback.id, id)).limit(1);
      return row;
    },

    async acknowledge(id: string, at: Date, byName: string) {
      const rows = await db
        .update(feedback)
        .set({ acknowledgedAt: at, acknowledgedBy: byName })
        .where(and(eq(feedback.id, id), isNull(feedback.acknowledgedAt)))
        .returning({ id: feedback.id });
      return rows.length === 1;
    },

    /** Messages from the other side that nobody on this side has marked read. */
    async unread(caseId: string, organisationId: string, side: 'team' | 'school') {
      const [row] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(feedback)
        .where(and(eq(feedback.caseId, caseId), eq(feedback.organisationId, organisationId), ne(feedback.authorSide, side), isNull(feedback.acknowledgedAt)));
      return row?.n ?? 0;
    },

    async insertStatutory(s: typeof statutoryFeedback.$inferInsert) {
      const [row] = await db.insert(statutoryFeedback).values(s).onConflictDoNothing().returning({ id: statutoryFeedback.id, givenAt: statutoryFeedback.givenAt });
      return row;
    },

    /** The case's reporting organisations and what each was told, if anything yet. */
    async statutoryOfCase(caseId: string) {
      return db
        .select({
          organisationId: caseOrganisations.organisationId,
          organisationName: organisations.name,
          reporter: caseOrganisations.reporter,
          id: statutoryFeedback.id,
          status: statutoryFeedback.status,
          givenAt: statutoryFeedback.givenAt,
        })
        .from(caseOrganisations)
        .innerJoin(organisations, eq(organisations.id, caseOrganisations.organisationId))
        .leftJoin(statutoryFeedback, statutoryOfCaseOrganisation)
        .where(eq(caseOrganisations.caseId, caseId))
        .orderBy(asc(organisations.name));
    },

    /** Reports of the team still waiting for statutory feedback, the longest waiting first. */
    async pendingStatutory(teamId: string) {
      return db
        .select({ caseId: cases.id, label: cases.label, organisationId: organisations.id, organisationName: organisations.name, since: cases.createdAt })
        .from(caseOrganisations)
        .innerJoin(cases, eq(cases.id, caseOrganisations.caseId))
        .innerJoin(organisations, eq(organisations.id, caseOrganisations.organisationId))
        .leftJoin(statutoryFeedback, statutoryOfCaseOrganisation)
        .where(and(eq(cases.teamId, teamId), eq(caseOrganisations.reporter, true), isNull(statutoryFeedback.id)))
        .orderBy(asc(cases.createdAt));
    },

    /** Reporting organisations still without statutory feedback on cases opened before the instant, across the tenancy's teams. */
    async statutoryWaitingSince(before: Date) {
      return db
        .select({ caseId: cases.id, organisationId: caseOrganisations.organisationId, since: cases.createdAt })
        .from(caseOrganisations)
        .innerJoin(cases, eq(cases.id, caseOrganisations.caseId))
        .leftJoin(statutoryFeedback, statutoryOfCaseOrganisation)
        .where(and(eq(caseOrganisations.reporter, true), isNull(statutoryFeedback.id), lt(cases.createdAt, before)));
    },

    /** The cases an organisation is on, for its Återkoppling page; statutory feedback as far as row-level security shows it. */
    async casesOfOrganisation(organisationId: string) {
      return db
        .select({ caseId: cases.id, label: cases.label, createdAt: cases.createdAt, statutoryStatus: statutoryFeedback.status, statutoryGivenAt: statutoryFeedback.givenAt })
        .from(caseOrganisations)
        .innerJoin(cases, eq(cases.id, caseOrganisations.caseId))
        .leftJoin(statutoryFeedback, statutoryOfCaseOrganisation)
        .where(eq(caseOrganisations.organisationId, organisationId))
        .orderBy(desc(cases.createdAt));
    },
  };
}

export type FeedbackRepository = ReturnType<typeof createFeedbackRepository>;

const repositories = (tx: DbOrTx) => ({
  feedback: createFeedbackRepository(tx),
  mail: createMailRepository(tx),
  keys: createIdempotencyRepository(tx),
  // Feedback flows only while a consent covers it: it reads consents, never writes them.
  consents: createConsentsRepository(tx) as Pick<ReturnType<typeof createConsentsRepository>, 'coveredScopes' | 'everConsented' | 'activeUntil'>,
  cases: createCasesRepository(tx),
  audit: createAuditRepository(tx),
  tenancy: tenancyReads(tx),
});
export type FeedbackTx = ReturnType<typeof repositories>;

/** A feedback use case's transaction, held to the actor's tenancy by row-level security. */
export const feedbackTransaction = (db: Db) => tenantTransactionWith(db, repositories);
