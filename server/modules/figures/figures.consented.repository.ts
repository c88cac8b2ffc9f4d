import { and, count, eq, gte, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../../db/client.ts';
import { tenantTransactionWith } from '../../../db/tenancy.ts';
import { caseEvents, cases, consents, feedback, statutoryFeedback } from '../../../db/schema/index.ts';
import type { FigureScope } from './figures.repository.ts';

/**
 * The figures read from the tables under row-level security (consents, feedback, statutory
 * feedback), inside a transaction held to the teams the figures are about. Only dates and counts
 * leave: never a message, a reason or a party.
 */
export function createFiguresConsentedRepository(db: DbOrTx) {
  // A team's own rows; an organisation's, the rows about it.
  type Keys = { teamId: typeof consents.teamId | typeof feedback.teamId | typeof statutoryFeedback.teamId; organisationId: typeof consents.organisationId | typeof feedback.organisationId | typeof statutoryFeedback.organisationId };
  const about = (scope: FigureScope, { teamId: team, organisationId: organisation }: Keys) =>
    scope.teamIds ? inArray(team, scope.teamIds) : scope.orgIds ? inArray(organisation, scope.orgIds) : undefined;

  return {
    /** Statutory feedback given in the window: the days from its case's report to it. */
    async statutoryFeedback(scope: FigureScope, start: Date, end: Date) {
      const reported = sql`coalesce(
        (select min(${caseEvents.on}) from ${caseEvents} where ${caseEvents.caseId} = ${statutoryFeedback.caseId} and ${caseEvents.kind} = 'report_received'),
        (${cases.createdAt} at time zone 'Europe/Stockholm')::date)`;
      // Never below zero: a report entered after the answer counts as answered the same day.
      const days = sql<number>`greatest(0, (${statutoryFeedback.givenAt} at time zone 'Europe/Stockholm')::date - ${reported})`.mapWith(Number);
      return db
        .select({ days })
        .from(statutoryFeedback)
        .innerJoin(cases, eq(cases.id, statutoryFeedback.caseId))
        .where(and(gte(statutoryFeedback.givenAt, start), lt(statutoryFeedback.givenAt, end), about(scope, statutoryFeedback)));
    },

    /** Consents in force on a Stockholm day: begun, not ended, not withdrawn before the day's end. */
    async activeConsents(scope: FigureScope, day: string, dayEnd: Date) {
      const [row] = await db
        .select({ n: count() })
        .from(consents)
        .where(and(lte(consents.validFrom, day), gte(consents.validUntil, day), or(isNull(consents.withdrawnAt), gte(consents.withdrawnAt, dayEnd)), about(scope, consents)));
      return row!.n;
    },

    /** Feedback messages written in the window, and how many of them the other side acknowledged. */
    async feedback(scope: FigureScope, start: Date, end: Date) {
      const [row] = await db
        .select({ written: count(), acknowledged: count(feedback.acknowledgedAt) })
        .from(feedback)
        .where(and(gte(feedback.createdAt, start), lt(feedback.createdAt, end), about(scope, feedback)));
      return row!;
    },
  };
}

export type FiguresConsentedRepository = ReturnType<typeof createFiguresConsentedRepository>;

/** A transaction held to the teams the figures are about (the service decides them after it authorises). */
export const figuresConsentedTransaction = (db: Db) => tenantTransactionWith(db, createFiguresConsentedRepository);
