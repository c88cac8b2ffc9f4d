import { describe, expect, test } from 'vitest';
import { passwordProblem } from '../../server/lib/password-policy.ts';

const anna = { email: 'anna.berg@skola.example', name: 'Anna Berg' };

describe('the password policy (NIST SP 800-63B)', () => {
  test.each([
    ['a sentence of ordinary words', 'grön cykel under bron'],
    ['four unrelated words', 'kaffe-fönster-älg-moln'],
    ['a long mixed one', 'T8#qv!Lr2@wZ'],
    ['her name inside a long phrase', 'anna går till berget varje dag'],
  ])('%s is accepted', (_what, password) => {
    expect(passwordProblem(password, anna)).toBeNull();
  });

  test.each([
    ['a common password of 12', 'qwerty123456', 'för vanligt'],
    ['a common password in capitals', 'QWERTY123456', 'för vanligt'],
    ['one character repeated', 'aaaaaaaaaaaa', 'upprepar'],
    ['three characters over and over', 'aabbccaabbca', 'upprepar'],
    ['a word over and over', 'rött rött rött ', 'upprepar'],
    ['four characters over and over', 'abcdabcdabcd', 'upprepar'],
    ['a run of digits', '123456789012', 'för vanligt'],
    ['a run of digits backwards', '210987654321', 'för vanligt'],
    ['the alphabet', 'abcdefghijklm', 'för vanligt'],
    ['a keyboard row', 'qwertyuiopåa', 'för vanligt'],
    ['the service name and a year', 'samverkan2026!', 'liknar'],
    ['her address', 'anna.berg1234', 'liknar'],
    ['her name and digits', 'AnnaBerg2026', 'liknar'],
  ])('%s is refused', (_what, password, words) => {
    expect(passwordProblem(password, anna)).toContain(words);
  });

  test('four different characters that do not repeat a pattern will do', () => {
    expect(passwordProblem('aabbccddaabc', anna)).toBeNull();
  });

  test('the address alone counts as context, and is compared without its domain', () => {
    expect(passwordProblem('kallekula2026', { email: 'kallekula@skola.example', name: 'Karl Svensson' })).toContain('liknar');
    expect(passwordProblem('skola.example', { email: 'kallekula@skola.example', name: 'Karl Svensson' })).toBeNull();
  });

  test('what is left without the context: four letters or eight characters', () => {
    expect(passwordProblem('samverkan1234567', anna)).toContain('liknar');
    expect(passwordProblem('samverkan12345678', anna)).toBeNull();
    expect(passwordProblem('samverkan-de!x1', anna)).toContain('liknar');
  });

  test('four letters beside the context word are enough to make it her own', () => {
    expect(passwordProblem('samverkan-demo', anna)).toBeNull();
    expect(passwordProblem('samverkan-de!', anna)).toContain('liknar');
  });

  test('a name part shorter than four letters is not a context word', () => {
    expect(passwordProblem('bo ek och hans katt', { email: 'x@y.example', name: 'Bo Ek' })).toBeNull();
    expect(passwordProblem('liwuliwu1234', { email: 'x@y.example', name: 'Li Wu' })).toBeNull();
  });
});
