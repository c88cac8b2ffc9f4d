import { and, asc, eq, isNull, lte, sql } from 'drizzle-orm';
import { rowsOf, type DbOrTx } from '../../../db/client.ts';
import { caseEvents, cases } from '../../../db/schema/index.ts';
import { createAuditRepository } from '../audit/audit.repository.ts';

export function createRetentionRepository(db: DbOrTx) {
  return {
    /** Cases closed on or before the day and not yet cleared, oldest first, at most `limit`. */
    async due(closedBy: string, limit: number) {
      return db
        .selectDistinct({ id: cases.id, teamId: cases.teamId, closedOn: caseEvents.on })
        .from(cases)
        .innerJoin(caseEvents, and(eq(caseEvents.caseId, cases.id), eq(caseEvents.kind, 'case_closed')))
        .where(and(isNull(cases.purgedAt), lte(caseEvents.on, closedBy)))
        .orderBy(asc(caseEvents.on))
        .limit(limit);
    },

    /** Clears a case through the database's own function, which checks the period again by its clock. */
    async purge(caseId: string, months: number): Promise<boolean> {
      const rows = rowsOf<{ purged: boolean }>(await db.execute(sql`select purge_closed_case(${caseId}::uuid, ${months}::integer) as purged`));
      return rows[0]?.purged === true;
    },

    audit: createAuditRepository(db),
  };
}

export type RetentionRepository = ReturnType<typeof createRetentionRepository>;
