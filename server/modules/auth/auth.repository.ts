import { and, asc, desc, eq, gt, gte, isNull, lt, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.ts';
import { CITY_SCOPE, directoryVersions, loginAttempts, memberships, organisations, sessions, users } from '../../../db/schema/index.ts';

/** Attempts allowed within the window, per kind of key. */
export type AttemptLimits = { perAccount: number; perDevice: number; perAddress: number; successesPerAddress: number };

/** An attempt written (its id), or when the first full limit lets another through. */
export type Claim = { claimed: true; id: number } | { claimed: false; retryAt: Date; limit: 'failures' | 'sign-ins' };

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

    async findUserById(id: string) {
      const [row] = await db
        .select({ id: users.id, name: users.name, email: users.email, disabledAt: users.disabledAt })
        .from(users)
        .where(eq(users.id, id))
        .limit(1);
      return row;
    },

    async listMemberships(userId: string) {
      return db
        .select({
          organisationId: memberships.organisationId,
          districtId: memberships.districtId,
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
          districtId: memberships.districtId,
          organisationName: organisations.name,
          organisationKind: organisations.kind,
          sectionId: memberships.sectionId,
          role: memberships.role,
          // Read with the session so cached directory reads need no round trip of their own: the
          // change count of this membership's team (the whole city's count included).
          teamId: sql<string | null>`case when ${organisations.kind} = 'social_services' then ${organisations.id} else ${organisations.servingTeamId} end`,
          directoryVersion: sql<number>`(select coalesce(sum(${directoryVersions.version}), 0) from ${directoryVersions} where ${directoryVersions.scope} = ${CITY_SCOPE}
            or ${directoryVersions.scope} = (case when ${organisations.kind} = 'social_services' then ${organisations.id} else ${organisations.servingTeamId} end))`.mapWith(Number),
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


    /**
     * Claims one attempt, before the password is checked: under a lock per account and per
     * address, reads what the limits allow and, when they allow it, writes the attempt. Twenty
     * guesses sent at once therefore queue here and count one by one. Returns the attempt's id, or
     * the time of the attempt whose passing out of the window lets another one through.
     */
    async claimAttempt(a: { emailKey: string; address: string; device: string | null; now: Date; since: Date; limits: AttemptLimits }): Promise<Claim> {
      return db.transaction(async (tx): Promise<Claim> => {
        // Always account first, then address: two attempts never wait for each other crosswise.
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`login account ${a.emailKey}`})), pg_advisory_xact_lock(hashtext(${`login address ${a.address}`}))`);
        const newest = async (where: SQL | undefined, limit: number) => {
          const rows = await tx
            .select({ at: loginAttempts.at })
            .from(loginAttempts)
            .where(and(where, gte(loginAttempts.at, a.since)))
            .orderBy(desc(loginAttempts.at))
            .limit(limit);
          return rows.length < limit ? null : rows[limit - 1]!.at;
        };
        const failed = eq(loginAttempts.succeeded, false);
        // A browser that has signed in to this account before has an allowance of its own, and
        // neither the account's nor the address's failures stop it.
        const wrong = a.device
          ? [await newest(and(eq(loginAttempts.device, a.device), failed), a.limits.perDevice)]
          : [
              await newest(and(eq(loginAttempts.emailKey, a.emailKey), isNull(loginAttempts.device), failed), a.limits.perAccount),
              await newest(and(eq(loginAttempts.address, a.address), failed), a.limits.perAddress),
            ];
        const right = a.device ? null : await newest(and(eq(loginAttempts.address, a.address), eq(loginAttempts.succeeded, true)), a.limits.successesPerAddress);
        const full = [...wrong, right].filter((at): at is Date => at !== null).map((at) => at.getTime());
        if (full.length > 0) return { claimed: false, retryAt: new Date(Math.max(...full)), limit: wrong.some(Boolean) ? 'failures' : 'sign-ins' };
        const [row] = await tx
          .insert(loginAttempts)
          .values({ emailKey: a.emailKey, address: a.address, device: a.device, at: a.now })
          .returning({ id: loginAttempts.id });
        return { claimed: true, id: row!.id };
      });
    },

    async markSucceeded(id: number) {
      await db.update(loginAttempts).set({ succeeded: true }).where(eq(loginAttempts.id, id));
    },

    async pruneAttempts(before: Date) {
      await db.delete(loginAttempts).where(lt(loginAttempts.at, before));
    },

    async pruneSessions(before: Date) {
      await db.delete(sessions).where(lt(sessions.expiresAt, before));
    },

  };
}

export type AuthRepository = ReturnType<typeof createAuthRepository>;
