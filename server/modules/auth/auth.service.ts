import { availableParallelism } from 'node:os';
import DataLoader from 'dataloader';
import pLimit from 'p-limit';
import type { LoginBody, Me } from '../../contracts/auth.ts';
import type { Actor } from '../../lib/access.ts';
import type { Clock } from '../../lib/clock.ts';
import type { PasswordHasher } from '../../lib/passwords.ts';
import { newDeviceId, newSessionToken, sessionIdOf } from '../../lib/tokens.ts';
import { authErrors } from './auth.errors.ts';
import type { AuthRepository } from './auth.repository.ts';

const FAILURE_WINDOW_MS = 15 * 60 * 1000;
// Re-writing last_seen_at on every request would turn each read into a write.
const TOUCH_INTERVAL_MS = 60 * 1000;

export type AuthSettings = {
  idleMinutes: number;
  absoluteHours: number;
  maxFailuresPerAccount: number;
  maxFailuresPerAddress: number;
  maxSignInsPerAddress: number;
};

// argon2 takes ~19 MiB and tens of milliseconds per check: at most this many run at once, and
// at most QUEUE_LIMIT more wait; beyond that a sign-in is told to try again in a moment.
export const CONCURRENT_CHECKS = Math.max(2, availableParallelism());
export const QUEUE_LIMIT = 200;

type Deps = {
  repo: AuthRepository;
  clock: Clock;
  hasher: PasswordHasher;
  settings: AuthSettings;
  /** A hash of a random password, verified when the e-mail is unknown so both answers take as long. */
  dummyHash: string;
};

type LiveSessionRow = Awaited<ReturnType<AuthRepository['findLiveSessions']>>[number];

export function createAuthService({ repo, clock, hasher, settings, dummyHash }: Deps) {
  // Every signed-in request reads its session from the database, so logout and revocation take
  // effect at once. The checks of requests that arrive in the same turn of the event loop go as
  // one query: under load one round trip serves many requests, and each request's session is
  // still read after that request arrived. Nothing is kept between turns.
  const liveSessions = new DataLoader<string, { rows: LiveSessionRow[]; now: Date }>(
    async (ids) => {
      const now = clock.now();
      const rows = await repo.findLiveSessions([...new Set(ids)], now, new Date(now.getTime() - settings.idleMinutes * 60 * 1000));
      const bySession = Map.groupBy(rows, (row) => row.sessionId);
      return ids.map((id) => ({ rows: bySession.get(id) ?? [], now }));
    },
    { cache: false, batchScheduleFn: (run) => setImmediate(run), maxBatchSize: 200 },
  );

  const checks = pLimit(CONCURRENT_CHECKS);
  const limits = {
    perAccount: settings.maxFailuresPerAccount,
    perDevice: settings.maxFailuresPerAccount,
    perAddress: settings.maxFailuresPerAddress,
    successesPerAddress: settings.maxSignInsPerAddress,
  };

  return {
    /**
     * Signs in; returns the session token to be signed into the cookie, and the device id to keep
     * in the browser's device cookie. `device` is the id from that cookie when it was issued for
     * this very account: such a browser has an allowance of its own, so nobody can lock a social
     * worker out by guessing at her address.
     */
    async login(input: LoginBody, address: string, device: string | null = null) {
      const now = clock.now();
      if (checks.pendingCount >= QUEUE_LIMIT) throw authErrors.busy();
      const claim = await repo.claimAttempt({ emailKey: input.email, address, device, now, since: new Date(now.getTime() - FAILURE_WINDOW_MS), limits });
      if (!claim.claimed) throw authErrors.rateLimited((claim.retryAt.getTime() + FAILURE_WINDOW_MS - now.getTime()) / 1000, claim.limit);

      const user = await repo.findUserByEmail(input.email);
      const ok = await checks(() => hasher.verify(user?.passwordHash ?? dummyHash, input.password));
      // A wrong attempt stays written as it was claimed: a failure.
      if (!user || !ok || user.disabledAt) throw authErrors.invalidCredentials();
      await repo.markSucceeded(claim.id);

      const token = newSessionToken();
      const expiresAt = new Date(now.getTime() + settings.absoluteHours * 3600 * 1000);
      await repo.createSession({ id: sessionIdOf(token), userId: user.id, now, expiresAt });
      const memberships = await repo.listMemberships(user.id);
      return {
        token,
        device: device ?? newDeviceId(),
        user: {
          id: user.id,
          name: user.name,
          email: user.email,
          memberships: memberships.map(({ organisationId, organisationName, organisationKind, role }) => ({ organisationId, organisationName, organisationKind, role })),
        },
      };
    },

    /** Resolves a session token to the actor, or null when it is revoked, expired or idle. */
    async authenticate(token: string): Promise<Actor | null> {
      const id = sessionIdOf(token);
      const { rows, now } = await liveSessions.load(id);
      const session = rows[0];
      if (!session) return null;
      if (now.getTime() - new Date(session.lastSeenAt).getTime() > TOUCH_INTERVAL_MS) await repo.touchSession(id, now);
      return {
        userId: session.userId,
        sessionId: id,
        name: session.name,
        email: session.email,
        directoryVersion: session.directoryVersion,
        memberships: rows
          .filter((m) => m.role !== null)
          .map((m) => ({
            organisationId: m.organisationId,
            districtId: m.districtId,
            organisationName: m.organisationName,
            organisationKind: m.organisationKind,
            role: m.role!,
            sectionId: m.sectionId,
          })),
      };
    },

    async logout(actor: Actor) {
      await repo.revokeSession(actor.sessionId, clock.now());
    },

    /** The profile comes with the session check, so this needs no further query. */
    async me(actor: Actor): Promise<Me> {
      return {
        id: actor.userId,
        name: actor.name,
        email: actor.email,
        memberships: actor.memberships.map(({ organisationId, organisationName, organisationKind, role }) => ({
          organisationId,
          organisationName,
          organisationKind,
          role,
        })),
      };
    },

    /** Housekeeping: forget failures and sessions nobody can use any more. */
    async prune() {
      const now = clock.now();
      await repo.pruneAttempts(new Date(now.getTime() - 24 * 3600 * 1000));
      await repo.pruneSessions(new Date(now.getTime() - 24 * 3600 * 1000));
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
