import { randomBytes } from 'node:crypto';

/** A random tag that keeps test data apart: letters only, because eight hex characters are now
 *  and then all digits starting with 0, which the anonymity guard rightly reads as a phone number
 *  (about one run in 150 of the district tests failed that way). */
export function uniqueTag(length = 8): string {
  return [...randomBytes(length)].map((b) => String.fromCharCode(97 + (b % 26))).join('');
}
