import { describe, expect, test } from 'vitest';
import { weekToShow } from '../../server/contracts/time.ts';

const at = (iso: string) => new Date(iso);

describe('the week a week page opens on', () => {
  test.each([
    ['Monday morning', '2026-12-07T07:00:00+01:00', '2026-12-07', 50, false],
    ['Friday afternoon', '2026-12-11T16:30:00+01:00', '2026-12-07', 50, false],
    ['Saturday just after midnight', '2026-12-12T00:05:00+01:00', '2026-12-14', 51, true],
    ['Sunday evening', '2026-12-13T23:55:00+01:00', '2026-12-14', 51, true],
    // 23:30 UTC on Friday is already Saturday in Stockholm.
    ['Friday night in UTC, Saturday in Stockholm', '2026-12-11T23:30:00Z', '2026-12-14', 51, true],
    ['the Saturday after New Year', '2027-01-02T10:00:00+01:00', '2027-01-04', 1, true],
    ['New Year’s Eve, a Thursday', '2026-12-31T16:00:00+01:00', '2026-12-28', 53, false],
    ['the Sunday summer time begins', '2027-03-28T12:00:00+02:00', '2027-03-29', 13, true],
  ])('%s', (_name, now, monday, week, ahead) => {
    expect(weekToShow(undefined, at(now))).toEqual({ monday, week, ahead });
  });

  test('a date asked for shows its own week, also at the weekend', () => {
    expect(weekToShow('2026-12-13', at('2026-12-12T10:00:00+01:00'))).toEqual({ monday: '2026-12-07', week: 50, ahead: false });
  });
});
