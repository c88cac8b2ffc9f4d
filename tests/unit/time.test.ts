import { expect, test } from 'vitest';
import fc from 'fast-check';
import { addDays, isoWeekday, monthEnd, stockholmDate, stockholmInstant } from '../../server/lib/time.ts';

test.each([
  ['2026-02-10', '2026-02-28'],
  ['2028-02-01', '2028-02-29'],
  ['2026-12-31', '2026-12-31'],
  ['2026-11-01', '2026-11-30'],
])('the month of %s ends on %s', (date, end) => {
  expect(monthEnd(date)).toBe(end);
});

test('13:00 Stockholm wall time is 12:00 UTC in winter and 11:00 UTC in summer, on both sides of each DST change', () => {
  expect(stockholmInstant('2026-03-28', '13:00').toISOString()).toBe('2026-03-28T12:00:00.000Z');
  expect(stockholmInstant('2026-03-30', '13:00').toISOString()).toBe('2026-03-30T11:00:00.000Z');
  expect(stockholmInstant('2026-10-24', '13:00').toISOString()).toBe('2026-10-24T11:00:00.000Z');
  expect(stockholmInstant('2026-10-26', '13:00').toISOString()).toBe('2026-10-26T12:00:00.000Z');
});

test('calendar dates move by whole days across DST and year ends, and know their weekday', () => {
  expect(addDays('2026-03-28', 1)).toBe('2026-03-29');
  expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  expect(isoWeekday('2026-03-29')).toBe(7);
  expect(isoWeekday('2026-03-30')).toBe(1);
  expect(stockholmDate(new Date('2026-03-29T22:30:00Z'))).toBe('2026-03-30');
});

test('the Stockholm date of instants asked one after another, around midnights and DST changes, is always the date Stockholm shows', () => {
  const shown = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' });
  const midnight = fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => stockholmInstant(stockholmDate(d), '00:00').getTime());
  fc.assert(
    fc.property(midnight, fc.array(fc.integer({ min: -3 * 3_600_000, max: 27 * 3_600_000 }), { minLength: 1, maxLength: 10 }), (day, offsets) => {
      for (const offset of offsets) expect(stockholmDate(new Date(day + offset))).toBe(shown.format(new Date(day + offset)));
    }),
    { numRuns: 500 },
  );
  // The last Sunday of March has 23 hours and the last of October 25: the day still ends at midnight.
  expect(stockholmDate(new Date('2026-03-29T21:59:59.999Z'))).toBe('2026-03-29');
  expect(stockholmDate(new Date('2026-03-29T22:00:00Z'))).toBe('2026-03-30');
  expect(stockholmDate(new Date('2026-10-25T22:59:59.999Z'))).toBe('2026-10-25');
  expect(stockholmDate(new Date('2026-10-25T23:00:00Z'))).toBe('2026-10-26');
});

test('date arithmetic never leaves four-digit years: past them it throws instead of writing "+010000-01-01"', () => {
  expect(addDays('2100-12-31', 1)).toBe('2101-01-01');
  expect(() => addDays('2200-12-31', 1)).toThrow(RangeError);
  expect(() => addDays('9999-12-31', 1)).toThrow(RangeError);
  expect(() => addDays('2026-01-01', -200_000)).toThrow(RangeError);
});
