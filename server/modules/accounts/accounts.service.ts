import type { SetPasswordBody } from '../../contracts/accounts.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError } from '../../lib/errors.ts';
import { passwordProblem } from '../../lib/password-policy.ts';
import { unknowablePassword, type PasswordHasher } from '../../lib/passwords.ts';
import { newSessionToken, sessionIdOf } from '../../lib/tokens.ts';
import { linkMail, linkPath } from './accounts.mail.ts';
import type { AccountsRepository } from './accounts.repository.ts';

const HOUR = 3600_000;
/** An invitation waits a week; a reset link lives half an hour (API.md). */
export const LINK_LIFETIME_MS = { invitation: 7 * 24 * HOUR, password_reset: HOUR / 2 } as const;
/** Reset mails to one person per hour: beyond that a request is answered as always and sends nothing. */
const RESETS_PER_HOUR = 3;

type Deps = {
  transaction: <T>(work: (tx: AccountsRepository) => Promise<T>) => Promise<T>;
  clock: Clock;
  hasher: PasswordHasher;
  baseUrl: string;
};

const linkGone = () => new AppError('already_used', 'Länken har redan använts eller har gått ut. Be om en ny på sidan Glömt lösenordet.');

export function createAccountsService({ transaction, clock, hasher, baseUrl }: Deps) {
  /** A new one-time link and its mail, in the caller's transaction; the token leaves only in the mail (and to the caller). */
  async function sendLink(tx: AccountsRepository, purpose: 'invitation' | 'password_reset', user: { id: string; name: string }, invitedBy?: string) {
    const token = newSessionToken();
    const now = clock.now();
    const expiresAt = new Date(now.getTime() + LINK_LIFETIME_MS[purpose]);
    const tokenHash = sessionIdOf(token);
    await tx.createLink({ tokenHash, userId: user.id, purpose, createdAt: now, expiresAt });
    await tx.mail.enqueue([linkMail(purpose, { linkId: tokenHash.slice(0, 32), userId: user.id, name: user.name, token, expiresAt, ...(invitedBy ? { invitedBy } : {}) }, baseUrl)], now);
    return { token, expiresAt };
  }

  return {
    sendLink,

    /**
     * "Glömt lösenordet?": the same answer whether or not the address exists, is disabled or has
     * asked too often; only a known, enabled person within the limit gets a mail.
     */
    async requestReset(email: string) {
      await transaction(async (tx) => {
        const user = await tx.userByEmail(email);
        if (!user || user.disabledAt) return;
        if ((await tx.linksSince(user.id, 'password_reset', new Date(clock.now().getTime() - HOUR))) >= RESETS_PER_HOUR) return;
        await sendLink(tx, 'password_reset', user);
      });
    },

    /** Chooses a password with a one-time link: the link is spent, and every session of the person ends. */
    async setPassword({ token, password }: SetPasswordBody) {
      await transaction(async (tx) => {
        const link = await tx.lockLink(sessionIdOf(token));
        const now = clock.now();
        if (!link || link.usedAt || link.expiresAt <= now || link.disabledAt) throw linkGone();
        const problem = passwordProblem(password, link);
        if (problem) throw new AppError('invalid_request', problem, { fields: [{ field: 'password', message: problem }] });
        // Hashed only for a live link: a stream of made-up tokens costs no argon2.
        await tx.setPassword(link.userId, await hasher.hash(password), now);
      });
    },

    /** The first administrator of an installation (`npm run admin:create`): the link to choose a password. */
    async createFirstAdmin(input: { email: string; name: string }) {
      const unknowable = await unknowablePassword(hasher);
      return transaction(async (tx) => {
        if (await tx.userByEmail(input.email)) throw new AppError('invalid_request', `Det finns redan ett konto med adressen ${input.email}.`, { fields: [{ field: 'email', message: 'Adressen används redan.' }] });
        const user = await tx.createAdmin({ ...input, passwordHash: unknowable });
        const { token, expiresAt } = await sendLink(tx, 'invitation', user);
        return { userId: user.id, url: `${baseUrl}${linkPath(token)}`, expiresAt };
      });
    },
  };
}
export type AccountsService = ReturnType<typeof createAccountsService>;
