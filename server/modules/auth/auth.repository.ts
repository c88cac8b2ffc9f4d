import { and, asc, desc, eq, gt, gte, isNull, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.ts';
import { directoryVersion, loginFailures, memberships, organisations, sessions, users } from '../../../db/schema/index.ts';

export function createAuthRepository(db: DbOrTx) {
  return {
    async findUserByEmail(email: string) {
      const [row] = await db
        .select({ id: users.id, name: users.name, email: users.email, passwordHash: users.passwordHash, disabledAt: users.disabledAt })
        .from(users)
        .where(eq(users.email, email))
        .limit(1);
      return row;
    },


    async listMemberships(userId: string) {
      return db
        .select({
          organisationId: memberships.organisationId,
          organisationName: organisations.name,
          organisationKind: organisations.kind,
          sectionId: memberships.sectionId,
          role: memberships.role,
        })
        .from(memberships)
        .leftJoin(organisations, eq(organisations.id, memberships.organisationId))
        .where(eq(memberships.userId, userId))
        .orderBy(asc(organisations.name), asc(memberships.role));
    },

    async createSession(row: { id: string; userId: string; now: Date; expiresAt: Date }) {
      await db.insert(sessions).values({
        id: row.id,
        userId: row.userId,
        createdAt: row.now,
        lastSeenAt: row.now,
        expiresAt: row.expiresAt,
      });
    },

    /**
     * The sessions among `ids` that are neither revoked, expired nor idle too long, of users
     * still enabled, one row per membership, with the directory's change counter. Prepared,
     * because every signed-in request is answered through it (see the auth service's batching).
     */
    findLiveSessions: (() => {
      const prepared = db
        .select({
          sessionId: sessions.id,
          userId: sessions.userId,
          lastSeenAt: sessions.lastSeenAt,
          name: users.name,
          email: users.email,
          organisationId: memberships.organisationId,
          organisationName: organisations.name,
          organisationKind: organisations.kind,
          sectionId: memberships.sectionId,
          role: memberships.role,
          // Read with the session so cached directory reads need no round trip of their own.
          directoryVersion: sql<number>`(select ${directoryVersion.version} from ${directoryVersion})`.mapWith(Number),
        })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .leftJoin(memberships, eq(memberships.userId, users.id))
        .leftJoin(organisations, eq(organisations.id, memberships.organisationId))
        .where(
          and(
            sql`${sessions.id} = any(${sql.placeholder('ids')}::text[])`,
            isNull(sessions.revokedAt),
            gt(sessions.expiresAt, sql.placeholder('now')),
            gt(sessions.lastSeenAt, sql.placeholder('idleSince')),
            isNull(users.disabledAt),
          ),
        )
        .orderBy(asc(sessions.id), asc(organisations.name), asc(memberships.role))
        .prepare('auth_live_sessions');
      return (ids: readonly string[], now: Date, idleSince: Date) => prepared.execute({ ids, now, idleSince });
    })(),

    async touchSession(id: string, now: Date) {
      await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
    },

    async revokeSession(id: string, now: Date) {
      await db.update(sessions).set({ revokedAt: now }).where(and(eq(sessions.id, id), isNull(sessions.revokedAt)));
    },


    async recordFailure(emailKey: string, address: string, at: Date) {
      await db.insert(loginFailures).values({ emailKey, address, at });
    },

    /** Times of the newest `limit` failures since `since`, newest first. */
    async recentFailures(by: 'email' | 'address', key: string, since: Date, limit: number) {
      const column = by === 'email' ? loginFailures.emailKey : loginFailures.address;
      const rows = await db
        .select({ at: loginFailures.at })
        .from(loginFailures)
        .where(and(eq(column, key), gte(loginFailures.at, since)))
        .orderBy(desc(loginFailures.at))
        .limit(limit);
      return rows.map((r) => r.at);
    },

    async pruneFailures(before: Date) {
      await db.delete(loginFailures).where(lt(loginFailures.at, before));
    },

    async pruneSessions(before: Date) {
      await db.delete(sessions).where(lt(sessions.expiresAt, before));
    },

  };
}

export type AuthRepository = ReturnType<typeof createAuthRepository>;
