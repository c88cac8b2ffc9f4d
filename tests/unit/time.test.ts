import { expect, test } from 'vitest';
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
