import { describe, expect, test } from 'vitest';
import { looksLikeFullName, pseudonym } from '../../web/src/lib/labels.ts';

describe('made-up labels', () => {
  test('a tree or bird the person has not used, in the form "Ärende Lönnen"', () => {
    expect(pseudonym([], () => 0)).toBe('Ärende Lönnen');
    // Taken labels are skipped whatever their case or spaces.
    expect(pseudonym([' ärende lönnen '], () => 0)).toBe('Ärende Eken');
  });

  test('when every name is taken, the first free number is added', () => {
    const all = Array.from({ length: 200 }, (_, i) => pseudonym([], () => i % 46));
    const every = [...new Set(all)];
    expect(every.length).toBeGreaterThan(40);
    expect(pseudonym(every, () => 0)).toBe('Ärende Lönnen 2');
    expect(pseudonym([...every, 'Ärende Lönnen 2'], () => 0)).toBe('Ärende Lönnen 3');
  });
});

describe('a label that looks like a first name and a surname', () => {
  test.each(['Elsa Andersson', 'elsa andersson', 'Noah B.', 'Familjen till Liam Berg', 'E\u200Blsa Berg', 'Elsa\u200B Berg', 'Ｅｌｓａ Berg'])('warns: %s', (text) => {
    expect(looksLikeFullName(text)).toBe(true);
  });

  test.each(['Ärende Lönnen', 'Familjen Ek', 'Elev B, åk 4', 'Elsa', 'Elsa och bror', 'Alma i 3B', ''])('does not warn: %s', (text) => {
    expect(looksLikeFullName(text)).toBe(false);
  });
});
