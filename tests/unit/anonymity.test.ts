import { describe, expect, test } from 'vitest';
import {
  describeFindings,
  findIdentifyingData,
  type Finding,
  type IdentifierKind,
} from '../../server/contracts/anonymity.ts';
import { FREE_TEXT, freeText } from '../../server/contracts/text.ts';
import { z } from '../../server/contracts/zod.ts';
import { identifyingCases, identifyingCorpus, ordinaryCorpus } from './anonymity-corpus.ts';

const kinds = (text: string) => findIdentifyingData(text).map((f) => f.kind);

describe('texts that identify a person are refused', () => {
  test.each<[string, string, IdentifierKind]>([
    ['a personnummer with a dash', 'Gäller 850101-1234 i åk 7B.', 'personal_identity_number'],
    ['a personnummer with a wrong check digit', 'Gäller 850101-1235.', 'personal_identity_number'],
    ['a personnummer for someone over 100, with a plus', 'Född 201224+1234.', 'personal_identity_number'],
    ['a personnummer with a space', 'Elev 121212 1212 ska ha stöd.', 'personal_identity_number'],
    ['a personnummer in ten digits in a row', 'Elev 1212121212 ska ha stöd.', 'personal_identity_number'],
    ['a personnummer in twelve digits with a dash', 'Elev 20121212-1212.', 'personal_identity_number'],
    ['a personnummer in twelve digits in a row', 'Elev 201212121212.', 'personal_identity_number'],
    ['a personnummer in twelve digits with a space', 'Elev 19121212 1212.', 'personal_identity_number'],
    ['a personnummer with spaces around the dash', 'Elev 121212 - 1212.', 'personal_identity_number'],
    ['a personnummer born on a leap day', 'Elev 20200229-1234.', 'personal_identity_number'],
    ['a personnummer born on a leap day in 2000', 'Elev 000229-1234.', 'personal_identity_number'],
    ['a personnummer next to other numbers', 'Rum 12 850101-1234 kl. 13.00', 'personal_identity_number'],
    ['a samordningsnummer (day + 60)', 'Elev 850161-1234.', 'coordination_number'],
    ['a samordningsnummer in twelve digits', 'Elev 199203891234.', 'coordination_number'],
    ['an e-mail address', 'Skriv till anna.berg@skola.stockholm.se.', 'email'],
    ['an e-mail address with Swedish letters', 'Kontakt: åsa.öberg@kommun.se', 'email'],
    ['an e-mail address with a plus', 'Kontakt: kalle+skola@gmail.com', 'email'],
    ['an e-mail address written with (at)', 'Kontakt: kalle(at)gmail.com', 'email'],
    ['a mobile number with a dash', 'Ring 070-123 45 67.', 'phone'],
    ['a mobile number with spaces', 'Ring 073 123 45 67.', 'phone'],
    ['a mobile number in one block', 'Ring 0761234567.', 'phone'],
    ['a mobile number with dashes throughout', 'Ring 079-123-45-67.', 'phone'],
    ['a mobile number with +46', 'Ring +46 70 123 45 67.', 'phone'],
    ['a mobile number with +46 in one block', 'Ring +46701234567.', 'phone'],
    ['a mobile number with +46 (0)', 'Ring +46 (0)70-123 45 67.', 'phone'],
    ['a mobile number with 0046', 'Ring 0046 72 123 45 67.', 'phone'],
    ['a Stockholm number 08-123 45 67', 'Växel 08-123 45 67.', 'phone'],
    ['a Stockholm number 08 12 34 56', 'Växel 08 12 34 56.', 'phone'],
    ['a Stockholm number 08-1234567', 'Växel 08-1234567.', 'phone'],
    ['a Stockholm number with +46 8', 'Växel +46 8 123 456 78.', 'phone'],
    ['a Stockholm number in brackets', 'Växel (08) 123 45 67.', 'phone'],
    ['a Gothenburg number', 'Ring 031-123 45 67.', 'phone'],
    ['a number with a four-digit area code', 'Ring 0431-123 45.', 'phone'],
    ['a number with a spaced dash', 'Ring 0480 - 123 45.', 'phone'],
    ['a number with non-breaking spaces', 'Ring 070\u00a0123\u00a045\u00a067.', 'phone'],
    ['a number right after an ISO date', 'Mötet 2026-03-14 070-123 45 67.', 'phone'],
  ])('%s is refused', (_name, text, kind) => {
    expect(kinds(text)).toEqual([kind]);
  });

  test('every identifier in a text is found, in order, by position and length only', () => {
    const text = 'Mamma 070-123 45 67, barnet 850101-1234, mejl a@b.se';
    const findings = findIdentifyingData(text);
    expect(findings).toEqual([
      { kind: 'phone', index: 6, length: 13 },
      { kind: 'personal_identity_number', index: 28, length: 11 },
      { kind: 'email', index: 46, length: 6 },
    ]);
    // The matched text itself is never kept, so a finding can be logged safely.
    for (const f of findings) expect(Object.keys(f).sort()).toEqual(['index', 'kind', 'length']);
  });
});

// A guard against quadratic blow-ups, not a benchmark. Under mutation testing every line is
// instrumented and several times slower, so `npm run mutate` leaves this out (MUTATION_RUN).
describe.skipIf(process.env.MUTATION_RUN)('the guard stays fast on hostile input', () => {
  test.each([
    ['one long word', 'a'.repeat(100_000)],
    ['one long digit run', '0'.repeat(100_000)],
    ['many single digits', '1 '.repeat(50_000)],
    ['a long local part before @', `${'a.'.repeat(50_000)}@`],
    ['a long run of spaces', ' '.repeat(100_000)],
    ['spaces and newlines', ' \n'.repeat(50_000)],
  ])('%s is checked in well under a second', (_name, text) => {
    const t0 = performance.now();
    findIdentifyingData(text);
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});

describe('ordinary school text passes', () => {
  test.each([
    ['an ISO date', 'Mötet är 2026-03-14.'],
    ['a short date', 'Mötet är den 14/3.'],
    ['a written date', 'Mötet är den 3 mars 2026.'],
    ['a week number', 'Vi ses v. 12 eller vecka 12.'],
    ['a time with a dot', 'Vi ses kl. 13.00.'],
    ['a time with a colon', 'Vi ses 13:45.'],
    ['a time range', 'Öppet 8-10 och 08.30–10.00.'],
    ['a date followed by a time range', 'Mötet 2026-03-14 08-10 i sal 204.'],
    ['a list of time ranges', 'Tider 08-09 10-11.'],
    ['a class', 'Eleven går i åk 7B, tidigare klass 4A.'],
    ['percentages', 'Närvaron är 80 % nu, mot 30% i höstas.'],
    ['room numbers', 'Vi ses i sal 204 eller rum B312.'],
    ['amounts', 'Resan kostar 1 500 kr, bidraget är 12 000 kronor och avgiften 2 000:-.'],
    ['a large amount', 'Budgeten är 2 000 000 kr.'],
    ['a school year', 'Gäller läsåret 2025/26.'],
    ['a span of years', 'Hen gick där 2019–2021.'],
    ['a count', '3 av 25 elever saknade underlag.'],
    ['an age', 'Barnet är 10 år.'],
    ['ordinal numbers', 'Det var 3:e gången, hen kom 1:a.'],
    ['a postal code', 'Adress: Storgatan 12, 162 64 Vällingby.'],
    ['a year', 'Det hände 2024.'],
    ['a case number', 'Dnr 2021/0332 17 000 kronor.'],
    ['a municipal organisation number (month 20+)', 'Kommunen har orgnr 212000-0142.'],
    ['fourteen digits in a row', 'Referens 12345678901234.'],
    ['a non-existent date', 'Kod 851301-1234 och 850230-1234.'],
    ['the 29th of February in a year that is not a leap year', 'Kod 19000229-1234 och 20230229-1234.'],
    ['a number list with single digits', 'Grupp 0 1 2 3 4 5 6 7.'],
    ['a spaced list of single numbers', 'Platserna 0 12 34 56 78.'],
  ])('%s passes', (_name, text) => {
    expect(findIdentifyingData(text)).toEqual([]);
  });
});

describe('the message says in plain Swedish what was found and what to do', () => {
  const f = (kind: IdentifierKind): Finding => ({ kind, index: 0, length: 1 });

  test('one kind is named on its own', () => {
    expect(describeFindings([f('personal_identity_number')])).toBe(
      'Texten ser ut att innehålla ett personnummer. Skriv om utan uppgifter som kan identifiera barnet.',
    );
  });

  test('two kinds are joined with "och", each named once', () => {
    expect(describeFindings([f('phone'), f('personal_identity_number'), f('phone')])).toBe(
      'Texten ser ut att innehålla ett personnummer och ett telefonnummer. Skriv om utan uppgifter som kan identifiera barnet.',
    );
  });

  test('all kinds are listed with commas and a final "och"', () => {
    expect(describeFindings([f('email'), f('coordination_number'), f('phone'), f('personal_identity_number')])).toBe(
      'Texten ser ut att innehålla ett personnummer, ett samordningsnummer, en e-postadress och ett telefonnummer. Skriv om utan uppgifter som kan identifiera barnet.',
    );
  });

  test('no findings give no message', () => {
    expect(describeFindings([])).toBe('');
  });
});

describe('freeText() carries the guard into every contract that uses it', () => {
  const note = freeText(300, 0);

  test('clean and empty texts pass, trimmed', () => {
    expect(note.parse('  Vi ses 2026-03-14 kl. 13.00 i sal 204. ')).toBe('Vi ses 2026-03-14 kl. 13.00 i sal 204.');
    expect(note.parse('')).toBe('');
  });

  test('an identifying text is one issue that names what was found, and nothing of the text', () => {
    const issues = note.safeParse('Ring 070-123 45 67').error!.issues;
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      code: 'custom',
      message: 'Texten ser ut att innehålla ett telefonnummer. Skriv om utan uppgifter som kan identifiera barnet.',
      params: { identifying: ['phone'] },
    });
    expect(JSON.stringify(issues)).not.toContain('070');
  });

  test('a disguised identifier is caught the same way', () => {
    expect(note.safeParse('Elev ８５０１０１–１２３４').error!.issues[0]).toMatchObject({ params: { identifying: ['personal_identity_number'] } });
  });

  test('the guard is marked in the JSON schema, so a walk over the API document can find unguarded strings', () => {
    expect(z.toJSONSchema(z.object({ a: note }), { io: 'input' }).properties!.a).toMatchObject({ [FREE_TEXT]: true, maxLength: 300 });
  });
});

describe('measured on generated corpora', () => {
  const N = 2_000;

  test('the corpora are deterministic and large enough', () => {
    expect(identifyingCorpus(N, 1)).toEqual(identifyingCorpus(N, 1));
    expect(ordinaryCorpus(N, 2)).toEqual(ordinaryCorpus(N, 2));
    expect(identifyingCorpus(N, 1)).toHaveLength(N);
    expect(ordinaryCorpus(N, 2)).toHaveLength(N);
  });

  test('every sentence with an identifier is refused, and the finding covers the identifier', () => {
    const cases = identifyingCases(N, 1);
    const missed = cases.filter((c) => findIdentifyingData(c.text).length === 0).map((c) => c.text);
    expect(missed).toEqual([]);
    const uncovered = cases
      .filter((c) => !findIdentifyingData(c.text).some((f) => f.index <= c.index && f.index + f.length >= c.index + c.length))
      .map((c) => c.text);
    expect(uncovered).toEqual([]);
  });

  test('the kind is right for at least 99 % (ten digits in a row can be both a phone and a personnummer)', () => {
    const cases = identifyingCases(N, 1);
    const right = cases.filter((c) => findIdentifyingData(c.text).some((f) => f.kind === c.kind)).length;
    expect(right / N).toBeGreaterThanOrEqual(0.99);
  });

  test('at most 1 % of ordinary sentences are refused', () => {
    const refused = ordinaryCorpus(N, 2).filter((t) => findIdentifyingData(t).length > 0);
    expect(refused.length / N).toBeLessThanOrEqual(0.01);
  });
});
