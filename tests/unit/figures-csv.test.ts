import { expect, test } from 'vitest';
import { figuresCsv } from '../../server/modules/figures/figures.csv.ts';

test('a cell that Excel would run as a formula is written as text, and ; or " are quoted', () => {
  const csv = figuresCsv({
    from: '2026-01-01',
    to: '2026-06-30',
    scope: 'team',
    metrics: [
      { key: 'x', label: '=HYPERLINK("http://evil.example")', value: 3.5, unit: 'days' },
      { key: 'y', label: '@SUM(A1)', value: '<5', unit: 'count' },
      { key: 'z', label: 'Möten; alla', value: 12, unit: 'count', reference: { pilot: 2, ordinary: 4.3 } },
    ],
  });
  const lines = csv.split('\r\n');
  expect(lines[1]).toBe(`"'=HYPERLINK(""http://evil.example"")";3,5;dagar;;;2026-01-01;2026-06-30`);
  expect(lines[2]).toBe(`'@SUM(A1);<5;antal;;;2026-01-01;2026-06-30`);
  expect(lines[3]).toBe(`"Möten; alla";12;antal;2;4,3;2026-01-01;2026-06-30`);
});

test('a cell starting with + or - is text too: only a staff list\'s phone column may start with +', async () => {
  const { looksLikeFormula } = await import('../../server/lib/csv-table.ts');
  expect(looksLikeFormula('+46 70 123 45 67')).toBe(true);
  expect(looksLikeFormula('+46 70 123 45 67', true)).toBe(false);
  expect(looksLikeFormula('-1+1', true)).toBe(true);
  expect(looksLikeFormula('  =1')).toBe(true);
  expect(looksLikeFormula('Vällingby')).toBe(false);
});
