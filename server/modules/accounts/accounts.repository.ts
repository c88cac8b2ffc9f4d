import { and, count, eq, gte, isNull } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../../db/client.ts';
import { accountLinks, memberships, sessions, users } from '../../../db/schema/index.ts';
import { createMailRepository } from '../mail/mail.repository.ts';

type Purpose = (typeof accountLinks.$inferInsert)['purpose'];

export function createAccountsRepository(db: DbOrTx) {
  return {
    /** The mail of a link is written in the link's own transaction. */
    mail: createMailRepository(db),

    async userByEmail(email: string) {
      const [row] = await db.select({ id: users.id, name: users.name, email: users.email, disabledAt: users.disabledAt }).from(users).where(eq(users.email, email)).limit(1);
      return row;
    },

    /** How many links of a kind the person was sent since a moment: resets are not a way to flood a mailbox. */
    async linksSince(userId: string, purpose: Purpose, since: Date) {
      const [row] = await db
        .select({ n: count() })
        .from(accountLinks)
        .where(and(eq(accountLinks.userId, userId), eq(accountLinks.purpose, purpose), gte(accountLinks.createdAt, since)));
      return row!.n;
    },

    async createLink(row: { tokenHash: string; userId: string; purpose: Purpose; createdAt: Date; expiresAt: Date }) {
      await db.insert(accountLinks).values(row);
    },

    /** The link and its person, locked: two tabs sending the same link cannot both use it. */
    async lockLink(tokenHash: string) {
      const [row] = await db
        .select({ id: accountLinks.id, userId: accountLinks.userId, purpose: accountLinks.purpose, expiresAt: accountLinks.expiresAt, usedAt: accountLinks.usedAt, email: users.email, name: users.name, disabledAt: users.disabledAt })
        .from(accountLinks)
        .innerJoin(users, eq(users.id, accountLinks.userId))
        .where(eq(accountLinks.tokenHash, tokenHash))
        .for('update', { of: accountLinks });
      return row;
    },

    /** The password is set, this link and every other unused link of the person are spent, and every session ends. */
    async setPassword(userId: string, passwordHash: string, at: Date) {
      await db.update(users).set({ passwordHash }).where(eq(users.id, userId));
      await db.update(accountLinks).set({ usedAt: at }).where(and(eq(accountLinks.userId, userId), isNull(accountLinks.usedAt)));
      await db.update(sessions).set({ revokedAt: at }).where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
    },

    /** A new administrator (the first, from the command line): no password anyone knows until the link is used. */
    async createAdmin(row: { email: string; name: string; passwordHash: string }) {
      const [user] = await db.insert(users).values(row).returning({ id: users.id, name: users.name, email: users.email });
      await db.insert(memberships).values({ userId: user!.id, organisationId: null, role: 'admin' });
      return user!;
    },
  };
}
export type AccountsRepository = ReturnType<typeof createAccountsRepository>;

export const accountsTransaction =
  (db: Db) =>
  <T>(work: (tx: AccountsRepository) => Promise<T>) =>
    db.transaction((tx) => work(createAccountsRepository(tx)));
