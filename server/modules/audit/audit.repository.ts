import { and, asc, desc, eq, gt, inArray, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.ts';
import { auditLog } from '../../../db/schema/index.ts';
import { chain, GENESIS, type AuditFacts, type ChainedRow } from './audit.models.ts';

const rowColumns = {
  id: auditLog.id,
  at: auditLog.at,
  actorId: auditLog.actorId,
  actorName: auditLog.actorName,
  actorRole: auditLog.actorRole,
  organisationId: auditLog.organisationId,
  organisationName: auditLog.organisationName,
  action: auditLog.action,
  targetType: auditLog.targetType,
  targetId: auditLog.targetId,
  caseId: auditLog.caseId,
  address: auditLog.address,
  prevHash: auditLog.prevHash,
  hash: auditLog.hash,
};

export function createAuditRepository(db: DbOrTx) {
  return {
    /**
     * Appends rows to the chain inside the caller's transaction. The lock serialises writers
     * until commit, so each new row links to the last committed one, and a use case that rolls
     * back takes its audit rows with it.
     */
    async append(facts: AuditFacts[]) {
      if (facts.length === 0) return;
      await db.execute(sql`select pg_advisory_xact_lock(hashtextextended('audit_log', 0))`);
      const [last] = await db.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
      await db.insert(auditLog).values(chain(last?.hash ?? GENESIS, facts));
    },

    /** A case's log: rows about the case and about the meetings that belong to it. */
    async ofCase(caseId: string, meetingIds: string[]) {
      return db
        .select(rowColumns)
        .from(auditLog)
        .where(or(eq(auditLog.caseId, caseId), meetingIds.length ? and(eq(auditLog.targetType, 'meeting'), inArray(auditLog.targetId, meetingIds)) : undefined))
        .orderBy(asc(auditLog.id));
    },

    /** A page of the whole chain after an id, for the verifier. */
    async page(afterId: number, size: number): Promise<ChainedRow[]> {
      return db.select(rowColumns).from(auditLog).where(gt(auditLog.id, afterId)).orderBy(asc(auditLog.id)).limit(size);
    },
  };
}

export type AuditRepository = ReturnType<typeof createAuditRepository>;
