import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

// argon2id with the library's defaults (m=19 MiB, t=2, p=1: OWASP's recommended floor).
export const passwordHasher = {
  hash: (password: string) => hash(password),
  verify: async (hashed: string, password: string) => {
    try {
      return await verify(hashed, password);
    } catch {
      return false;
    }
  },
};
export type PasswordHasher = typeof passwordHasher;

/** A new account's password until its invitation is used: the hash of one nobody ever knew. */
export const unknowablePassword = (hasher: PasswordHasher) => hasher.hash(randomBytes(32).toString('base64url'));
