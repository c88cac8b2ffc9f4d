import { addMonthsToDate, stockholmDate } from '../../contracts/time.ts';
import type { Clock } from '../../lib/clock.ts';
import type { RetentionRepository } from './retention.repository.ts';

type Deps = {
  clock: Clock;
  months: number;
  /** A transaction with the repository over it: each case is cleared and logged in its own. */
  transaction: <T>(work: (repo: RetentionRepository) => Promise<T>) => Promise<T>;
  repo: RetentionRepository;
};

// A day's run clears at most this many cases; the rest wait for the next (the first run on an
// old installation must not hold the database for minutes).
const BATCH = 500;

/**
 * Gallring: when a case has been closed for the retention period, what was written about the
 * family (messages, reasons, labels, notes) is cleared, and the case keeps its dates and counts
 * for the figures. Each clearing is in the audit log, which is itself never cleared.
 */
export function createRetentionService({ clock, months, transaction, repo }: Deps) {
  return {
    async purgeDue(): Promise<{ purged: number }> {
      const now = clock.now();
      const closedBy = addMonthsToDate(stockholmDate(now), -months);
      let purged = 0;
      for (const c of await repo.due(closedBy, BATCH)) {
        const done = await transaction(async (tx) => {
          if (!(await tx.purge(c.id, months))) return false;
          await tx.audit.append([
            { at: now, actorId: null, actorName: 'Gallring', actorRole: null, organisationId: c.teamId, organisationName: null, action: 'case.purge', targetType: 'case', targetId: c.id, caseId: c.id, address: null },
          ]);
          return true;
        });
        if (done) purged++;
      }
      return { purged };
    },
  };
}

export type RetentionService = ReturnType<typeof createRetentionService>;
