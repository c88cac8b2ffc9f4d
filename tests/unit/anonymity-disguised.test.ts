import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { findIdentifyingData, type IdentifierKind } from '../../server/contracts/anonymity.ts';
import { ordinaryCorpus } from './anonymity-corpus.ts';

const kinds = (text: string) => findIdentifyingData(text).map((f) => f.kind);

// Identifiers written so that a pattern over ASCII would not see them: what an outside test tried.
describe('an identifier in disguise is still refused', () => {
  test.each<[string, string, IdentifierKind]>([
    ['fullwidth digits', 'Elev ８５０１０１－１２３４ i åk 7.', 'personal_identity_number'],
    ['Arabic-Indic digits', 'Elev ٨٥٠١٠١-١٢٣٤.', 'personal_identity_number'],
    ['Extended Arabic-Indic digits', 'Elev ۸۵۰۱۰۱-۱۲۳۴.', 'personal_identity_number'],
    ['Devanagari digits', 'Elev ८५०१०१-१२३४.', 'personal_identity_number'],
    ['mathematical bold digits', 'Elev 𝟖𝟓𝟎𝟏𝟎𝟏-𝟏𝟐𝟑𝟒.', 'personal_identity_number'],
    ['a minus sign', 'Elev 850101\u22121234.', 'personal_identity_number'],
    ['an em dash', 'Elev 850101\u20141234.', 'personal_identity_number'],
    ['a fullwidth hyphen', 'Elev 850101\uFF0D1234.', 'personal_identity_number'],
    ['a small hyphen', 'Elev 850101\uFE631234.', 'personal_identity_number'],
    ['zero-width spaces', 'Elev 85\u200B01\u200B01-12\u200B34.', 'personal_identity_number'],
    ['a zero-width joiner', 'Elev 8501\u200D01-1234.', 'personal_identity_number'],
    ['a soft hyphen', 'Elev 850101\u00AD1234.', 'personal_identity_number'],
    ['a word joiner and a BOM', 'Elev 850\u2060101-\uFEFF1234.', 'personal_identity_number'],
    ['a dot as separator', 'Elev 850101.1234.', 'personal_identity_number'],
    ['a slash as separator', 'Elev 850101/1234.', 'personal_identity_number'],
    ['an underscore as separator', 'Elev 850101_1234.', 'personal_identity_number'],
    ['a figure space', 'Elev 850101\u20071234.', 'personal_identity_number'],
    ['an ideographic space', 'Elev 850101\u30001234.', 'personal_identity_number'],
    ['a letter O for a zero', 'Elev 85O1O1-1234.', 'personal_identity_number'],
    ['a small letter o for a zero', 'Elev 85o1o1-1234.', 'personal_identity_number'],
    ['a samordningsnummer in fullwidth', 'Elev ８５０１６１-１２３４.', 'coordination_number'],
    ['a mobile number with dots', 'Ring 070.123.45.67.', 'phone'],
    ['a mobile number with slashes', 'Ring 070/123 45 67.', 'phone'],
    ['a mobile number with underscores', 'Ring 070_123_45_67.', 'phone'],
    ['a mobile number with a letter O', 'Ring O70-123 45 67.', 'phone'],
    ['a mobile number in fullwidth', 'Ring ０７０－１２３ ４５ ６７.', 'phone'],
    ['a mobile number with zero-width spaces', 'Ring 0\u200B70\u200B1234567.', 'phone'],
    ['a mobile number with an en quad', 'Ring 070\u2000123\u200045\u200067.', 'phone'],
    ['e-mail with spaces around @', 'Mejla anna.berg @ skola.se', 'email'],
    ['e-mail with (at)', 'Mejla anna.berg (at) skola.se', 'email'],
    ['e-mail with [at]', 'Mejla anna.berg[at]skola.se', 'email'],
    ['e-mail with snabel-a', 'Mejla anna.berg snabel-a skola.se', 'email'],
    ['e-mail with (snabel-a)', 'Mejla anna.berg(snabel-a)skola.se', 'email'],
    ['e-mail with a fullwidth ＠', 'Mejla anna.berg＠skola.se', 'email'],
    ['e-mail with an ideographic full stop', 'Mejla anna.berg@skola。se', 'email'],
    ['e-mail with (dot)', 'Mejla anna@skola(dot)se', 'email'],
    ['e-mail with [punkt]', 'Mejla anna@skola[punkt]se', 'email'],
    ['e-mail with a zero-width space', 'Mejla anna\u200B@skola.se', 'email'],
    ['e-mail in fullwidth letters', 'Mejla ａｎｎａ＠ｓｋｏｌａ．ｓｅ', 'email'],
  ])('%s', (_name, text, kind) => {
    expect(kinds(text)).toEqual([kind]);
  });

  test('a finding points into the text as written, disguise included', () => {
    const text = 'Elev ８５０１０１\u200B－１２３４ i åk 7.';
    const [f] = findIdentifyingData(text);
    expect(text.slice(f!.index, f!.index + f!.length)).toBe('８５０１０１\u200B－１２３４');
  });
});

describe('generated disguises', () => {
  const digitSets = ['0123456789', '０１２３４５６７８９', '٠١٢٣٤٥٦٧٨٩', '۰۱۲۳۴۵۶۷۸۹', '०१२३४५६७८९'];
  const dashes = ['-', '\u2212', '\u2010', '\u2011', '\u2013', '\u2014', '\uFF0D', '\uFE63', '.', '/', '_', ' ', '\u00A0', '\u2009'];
  const invisible = ['', '\u200B', '\u200C', '\u200D', '\u2060', '\u00AD', '\uFEFF'];
  const pnr = fc.record({ y: fc.integer({ min: 0, max: 99 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }), last: fc.integer({ min: 0, max: 9999 }) });

  test('10,000 personnummer in any digits, with any dash and invisible characters, are all refused', () => {
    fc.assert(
      fc.property(pnr, fc.constantFrom(...digitSets), fc.constantFrom(...dashes), fc.constantFrom(...invisible), fc.nat(), (p, digits, dash, zw, seed) => {
        const plain = `${String(p.y).padStart(2, '0')}${String(p.m).padStart(2, '0')}${String(p.d).padStart(2, '0')}`;
        const last = String(p.last).padStart(4, '0');
        const write = (s: string) => [...s].map((c, i) => digits[Number(c)]! + ((seed >> i) & 1 ? zw : '')).join('');
        const text = `Gäller eleven ${write(plain)}${dash}${write(last)} i åk 5.`;
        expect(kinds(text), JSON.stringify(text)).toEqual(['personal_identity_number']);
      }),
      { numRuns: 10_000 },
    );
  });

  test('ordinary school text is still let through: at most 1 % false alarms over the corpus', () => {
    const corpus = ordinaryCorpus(20_000, 7);
    const refused = corpus.filter((t) => findIdentifyingData(t).length > 0);
    expect(refused.length / corpus.length, refused.slice(0, 10).join('\n')).toBeLessThanOrEqual(0.01);
  });
});
