import { createHash } from 'node:crypto';
import { errors } from '../../lib/errors.ts';

/** How long a key answers with its first result. */
export const IDEMPOTENCY_HOURS = 24;

/** The operation and what was asked, as one comparable string: "booking:<sha-256 of the JSON>". */
export function requestOf(operation: string, asked: unknown): string {
  return `${operation}:${createHash('sha256').update(JSON.stringify(asked)).digest('base64url')}`;
}

/** A key as it is stored: its SHA-256, so nothing a client writes in a key is kept. */
export function keyDigest(key: string): string {
  return createHash('sha256').update(key).digest('base64url');
}

/**
 * What a claimed key means for the use case: null, go on and make the change; an id, answer with
 * what that id names (the same request came before); another request under the key is refused.
 */
export function replayOf(claim: { fresh: true } | { fresh: false; sameRequest: boolean; resourceId: string }): string | null {
  if (claim.fresh) return null;
  if (!claim.sameRequest) throw errors.keyReused();
  return claim.resourceId;
}
