import { expect, test } from 'vitest';
import fc from 'fast-check';
import { addDays, addMonths, daysBetween, daysSince, formatMonth, isoWeekday, monthEnd, nextYearSameDay, stockholmDate, stockholmInstant, wallClockMemo, weekOf } from '../../server/contracts/time.ts';

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

test('months, years and weeks follow the calendar: month ends, 29 February, and ISO weeks across the year end', () => {
  expect(addMonths('2026-12', 1)).toBe('2027-01');
  expect(addMonths('2026-01', -1)).toBe('2025-12');
  expect(nextYearSameDay('2028-02-29')).toBe('2029-02-28');
  expect(nextYearSameDay('2026-06-12')).toBe('2027-06-12');
  expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
  expect(daysBetween('2026-12-31', '2026-01-01')).toBe(-364);
  // 2026 has 53 ISO weeks; 1 January 2027 is a Friday in that 53rd week.
  expect(weekOf('2026-12-31')).toEqual({ monday: '2026-12-28', week: 53 });
  expect(weekOf('2027-01-01')).toEqual({ monday: '2026-12-28', week: 53 });
  expect(weekOf('2027-01-04')).toEqual({ monday: '2027-01-04', week: 1 });
  expect(formatMonth('2026-12')).toBe('december 2026');
});

test('days since an instant count Stockholm calendar days, not 24-hour stretches', () => {
  // 23.30 Stockholm on one day to 00.30 the next is one day, though only an hour has passed.
  expect(daysSince('2026-12-06T22:30:00Z', new Date('2026-12-06T23:30:00Z'))).toBe(1);
  expect(daysSince('2026-12-06T08:00:00Z', new Date('2026-12-06T20:00:00Z'))).toBe(0);
});

test('the wall-clock memo stays within its bound however many times are asked', () => {
  for (let i = 0; i < 12_000; i++) stockholmInstant(addDays('2030-01-01', i % 4000), `${String(i % 24).padStart(2, '0')}:00`);
  expect(wallClockMemo.size).toBeLessThanOrEqual(wallClockMemo.max);
  expect(wallClockMemo.max).toBe(10_000);
  // And what it keeps is still right.
  expect(stockholmInstant('2026-10-25', '13:00').toISOString()).toBe('2026-10-25T12:00:00.000Z');
});
