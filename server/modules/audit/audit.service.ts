import type { Db } from '../../../db/client.ts';
import type { AuditFacts } from './audit.models.ts';
import { createAuditRepository } from './audit.repository.ts';

type Waiting = { facts: AuditFacts[]; done: () => void; failed: (err: unknown) => void };

/** Most rows one transaction appends: a big burst is written in a few commits, not one long one. */
const MOST_PER_COMMIT = 500;

/**
 * The log rows of audited reads, appended by one writer in group commits. A read used to append
 * its own row inside its own transaction, holding the chain's lock until its commit, so every
 * audited read in the city queued behind every other one's commit. Here a read commits first,
 * then hands its rows to the writer and waits: the writer appends everything that arrived while
 * its previous commit ran, in one transaction under the same lock, and answers each read once
 * its rows are committed. A read is still never shown before its row is in the log, and if the
 * log cannot be written the read fails. Writes keep appending inside their own transactions
 * (their rows must roll back with them); both take the same lock, so the chain stays one.
 */
export function createAuditTrail(db: Db) {
  const waiting: Waiting[] = [];
  let writing = false;

  async function writeAll() {
    while (waiting.length > 0) {
      const batch: Waiting[] = [];
      let rows = 0;
      while (waiting.length > 0 && (rows === 0 || rows + waiting[0]!.facts.length <= MOST_PER_COMMIT)) {
        const next = waiting.shift()!;
        batch.push(next);
        rows += next.facts.length;
      }
      try {
        await db.transaction((tx) => createAuditRepository(tx).append(batch.flatMap((w) => w.facts)));
        for (const w of batch) w.done();
      } catch (err) {
        for (const w of batch) w.failed(err);
      }
    }
    writing = false;
  }

  /** Resolves once the rows are committed to the log; rejects if they could not be. */
  function record(facts: AuditFacts[]): Promise<void> {
    if (facts.length === 0) return Promise.resolve();
    return new Promise<void>((done, failed) => {
      waiting.push({ facts, done, failed });
      if (!writing) {
        writing = true;
        void writeAll();
      }
    });
  }

  return {
    record,
    /**
     * Runs an audited read: `work` runs in the caller's transaction and names the rows its answer
     * needs (`log`); they are written once that transaction committed, and the answer is given
     * only after them.
     */
    async read<R, T>(transaction: <U>(work: (tx: R) => Promise<U>) => Promise<U>, work: (tx: R, log: (facts: AuditFacts[]) => void) => Promise<T>): Promise<T> {
      const facts: AuditFacts[] = [];
      const answer = await transaction((tx) => work(tx, (f) => facts.push(...f)));
      await record(facts);
      return answer;
    },
  };
}

export type AuditTrail = ReturnType<typeof createAuditTrail>;
