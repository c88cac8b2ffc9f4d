import { createHash, randomBytes } from 'node:crypto';

export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Sessions are stored by the hash of their token, never the token itself. */
export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A browser's id in its device cookie (OWASP's "device cookie" against lock-out by guessing). */
export function newDeviceId(): string {
  return randomBytes(16).toString('base64url');
}

/** What a device cookie says about the account it signed in to: a hash, never the address. */
export function accountKeyOf(email: string): string {
  return createHash('sha256').update(`device ${email}`).digest('base64url').slice(0, 22);
}
