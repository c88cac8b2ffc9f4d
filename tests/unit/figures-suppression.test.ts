import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { count, mean, median, share } from '../../server/modules/figures/figures.models.ts';

describe('small numbers stay hidden in the figures', () => {
  test('a count under five is "<5"; five and more are shown', () => {
    expect([0, 1, 4, 5, 17].map(count)).toEqual(['<5', '<5', '<5', 5, 17]);
  });

  test('no hidden count can be worked back from a share and the counts shown beside it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 400 }), (part, rest) => {
        const whole = part + rest;
        const shown = share(part, whole);
        if (shown === '<5') return;
        // The share is shown: from it and the whole (shown or not) the part and the rest follow,
        // so both must be counts that may be shown.
        expect(part).toBeGreaterThanOrEqual(5);
        expect(rest).toBeGreaterThanOrEqual(5);
        expect(shown).toBe(Math.round((part / whole) * 100));
      }),
    );
  });

  test('a share is shown exactly when its part and its rest are both at least five', () => {
    expect(share(5, 10)).toBe(50);
    expect(share(4, 20)).toBe('<5');
    expect(share(16, 20)).toBe('<5');
    expect(share(15, 20)).toBe(75);
    fc.assert(fc.property(fc.integer({ min: 5, max: 400 }), fc.integer({ min: 5, max: 400 }), (part, rest) => share(part, part + rest) !== '<5'));
  });

  test('a mean or a median over fewer than five is "<5"', () => {
    expect(mean([2, 2, 3, 4])).toBe('<5');
    expect(mean([2, 2, 3, 4, 4])).toBe(3);
    expect(median([9, 1, 5, 3])).toBe('<5');
    expect(median([9, 1, 8, 3, 7])).toBe(7);
    expect(median([6, 3, 20, 1, 7, 2])).toBe(4.5);
  });
});
