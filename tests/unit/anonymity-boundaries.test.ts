import { describe, expect, test } from 'vitest';
import { normalise } from '../../server/contracts/anonymity-normalise.ts';
import { findIdentifyingData, type IdentifierKind } from '../../server/contracts/anonymity.ts';

// The edges of each rule, one case each: a valid date or length on one side, an invalid one on
// the other. What is found, and exactly which characters.
const found = (text: string) => findIdentifyingData(text).map((f) => [f.kind, text.slice(f.index, f.index + f.length)] as [IdentifierKind, string]);

describe('personnummer and samordningsnummer: only real dates', () => {
  test.each([
    ['Elev 850430-1234', [['personal_identity_number', '850430-1234']]],
    ['Elev 850431-1234', []], // April has 30 days
    ['Elev 850229-1234', []], // 1985 was no leap year
    ['Elev 840229-1234', [['personal_identity_number', '840229-1234']]],
    ['Elev 000229-1234', [['personal_identity_number', '000229-1234']]], // 1900 or 2000: 2000 was
    ['Elev 20000229-1234', [['personal_identity_number', '20000229-1234']]], // divisible by 400
    ['Elev 19000229-1234', []], // divisible by 100, not by 400
    ['Elev 20240229-1234', [['personal_identity_number', '20240229-1234']]],
    ['Elev 20230229-1234', []],
    ['Elev 19850101-1234', [['personal_identity_number', '19850101-1234']]],
    ['Elev 17850101-1234', []], // no one alive was born in the 1700s
    ['Elev 21850101-1234', []],
    ['Elev 851301-1234', []], // month 13
    ['Elev 850001-1234', []], // month 0
    ['Elev 850100-1234', []], // day 0
    ['Elev 850161-1234', [['coordination_number', '850161-1234']]], // day 1 + 60
    ['Elev 850191-1234', [['coordination_number', '850191-1234']]], // day 31 + 60
    ['Elev 850192-1234', []],
    ['Elev 8501011234', [['personal_identity_number', '8501011234']]],
    ['Elev 85010112345', []], // eleven digits
    ['Elev 850101 1234', [['personal_identity_number', '850101 1234']]],
    ['Elev 850101+1234', [['personal_identity_number', '850101+1234']]], // over a hundred years old
    ['Elev 850101 - 1234', [['personal_identity_number', '850101 - 1234']]],
    ['Elev 850101 (1234)', []], // a bracket is no personnummer separator
  ] as const)('%s', (text, expected) => {
    expect(found(text)).toEqual(expected);
  });
});

describe('phone numbers: Swedish lengths and prefixes', () => {
  test.each([
    ['Ring +46 70 123 45 67', [['phone', '+46 70 123 45 67']]],
    ['Ring 0046 70 123 45 67', [['phone', '0046 70 123 45 67']]],
    ['Ring +46 (0)70-123 45 67', [['phone', '+46 (0)70-123 45 67']]],
    ['Ring +46 8 123 456 78', [['phone', '+46 8 123 456 78']]],
    ['Ring +46701234567', [['phone', '+46701234567']]],
    ['Ring 0046-8-123 45 67', [['phone', '0046-8-123 45 67']]],
    ['Ring (08) 123 45 67', [['phone', '(08) 123 45 67']]],
    ['Ring 08 123 45 67', [['phone', '08 123 45 67']]],
    ['Ring 08 123 45', [['phone', '08 123 45']]], // 08 + five digits, the shortest there is
    ['Ring 08 12 34', []],
    ['Ring 070-12 34 567', [['phone', '070-12 34 567']]],
    ['Ring 0701234567', [['phone', '0701234567']]], // ten digits from 07: a mobile, not a 2007 birth date
    ['Ring 070 123 45 6', []], // a mobile number has ten digits
    ['Ring 070 123 45 678', []],
    ['Ring 031 123 4', []], // seven digits is too short outside Stockholm
    ['Ring 46 70 123 45 67', []], // a country code needs its plus or 00
    ['Ring 00 70 123 45 67', []],
    ['Ring 07 123 45 67', []], // no two-digit area code but 08
    ['Ring 070 1 2 3 4 5 6 7', []], // digits one by one are a list, not a number
    ['Summa 1,0701234567', []], // the tail of a decimal number
    ['kl 10:0701234567', []],
    ['Ring 070 123 45 67 eller 08 123 45 67', [['phone', '070 123 45 67'], ['phone', '08 123 45 67']]],
    ['Elev 850101-1234 ring 070-123 45 67', [['personal_identity_number', '850101-1234'], ['phone', '070-123 45 67']]],
  ] as const)('%s', (text, expected) => {
    expect(found(text)).toEqual(expected);
  });
});

describe('e-mail addresses', () => {
  test.each([
    ['mejla anna.berg@skola.se', [['email', 'anna.berg@skola.se']]],
    ['mejla .anna@skola.se', [['email', 'anna@skola.se']]], // a local part never starts with a dot
    ['a@b.se', [['email', 'a@b.se']]],
    ['@skola.se', []],
    ['anna@', []],
    ['anna@skola', []], // no top-level domain
    [`${'a'.repeat(70)}@skola.se`, [['email', `${'a'.repeat(64)}@skola.se`]]], // at most 64 characters back
  ] as const)('%s', (text, expected) => {
    expect(found(text)).toEqual(expected);
  });
});

describe('the normal form the guard reads', () => {
  test.each([
    ['anna @ skola.se', 'anna@skola.se'],
    ['anna  @  skola.se', 'anna@skola.se'],
    ['anna (at) skola (dot) se', 'anna@skola.se'],
    ['anna [at] skola.se', 'anna@skola.se'],
    ['anna snabel-a skola.se', 'anna@skola.se'],
    ['sanna@skola.se', 'sanna@skola.se'], // an "s" may begin "snabel-a", and here does not
    ['Ring 070\u1680123\u300045 67', 'Ring 070 123 45 67'], // spaces NFKC leaves alone, and the ideographic one
    ['Ring 070\t123\t45\t67', 'Ring 070 123 45 67'],
    ['Ring 070/123.45_67', 'Ring 070-123-45-67'],
    ['Dnr 12/0701234567', 'Dnr 12-0701234567'],
    ['kl 08.30-10.00', 'kl 08.30-10.00'], // a time keeps its dot
    ['den 14.3.2026', 'den 14.3.2026'],
    ['Ring O7O-123 45 67', 'Ring 070-123 45 67'],
    ['Ring ０７０\u2212１２３\u00ad ４５ ６７', 'Ring 070-123 45 67'],
  ])('%j reads as %j', (written, read) => {
    const n = normalise(written);
    expect(n.text).toBe(read);
    expect(n.from).toHaveLength(read.length);
  });
});
