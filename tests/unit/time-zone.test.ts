import { afterAll, describe, expect, test } from 'vitest';
import { termOf, termsWithin } from '../../server/contracts/figures.ts';
import { addDays, calendarMemo, daySpan, formatDate, moment, stockholmDate, stockholmInstant, wallClockMemo, weekOf, weekToShow } from '../../server/contracts/time.ts';
import { holidaysByYear, nextOpening, officeWindow } from '../../server/lib/calendar.ts';
import { contactStatus, resolveReach, type ContactForReach, type TeamFacts } from '../../server/modules/contacts/reach.models.ts';
import { planSeries } from '../../server/modules/slots/slots.models.ts';

// The service's rules are Stockholm time whatever zone the machine runs in: a server in UTC (a
// container's default) or in New York must give every Stockholm answer the same. Node takes a new
// TZ at once, so one process computes the answers under each zone, with every memo emptied between.
const ORIGINAL = process.env.TZ;
afterAll(() => {
  if (ORIGINAL === undefined) delete process.env.TZ;
  else process.env.TZ = ORIGINAL;
});

const hours = { opens: '08:00', closes: '16:30' };
const team = (): TeamFacts => ({ hours, closedDays: new Map(), dutyPhone: '08-100 00 00', afterHoursName: 'Socialjouren', afterHoursPhone: '08-200 00 00', dutyHolder: null });
const anna: ContactForReach = { userId: 'anna', name: 'Anna Berg', phone: '070-174 06 10', absences: [], dutyDays: new Set(), busy: [], placeLabel: 'Kontaktperson.', place: null };

// Instants around the edges: the spring and autumn clock changes, midnight, new year, midsummer eve.
const INSTANTS = [
  '2026-03-28T23:30:00Z',
  '2026-03-29T00:59:59Z',
  '2026-03-29T01:00:00Z',
  '2026-10-25T00:30:00Z',
  '2026-10-25T01:30:00Z',
  '2026-12-31T22:59:59Z',
  '2026-12-31T23:00:00Z',
  '2027-06-25T07:59:00Z',
  '2027-06-25T10:30:00Z',
  '2026-12-07T07:00:00Z',
  '2026-12-07T15:29:00Z',
  '2026-12-07T15:30:00Z',
];

function answers() {
  calendarMemo.clear();
  wallClockMemo.clear();
  holidaysByYear.clear();
  return INSTANTS.map((iso) => {
    const at = new Date(iso);
    const today = stockholmDate(at);
    return {
      iso,
      today,
      week: weekOf(today),
      shown: weekToShow(undefined, at),
      span: daySpan(today, addDays(today, 1)),
      said: [formatDate(today), moment(iso, at), moment(iso, at, 'en')],
      window: officeWindow(today, hours, new Map()),
      opens: nextOpening(at, hours, new Map()),
      reach: resolveReach([anna], team(), at).map((r) => [r.kind, r.reason, r.until ?? null]),
      status: contactStatus(anna, team(), at),
      term: termOf(today),
      terms: termsWithin(addDays(today, -200), today).map((t) => t.key),
      series: planSeries(
        { weekday: 1, startTime: '13:00', durationMinutes: 45, intervalWeeks: 1, from: today, until: addDays(today, 35) },
        { now: at, closedDays: new Map(), terms: [], breaks: [], absences: [], dutyDays: [], busy: [] },
      ),
    };
  });
}

describe('Stockholm answers do not depend on the machine\'s time zone', () => {
  process.env.TZ = 'Europe/Stockholm';
  const stockholm = answers();

  test('the answers are the right ones', () => {
    // Late on Saturday 28 March in UTC is already Sunday the 29th in Stockholm, the day summer time starts.
    expect(stockholm[0]!.today).toBe('2026-03-29');
    expect(stockholmInstant('2026-03-29', '08:00').toISOString()).toBe('2026-03-29T06:00:00.000Z');
    // New year's eve 23:59:59 in Stockholm; a second later it is 2027.
    expect(stockholm[5]!.today).toBe('2026-12-31');
    expect(stockholm[6]!.today).toBe('2027-01-01');
    // Midsummer eve is closed: at 09:59 Stockholm the ladder is the after-hours service.
    expect(stockholm[7]!.reach.map((r) => r[0])).toEqual(['after_hours', 'emergency']);
    // A Monday in December: the office opens at 08:00 and closes at 16:30 Stockholm time.
    expect(stockholm[9]!.reach.map((r) => r[0])).toEqual(['contact', 'duty_phone', 'emergency']);
    expect(stockholm[11]!.reach.map((r) => r[0])).toEqual(['after_hours', 'emergency']);
    expect(stockholm[9]!.series.slots[0]!.startsAt.toISOString()).toBe('2026-12-07T12:00:00.000Z');
  });

  test.each(['UTC', 'America/New_York', 'Asia/Tokyo', 'Australia/Lord_Howe'])('the same under TZ=%s', (zone) => {
    process.env.TZ = zone;
    expect(new Date('2026-12-07T12:00:00Z').getTimezoneOffset()).not.toBe(-60);
    expect(answers()).toEqual(stockholm);
  });
});
