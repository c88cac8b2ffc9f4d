import { and, eq, lt } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.ts';
import { idempotencyKeys } from '../../../db/schema/index.ts';

import { IDEMPOTENCY_HOURS, keyDigest } from './idempotency.models.ts';

export type Claim = { fresh: true } | { fresh: false; sameRequest: boolean; resourceId: string };

export function createIdempotencyRepository(db: DbOrTx) {
  return {
    /**
     * Inside the transaction that will make the change: claims the key for this request, or says
     * what the key already made. A key older than a day is forgotten first. A second copy of the
     * request waits here on the primary key until the first commits (then it finds the key) or
     * rolls back (then it claims it).
     */
    async claim(userId: string, given: string, request: string, resourceId: string, now: Date): Promise<Claim> {
      // The client's key is kept only as its digest: whatever a client writes in it is never stored.
      const key = keyDigest(given);
      await db.delete(idempotencyKeys).where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key), lt(idempotencyKeys.createdAt, new Date(now.getTime() - IDEMPOTENCY_HOURS * 3600_000))));
      const [claimed] = await db.insert(idempotencyKeys).values({ userId, key, request, resourceId, createdAt: now }).onConflictDoNothing().returning({ key: idempotencyKeys.key });
      if (claimed) return { fresh: true };
      const [kept] = await db.select({ request: idempotencyKeys.request, resourceId: idempotencyKeys.resourceId }).from(idempotencyKeys).where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
      return { fresh: false, sameRequest: kept!.request === request, resourceId: kept!.resourceId };
    },

    /** Forgets every key older than a day (housekeeping). */
    async purge(now: Date) {
      await db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, new Date(now.getTime() - IDEMPOTENCY_HOURS * 3600_000)));
    },
  };
}

export type IdempotencyRepository = ReturnType<typeof createIdempotencyRepository>;
