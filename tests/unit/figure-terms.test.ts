import { describe, expect, test } from 'vitest';
import { termByKey, termOf, termsWithin } from '../../server/contracts/figures.ts';

describe('the figures\' terms', () => {
  test('vårtermin is January to June, hösttermin July to December', () => {
    expect(termOf('2026-06-30')).toEqual({ key: 'vt2026', name: 'VT 2026', from: '2026-01-01', to: '2026-06-30' });
    expect(termOf('2026-07-01')).toEqual({ key: 'ht2026', name: 'HT 2026', from: '2026-07-01', to: '2026-12-31' });
    expect(termByKey('ht2025')).toEqual(termOf('2025-09-15'));
    expect(termByKey('vt2025x')).toBeUndefined();
    expect(termByKey('')).toBeUndefined();
  });

  test('a period is cut into the terms it touches, the first and last cut to it', () => {
    expect(termsWithin('2025-12-07', '2026-12-07').map((t) => [t.name, t.from, t.to])).toEqual([
      ['HT 2025', '2025-12-07', '2025-12-31'],
      ['VT 2026', '2026-01-01', '2026-06-30'],
      ['HT 2026', '2026-07-01', '2026-12-07'],
    ]);
    expect(termsWithin('2026-03-01', '2026-03-31')).toEqual([{ key: 'vt2026', name: 'VT 2026', from: '2026-03-01', to: '2026-03-31' }]);
  });

  test('a period of any length gives at most eleven terms: five years and a bit', () => {
    expect(termsWithin('2001-01-01', '9999-12-31')).toHaveLength(11);
  });
});
