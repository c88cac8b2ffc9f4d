import { expect, test } from 'vitest';
import { safeNext } from '../../web/src/lib/server/api.ts';

test.each([
  ['/min-vecka?vecka=2026-12-07', '/min-vecka?vecka=2026-12-07'],
  ['/kontaktpersoner', '/kontaktpersoner'],
  ['//evil.example', '/'],
  ['/\\evil.example', '/'],
  ['https://evil.example', '/'],
  // A Location header holds Latin-1 without control characters: these once made a 500.
  ['/\r\nSet-Cookie: x=1', '/'],
  ['/moten\u0000', '/'],
  ['/möten', '/möten'],
  ['/\u2028', '/'],
  ['/文字', '/'],
  [null, '/'],
])('after sign-in, next=%j goes to %j', (next, expected) => {
  expect(safeNext(next)).toBe(expected);
});
