import { and, count, eq, isNull, lt, or } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../../db/client.ts';
import { memberships, recoveryCodes, secondFactors, users } from '../../../db/schema/index.ts';

export function createSecondFactorRepository(db: DbOrTx) {
  return {
    /** The person's address and roles (the QR code's label; whether their roles require a factor). */
    async person(userId: string) {
      const rows = await db
        .select({ email: users.email, disabledAt: users.disabledAt, role: memberships.role })
        .from(users)
        .leftJoin(memberships, eq(memberships.userId, users.id))
        .where(eq(users.id, userId));
      const first = rows[0];
      return first && { email: first.email, disabledAt: first.disabledAt, roles: rows.flatMap((r) => (r.role ? [r.role] : [])) };
    },

    async find(userId: string) {
      const [row] = await db.select().from(secondFactors).where(eq(secondFactors.userId, userId)).limit(1);
      return row;
    },

    /** A new secret waiting for its first code; never replaces a confirmed one. Whether it was kept. */
    async savePending(userId: string, sealedSecret: string, now: Date) {
      const rows = await db
        .insert(secondFactors)
        .values({ userId, sealedSecret, createdAt: now })
        .onConflictDoUpdate({ target: secondFactors.userId, set: { sealedSecret, createdAt: now, lastStep: null }, setWhere: isNull(secondFactors.confirmedAt) })
        .returning({ userId: secondFactors.userId });
      return rows.length === 1;
    },

    /**
     * Takes a time step for the person's code, once: the update only matches while the step is
     * newer than the last one taken, so a code read over a shoulder or sent twice works once.
     * Confirms a pending factor and gives it its recovery codes in the same transaction.
     */
    async takeStep(userId: string, step: number, now: Date, newCodeHashes?: string[]) {
      return db.transaction(async (tx) => {
        const rows = await tx
          .update(secondFactors)
          .set({ lastStep: step, ...(newCodeHashes ? { confirmedAt: now } : {}) })
          .where(and(eq(secondFactors.userId, userId), or(isNull(secondFactors.lastStep), lt(secondFactors.lastStep, step)), newCodeHashes ? isNull(secondFactors.confirmedAt) : undefined))
          .returning({ userId: secondFactors.userId });
        if (rows.length !== 1) return false;
        if (newCodeHashes) await replaceCodes(tx, userId, newCodeHashes);
        return true;
      });
    },

    /** Spends one recovery code; false when it is not theirs or was spent before. */
    async spendRecoveryCode(userId: string, codeHash: string, now: Date) {
      const rows = await db
        .update(recoveryCodes)
        .set({ usedAt: now })
        .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, codeHash), isNull(recoveryCodes.usedAt)))
        .returning({ id: recoveryCodes.id });
      return rows.length === 1;
    },

    async unusedCodes(userId: string) {
      const [row] = await db.select({ n: count() }).from(recoveryCodes).where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
      return row!.n;
    },

    async replaceCodes(userId: string, codeHashes: string[]) {
      await db.transaction((tx) => replaceCodes(tx, userId, codeHashes));
    },

    /** The factor and its codes go; the person sets up a new one at the next sign-in where required. */
    async remove(userId: string) {
      await db.transaction(async (tx) => {
        await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
        await tx.delete(secondFactors).where(eq(secondFactors.userId, userId));
      });
    },
  };
}

async function replaceCodes(tx: Tx, userId: string, codeHashes: string[]) {
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await tx.insert(recoveryCodes).values(codeHashes.map((codeHash) => ({ userId, codeHash })));
}

export type SecondFactorRepository = ReturnType<typeof createSecondFactorRepository>;
