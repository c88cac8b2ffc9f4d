import { createHash, randomInt } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import type { Role } from '../../contracts/auth.ts';
import type { Enrolment, SecondFactorStatus } from '../../contracts/second-factor.ts';
import type { Actor } from '../../lib/access.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError } from '../../lib/errors.ts';
import type { SecretBox } from '../../lib/secret-box.ts';
import type { SecondFactorRepository } from './second-factor.repository.ts';

const ISSUER = 'Samverkan';
const PERIOD = 30;
const RECOVERY_CODES = 10;
const PENDING_REUSE_MS = 10 * 60 * 1000;
// No 0/o, 1/l/i: a code is read off paper. 31 letters, ten of them: about 50 bits per code.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

type Deps = { repo: SecondFactorRepository; clock: Clock; box: SecretBox; requiredRoles: readonly Role[] };

const totpOf = (secretBase32: string, label: string) =>
  new TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: 6, period: PERIOD, secret: Secret.fromBase32(secretBase32) });

/** What people type, reduced to its letters and digits, lower case. */
const normalise = (code: string) => code.toLowerCase().replace(/[\s-]/g, '');
const hashOf = (code: string) => createHash('sha256').update(`recovery ${normalise(code)}`).digest('hex');

function newRecoveryCodes(): string[] {
  const one = () => Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return Array.from({ length: RECOVERY_CODES }, () => one().replace(/^(.{5})/, '$1-'));
}

export const errorsOf = {
  expired: () => new AppError('unauthenticated', 'Inloggningen har gått ut. Logga in med e-post och lösenord igen.'),
  alreadyOn: () => new AppError('invalid_request', 'Tvåstegsverifiering är redan påslagen. Stäng av den först om du vill koppla en ny app.', { status: 409 }),
  notOn: () => new AppError('invalid_request', 'Tvåstegsverifiering är inte påslagen.', { status: 409 }),
  required: () => new AppError('forbidden', 'Din roll kräver tvåstegsverifiering, så den kan inte stängas av. Koppla en ny app i stället, eller be en administratör nollställa den.'),
  wrongCode: () => new AppError('invalid_request', 'Koden stämmer inte. Skriv de sex siffrorna som appen visar just nu.', { fields: [{ field: 'code', message: 'Koden stämmer inte.' }] }),
};

/**
 * A second factor for password accounts: TOTP (RFC 6238, otpauth) with ten one-time recovery
 * codes. Required for MFA_REQUIRED_ROLES; anyone may turn it on. Codes are checked on the app's
 * clock, one step either side, and each step works once.
 */
export function createSecondFactorService({ repo, clock, box, requiredRoles }: Deps) {
  const isRequired = (roles: readonly Role[]) => roles.some((r) => requiredRoles.includes(r));

  /** The step the code belongs to, or null when it is no code of this secret near now. */
  function stepOf(secretBase32: string, code: string): number | null {
    const token = code.replace(/\s/g, '');
    if (!/^\d{6}$/.test(token)) return null;
    const timestamp = clock.now().getTime();
    const delta = totpOf(secretBase32, '').validate({ token, timestamp, window: 1 });
    return delta === null ? null : Math.floor(timestamp / 1000 / PERIOD) + delta;
  }

  /**
   * A new secret, or the one set up in the last ten minutes and not yet confirmed: a page shown
   * again after a mistyped code keeps the QR code the person already scanned.
   */
  async function startEnrolment(userId: string, label: string): Promise<Enrolment> {
    const now = clock.now();
    const factor = await repo.find(userId);
    if (factor?.confirmedAt) throw errorsOf.alreadyOn();
    const recent = factor && now.getTime() - factor.createdAt.getTime() < PENDING_REUSE_MS ? box.open(factor.sealedSecret) : null;
    const secret = recent ?? new Secret({ size: 20 }).base32;
    if (!recent && !(await repo.savePending(userId, box.seal(secret), now))) throw errorsOf.alreadyOn();
    const uri = totpOf(secret, label).toString();
    const qrSvg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    return { secret, uri, qrSvg };
  }

  /** Checks a code; a right first code confirms a pending factor and returns its recovery codes. */
  async function verify(userId: string, code: string): Promise<{ ok: false } | { ok: true; recoveryCodes?: string[] }> {
    const factor = await repo.find(userId);
    const secret = factor && box.open(factor.sealedSecret);
    if (!factor || !secret) return { ok: false };
    const step = stepOf(secret, code);
    if (!factor.confirmedAt) {
      if (step === null) return { ok: false };
      const codes = newRecoveryCodes();
      return (await repo.takeStep(userId, step, clock.now(), codes.map(hashOf))) ? { ok: true, recoveryCodes: codes } : { ok: false };
    }
    if (step !== null) return { ok: await repo.takeStep(userId, step, clock.now()) };
    return { ok: await repo.spendRecoveryCode(userId, hashOf(code), clock.now()) };
  }

  return {
    verify,

    /** What a password sign-in still needs: nothing, a code, or setting the factor up first. */
    async stepFor(userId: string, roles: readonly Role[]): Promise<'none' | 'code' | 'enrol'> {
      const factor = await repo.find(userId);
      if (factor?.confirmedAt) return 'code';
      return isRequired(roles) ? 'enrol' : 'none';
    },

    /** Setting up during a sign-in that requires it (the mfaToken vouched for the password). */
    async enrolDuringSignIn(userId: string) {
      const person = await repo.person(userId);
      if (!person || person.disabledAt) throw errorsOf.expired();
      const factor = await repo.find(userId);
      if (factor?.confirmedAt || !isRequired(person.roles)) throw errorsOf.alreadyOn();
      return startEnrolment(userId, person.email);
    },

    async status(actor: Actor): Promise<SecondFactorStatus> {
      const factor = await repo.find(actor.userId);
      const enabled = Boolean(factor?.confirmedAt);
      return { enabled, required: isRequired(actor.memberships.map((m) => m.role)), recoveryCodesLeft: enabled ? await repo.unusedCodes(actor.userId) : 0 };
    },

    async enrol(actor: Actor) {
      return startEnrolment(actor.userId, actor.email);
    },

    async confirm(actor: Actor, code: string) {
      const factor = await repo.find(actor.userId);
      if (factor?.confirmedAt) throw errorsOf.alreadyOn();
      const result = await verify(actor.userId, code);
      if (!result.ok || !result.recoveryCodes) throw errorsOf.wrongCode();
      return { recoveryCodes: result.recoveryCodes };
    },

    /** New recovery codes (the old ones stop working), against a current code from the app. */
    async renewRecoveryCodes(actor: Actor, code: string) {
      const factor = await repo.find(actor.userId);
      const secret = factor?.confirmedAt ? box.open(factor.sealedSecret) : null;
      if (!factor?.confirmedAt || !secret) throw errorsOf.notOn();
      const step = stepOf(secret, code);
      if (step === null || !(await repo.takeStep(actor.userId, step, clock.now()))) throw errorsOf.wrongCode();
      const codes = newRecoveryCodes();
      await repo.replaceCodes(actor.userId, codes.map(hashOf));
      return { recoveryCodes: codes };
    },

    /** Turning it off takes a current code, and is refused to a role that requires it. */
    async disable(actor: Actor, code: string) {
      if (isRequired(actor.memberships.map((m) => m.role))) throw errorsOf.required();
      const factor = await repo.find(actor.userId);
      const secret = factor?.confirmedAt ? box.open(factor.sealedSecret) : null;
      if (!factor?.confirmedAt || !secret) throw errorsOf.notOn();
      const step = stepOf(secret, code);
      if (step === null || !(await repo.takeStep(actor.userId, step, clock.now()))) throw errorsOf.wrongCode();
      await repo.remove(actor.userId);
    },
  };
}

export type SecondFactorService = ReturnType<typeof createSecondFactorService>;
