import { createHash } from 'node:crypto';

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
