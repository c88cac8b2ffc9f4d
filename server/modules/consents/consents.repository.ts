import { and, desc, eq, gte, isNull, lte, sql } from 'drizzle-orm';
import { rowsOf, type Db, type DbOrTx } from '../../../db/client.ts';
import { tenancyReads, tenantTransactionWith } from '../../../db/tenancy.ts';
import { caseWorkers, consents, organisations, teamSettings, users } from '../../../db/schema/index.ts';
import { createIdempotencyRepository } from '../idempotency/idempotency.repository.ts';
import { createMailRepository } from '../mail/mail.repository.ts';
import { consentScopeValues, type ConsentScope } from '../../contracts/consents.ts';
import { createAuditRepository } from '../audit/audit.repository.ts';
import { createCasesRepository } from '../cases/cases.repository.ts';

const allScopes = sql.raw(`array[${consentScopeValues.map((s) => `'${s}'`).join(',')}]::text[]`);

export function createConsentsRepository(db: DbOrTx) {
  return {
    /** Consents still in force that end in [from, to], with the workers of their cases. */
    async endingBetween(from: string, to: string) {
      return db
        .select({ consentId: consents.id, caseId: consents.caseId, validUntil: consents.validUntil, userId: users.id, name: users.name, email: users.email })
        .from(consents)
        .innerJoin(caseWorkers, eq(caseWorkers.caseId, consents.caseId))
        .innerJoin(users, eq(users.id, caseWorkers.userId))
        .where(and(isNull(consents.withdrawnAt), gte(consents.validUntil, from), lte(consents.validUntil, to), isNull(users.disabledAt)));
    },

    /** Every team: a check the service runs on its own behalf acts for all of them. */
    async allTeams() {
      return (await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.kind, 'social_services'))).map((r) => r.id);
    },

    async insert(c: typeof consents.$inferInsert) {
      const [row] = await db.insert(consents).values(c).returning({ id: consents.id });
      return row!.id;
    },

    async find(id: string) {
      const [row] = await db.select().from(consents).where(eq(consents.id, id)).limit(1);
      return row;
    },

    /** A case's consents, newest first, with the names people read. */
    async ofCase(caseId: string) {
      return db
        .select({
          id: consents.id,
          caseId: consents.caseId,
          organisationId: consents.organisationId,
          organisationName: organisations.name,
          scopes: consents.scopes,
          parties: consents.parties,
          form: consents.form,
          validFrom: consents.validFrom,
          validUntil: consents.validUntil,
          recordedByName: users.name,
          recordedAt: consents.recordedAt,
          withdrawnAt: consents.withdrawnAt,
          withdrawalReason: consents.withdrawalReason,
        })
        .from(consents)
        .innerJoin(organisations, eq(organisations.id, consents.organisationId))
        .leftJoin(users, eq(users.id, consents.recordedBy))
        .where(eq(consents.caseId, caseId))
        .orderBy(desc(consents.validUntil), desc(consents.recordedAt));
    },

    async withdraw(id: string, by: string, at: Date, reason: string) {
      const rows = await db
        .update(consents)
        .set({ withdrawnAt: at, withdrawnBy: by, withdrawalReason: reason })
        .where(and(eq(consents.id, id), sql`${consents.withdrawnAt} is null`))
        .returning({ id: consents.id });
      return rows.length === 1;
    },

    /** The scopes a consent covers for the organisation now, by the database's own rule. */
    async coveredScopes(caseId: string, organisationId: string): Promise<ConsentScope[]> {
      const rows = await db.execute<{ scope: ConsentScope }>(
        sql`select s.scope from unnest(${allScopes}) as s(scope) where consent_covers(${caseId}::uuid, ${organisationId}::uuid, s.scope)`,
      );
      return rowsOf<{ scope: ConsentScope }>(rows).map((r) => r.scope);
    },

    /** Whether any consent for the organisation ever existed on the case (to say it no longer holds). */
    async everConsented(caseId: string, organisationId: string) {
      const [row] = await db
        .select({ id: consents.id })
        .from(consents)
        .where(and(eq(consents.caseId, caseId), eq(consents.organisationId, organisationId)))
        .limit(1);
      return row !== undefined;
    },

    /** The last day of the consents that cover the organisation now. */
    async activeUntil(caseId: string, organisationId: string) {
      const rows = await db.execute<{ until: string | null }>(
        sql`select max(valid_until)::text as until from consents c where c.case_id = ${caseId}::uuid and c.organisation_id = ${organisationId}::uuid
            and c.valid_from <= app_today() and app_today() <= c.valid_until and (c.withdrawn_at is null or app_now() < c.withdrawn_at)`,
      );
      return rowsOf<{ until: string | null }>(rows)[0]?.until ?? null;
    },

    /** The organisations this transaction's tenancy speaks for on the school side. */

    /** What a receipt names besides the consent: the team and how to reach it. */
    async teamContact(teamId: string) {
      const [row] = await db
        .select({ teamName: organisations.name, dutyPhone: teamSettings.dutyPhone })
        .from(organisations)
        .leftJoin(teamSettings, eq(teamSettings.teamId, organisations.id))
        .where(eq(organisations.id, teamId))
        .limit(1);
      return row;
    },

    async organisationName(id: string) {
      const [row] = await db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, id)).limit(1);
      return row?.name ?? null;
    },

    async userContact(userId: string) {
      const [row] = await db.select({ name: users.name, phone: users.phone, title: users.title }).from(users).where(eq(users.id, userId)).limit(1);
      return row;
    },
  };
}



export type ConsentsRepository = ReturnType<typeof createConsentsRepository>;

const repositories = (tx: DbOrTx) => ({
  consents: createConsentsRepository(tx),
  mail: createMailRepository(tx),
  keys: createIdempotencyRepository(tx),
  cases: createCasesRepository(tx),
  audit: createAuditRepository(tx),
  tenancy: tenancyReads(tx),
});
export type ConsentTx = ReturnType<typeof repositories>;

/** A consent use case's transaction, held to the actor's tenancy by row-level security. */
export const consentsTransaction = (db: Db) => tenantTransactionWith(db, repositories);

