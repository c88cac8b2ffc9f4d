import { availableParallelism } from 'node:os';
import DataLoader from 'dataloader';
import pLimit from 'p-limit';
import type { LoginBody, Me, Role } from '../../contracts/auth.ts';
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

/** What the second factor tells the sign-in (the second-factor module). */
export type SecondFactorCheck = {
  stepFor(userId: string, roles: readonly Role[]): Promise<'none' | 'code' | 'enrol'>;
  verify(userId: string, code: string): Promise<{ ok: false } | { ok: true; recoveryCodes?: string[] }>;
};

/** A new session: its token for the cookie, the browser's device id, and who signed in. */
export type Session = { token: string; device: string; user: Me };
/** A password sign-in either opens a session or asks for the second step. */
export type SignIn = ({ kind: 'session' } & Session) | { kind: 'second_step'; userId: string; enrolment: boolean };

type Deps = {
  repo: AuthRepository;
  secondFactor: SecondFactorCheck;
  clock: Clock;
  hasher: PasswordHasher;
  settings: AuthSettings;
  /** A hash of a random password, verified when the e-mail is unknown so both answers take as long. */
  dummyHash: string;
};

type LiveSessionRow = Awaited<ReturnType<AuthRepository['findLiveSessions']>>[number];

export function createAuthService({ repo, clock, hasher, settings, dummyHash, secondFactor }: Deps) {
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

  async function claim_(email: string, address: string, device: string | null, now: Date) {
    if (checks.pendingCount >= QUEUE_LIMIT) throw authErrors.busy();
    const claim = await repo.claimAttempt({ emailKey: email, address, device, now, since: new Date(now.getTime() - FAILURE_WINDOW_MS), limits });
    if (!claim.claimed) throw authErrors.rateLimited((claim.retryAt.getTime() + FAILURE_WINDOW_MS - now.getTime()) / 1000, claim.limit);
    return claim;
  }

  type Memberships = Awaited<ReturnType<AuthRepository['listMemberships']>>;
  async function open(user: { id: string; name: string; email: string }, memberships: Memberships, device: string | null, now: Date): Promise<Session> {
    const token = newSessionToken();
    const expiresAt = new Date(now.getTime() + settings.absoluteHours * 3600 * 1000);
    await repo.createSession({ id: sessionIdOf(token), userId: user.id, now, expiresAt });
    return {
      token,
      device: device ?? newDeviceId(),
      user: {
        id: user.id,
        name: user.name,
        email: user.email,
        memberships: memberships.map(({ organisationId, organisationName, organisationKind, role, sectionId }) => ({ organisationId, organisationName, organisationKind, role, sectionId })),
      },
    };
  }

  return {
    /**
     * Signs in; returns the session token to be signed into the cookie, and the device id to keep
     * in the browser's device cookie. `device` is the id from that cookie when it was issued for
     * this very account: such a browser has an allowance of its own, so nobody can lock a social
     * worker out by guessing at her address.
     */
    async login(input: LoginBody, address: string, device: string | null = null): Promise<SignIn> {
      const now = clock.now();
      const claim = await claim_(input.email, address, device, now);
      const user = await repo.findUserByEmail(input.email);
      const ok = await checks(() => hasher.verify(user?.passwordHash ?? dummyHash, input.password));
      // A wrong attempt stays written as it was claimed: a failure.
      if (!user || !ok || user.disabledAt) throw authErrors.invalidCredentials();
      await repo.markSucceeded(claim.id);
      const memberships = await repo.listMemberships(user.id);
      const step = await secondFactor.stepFor(user.id, memberships.map((m) => m.role));
      if (step !== 'none') return { kind: 'second_step', userId: user.id, enrolment: step === 'enrol' };
      return { kind: 'session', ...(await open(user, memberships, device, now)) };
    },

    /**
     * The second step of a password sign-in: a code from the person's app (or one of their
     * recovery codes) for the user the first step vouched for. Throttled on the same counters as
     * passwords, so the code cannot be guessed either. Setting up the factor ends here too: the
     * first right code confirms it and its recovery codes are shown once.
     */
    async completeSecondStep(userId: string, code: string, address: string, device: string | null = null) {
      const now = clock.now();
      const user = await repo.findUserById(userId);
      if (!user || user.disabledAt) throw authErrors.invalidCredentials();
      const claim = await claim_(user.email, address, device, now);
      const result = await secondFactor.verify(userId, code);
      if (!result.ok) throw authErrors.wrongCode();
      await repo.markSucceeded(claim.id);
      const memberships = await repo.listMemberships(user.id);
      return { ...(await open(user, memberships, device, now)), recoveryCodes: result.recoveryCodes };
    },

    /** A session for someone the city's identity provider vouched for (no password, no second step here). */
    async startSession(userId: string) {
      const user = await repo.findUserById(userId);
      if (!user || user.disabledAt) throw authErrors.invalidCredentials();
      return open(user, await repo.listMemberships(user.id), null, clock.now());
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
        // The change count of each team the person's memberships belong to ('' for none: the city's alone).
        directoryVersions: Object.fromEntries(rows.map((m) => [m.teamId ?? '', m.directoryVersion])),
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
        memberships: actor.memberships.map(({ organisationId, organisationName, organisationKind, role, sectionId }) => ({
          organisationId,
          organisationName,
          organisationKind,
          role,
          sectionId,
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
