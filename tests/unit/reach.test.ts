import fc from 'fast-check';
import { stockholmDate } from '../../server/contracts/time.ts';
import { describe, expect, test } from 'vitest';
import { contactStatus, contactStatuses, resolveReach, teamDayMemo, type ContactForReach, type TeamFacts } from '../../server/modules/contacts/reach.models.ts';

const hours = { opens: '08:00', closes: '16:30' };
const team = (over: Partial<TeamFacts> = {}): TeamFacts => ({
  hours,
  closedDays: new Map(),
  dutyPhone: '08-100 00 00',
  afterHoursName: 'Socialjouren',
  afterHoursPhone: '08-200 00 00',
  dutyHolder: null,
  ...over,
});
const contact = (over: Partial<ContactForReach> = {}): ContactForReach => ({
  userId: 'anna',
  name: 'Anna Berg',
  phone: '070-174 06 10',
  absences: [],
  dutyDays: new Set(),
  busy: [],
  placeLabel: 'Kontaktperson för F–3.',
  place: 'F–3',
  ...over,
});
const kinds = (routes: { kind: string }[]) => routes.map((r) => r.kind);

describe('reach someone now', () => {
  test('a weekday morning: the available contact, then the duty phone with today’s holder, then 112', () => {
    const holder = contact({ userId: 'johan', name: 'Johan Lind', dutyDays: new Set(['2026-03-03']) });
    const routes = resolveReach([contact()], team({ dutyHolder: holder }), new Date('2026-03-03T09:00:00+01:00'));
    expect(kinds(routes)).toEqual(['contact', 'duty_phone', 'emergency']);
    expect(routes[0]).toMatchObject({ name: 'Anna Berg', phone: '070-174 06 10', place: 'F–3' });
    expect(routes[1]).toMatchObject({ name: 'Johan Lind', phone: '08-100 00 00', unstaffed: false, until: new Date('2026-03-03T16:30:00+01:00').toISOString() });
    expect(routes[1]!.reason).toBe('Jourtelefonen svarar i dag till kl. 16.30. Johan Lind har den i dag.');
    expect(routes[2]).toMatchObject({ phone: '112', reason: 'Ring 112 om någon är i akut fara.' });
  });

  test('a weekday evening: socialjouren with its number and when the office opens, then 112', () => {
    const routes = resolveReach([contact()], team(), new Date('2026-03-03T19:00:00+01:00'));
    expect(kinds(routes)).toEqual(['after_hours', 'emergency']);
    expect(routes[0]).toMatchObject({ name: 'Socialjouren', phone: '08-200 00 00', until: new Date('2026-03-04T08:00:00+01:00').toISOString() });
    expect(routes[0]!.reason).toContain('öppnar i morgon kl. 08.00');
  });

  test('on the evening of the spring DST change (a 23-hour day) the office still opens "i morgon"', () => {
    const routes = resolveReach([contact()], team(), new Date('2026-03-29T23:30:00+02:00'));
    expect(routes[0]!.reason).toContain('öppnar i morgon kl. 08.00');
  });

  test('a Saturday: socialjouren, and the office opens on Monday', () => {
    const routes = resolveReach([contact()], team(), new Date('2026-03-07T11:00:00+01:00'));
    expect(kinds(routes)).toEqual(['after_hours', 'emergency']);
    expect(routes[0]!.reason).toContain('måndag 9 mars kl. 08.00');
  });

  test.each([
    ['julafton', '2026-12-24T10:00:00+01:00'],
    ['midsommarafton', '2026-06-19T10:00:00+02:00'],
    ['nyårsafton', '2026-12-31T10:00:00+01:00'],
    ['långfredagen', '2027-03-26T10:00:00+01:00'],
  ])('%s at ten in the morning is outside office hours', (_name, at) => {
    expect(kinds(resolveReach([contact()], team(), new Date(at)))).toEqual(['after_hours', 'emergency']);
  });

  test('valborgsmässoafton closes at noon', () => {
    expect(kinds(resolveReach([contact()], team(), new Date('2026-04-30T11:30:00+02:00')))).toContain('duty_phone');
    expect(kinds(resolveReach([contact()], team(), new Date('2026-04-30T12:30:00+02:00')))).toEqual(['after_hours', 'emergency']);
  });

  test('an extra closed day added by the administrator is outside office hours', () => {
    const routes = resolveReach([contact()], team({ closedDays: new Map([['2026-03-04', 'Planeringsdag']]) }), new Date('2026-03-04T10:00:00+01:00'));
    expect(kinds(routes)).toEqual(['after_hours', 'emergency']);
  });

  test.each([
    // the last Sunday of March 2026 is 29 March: Monday 08:00 is 06:00 UTC, no longer 07:00
    ['Monday after the spring change, 07:30 local', '2026-03-30T05:30:00Z', false],
    ['Monday after the spring change, 08:30 local', '2026-03-30T06:30:00Z', true],
    ['Friday before it, 16:45 local', '2026-03-27T15:45:00Z', false],
    ['Friday before it, 08:30 local', '2026-03-27T07:30:00Z', true],
    // the last Sunday of October 2026 is 25 October
    ['Monday after the autumn change, 16:15 local', '2026-10-26T15:15:00Z', true],
    ['Monday after the autumn change, 16:45 local', '2026-10-26T15:45:00Z', false],
    ['Friday before it, 07:45 local', '2026-10-23T05:45:00Z', false],
    ['Friday before it, 16:15 local', '2026-10-23T14:15:00Z', true],
  ])('daylight saving does not shift office hours: %s', (_name, at, open) => {
    expect(kinds(resolveReach([], team(), new Date(at))).includes('duty_phone')).toBe(open);
  });

  test('a contact who is away is not offered, and their status says when they are back', () => {
    const away = contact({ absences: [{ startsOn: '2026-02-26', endsOn: '2026-02-27' }] });
    const at = new Date('2026-02-27T10:00:00+01:00');
    expect(kinds(resolveReach([away], team(), at))).toEqual(['duty_phone', 'emergency']);
    expect(contactStatus(away, team(), at)).toEqual({ kind: 'away', until: '2026-03-02', label: 'Borta till måndag 2 mars' });
  });

  test('absences back to back over a weekend: back on the first working day after the last one', () => {
    const away = contact({ absences: [{ startsOn: '2026-02-26', endsOn: '2026-02-27' }, { startsOn: '2026-03-02', endsOn: '2026-03-03' }] });
    expect(contactStatus(away, team(), new Date('2026-02-27T10:00:00+01:00'))).toMatchObject({ until: '2026-03-04', label: 'Borta till onsdag 4 mars' });
    // A gap of one working day between them is a day back.
    const gap = contact({ absences: [{ startsOn: '2026-02-26', endsOn: '2026-02-27' }, { startsOn: '2026-03-03', endsOn: '2026-03-03' }] });
    expect(contactStatus(gap, team(), new Date('2026-02-27T10:00:00+01:00'))).toMatchObject({ until: '2026-03-02' });
  });

  test('after closing time the duty holder no longer "has the duty phone": the after-hours status shows', () => {
    const onDuty = contact({ dutyDays: new Set(['2026-03-03']) });
    const evening = contactStatus(onDuty, team(), new Date('2026-03-03T18:00:00+01:00'));
    expect(evening.kind).not.toBe('on_duty');
    expect(evening).toEqual(contactStatus(contact(), team(), new Date('2026-03-03T18:00:00+01:00')));
  });

  test('busy from the first minute of a walk-and-talk to just before its end; free at its end', () => {
    const busy = contact({ busy: [{ from: new Date('2026-03-03T13:45:00+01:00'), until: new Date('2026-03-03T14:30:00+01:00'), label: 'I walk-and-talk' }] });
    expect(contactStatus(busy, team(), new Date('2026-03-03T13:44:59+01:00'))).toEqual({ kind: 'available', until: null, label: 'Ledig' });
    expect(contactStatus(busy, team(), new Date('2026-03-03T13:45:00+01:00'))).toEqual({ kind: 'busy', until: '2026-03-03T13:30:00.000Z', label: 'I walk-and-talk till 14.30' });
    expect(contactStatus(busy, team(), new Date('2026-03-03T14:30:00+01:00'))).toEqual({ kind: 'available', until: null, label: 'Ledig' });
  });

  test('the office is open from the minute it opens until the minute it closes', () => {
    const at = (time: string) => kinds(resolveReach([], team(), new Date(`2026-03-03T${time}:00+01:00`)));
    expect(at('07:59')).toEqual(['after_hours', 'emergency']);
    expect(at('08:00')).toEqual(['duty_phone', 'emergency']);
    expect(at('16:29')).toEqual(['duty_phone', 'emergency']);
    expect(at('16:30')).toEqual(['after_hours', 'emergency']);
  });

  test('an available contact is offered with why: their place and that they are free now', () => {
    const [route] = resolveReach([contact()], team(), new Date('2026-03-03T10:00:00+01:00'));
    expect(route).toEqual({ kind: 'contact', name: 'Anna Berg', phone: '070-174 06 10', reason: 'Kontaktperson för F–3. Ledig just nu.', place: 'F–3' });
  });

  test('a team without a duty phone points to the after-hours service in office hours too; without that, 112 alone', () => {
    const day = new Date('2026-03-03T10:00:00+01:00');
    expect(resolveReach([], team({ dutyPhone: null }), day)).toEqual([
      { kind: 'after_hours', name: 'Socialjouren', phone: '08-200 00 00', reason: 'Socialjouren tar emot akuta ärenden.', until: null },
      expect.objectContaining({ kind: 'emergency', phone: '112' }),
    ]);
    expect(kinds(resolveReach([], team({ dutyPhone: null, afterHoursPhone: null }), day))).toEqual(['emergency']);
    expect(kinds(resolveReach([], team({ afterHoursPhone: null }), new Date('2026-03-03T19:00:00+01:00')))).toEqual(['emergency']);
  });

  test('many statuses at once are each what one status would be', () => {
    const people = [contact(), contact({ userId: 'bo', absences: [{ startsOn: '2026-03-03', endsOn: '2026-03-03' }] }), contact({ userId: 'cia', dutyDays: new Set(['2026-03-03']) })];
    const when = new Date('2026-03-03T10:00:00+01:00');
    expect(contactStatuses(people, team(), when)).toEqual(people.map((p) => contactStatus(p, team(), when)));
    expect(contactStatuses(people, team(), when).map((s) => s.kind)).toEqual(['available', 'away', 'on_duty']);
  });

  test('a contact in a walk-and-talk is busy until it ends and is not offered', () => {
    const busy = contact({ busy: [{ from: new Date('2026-03-03T13:45:00+01:00'), until: new Date('2026-03-03T14:30:00+01:00'), label: 'I walk-and-talk' }] });
    const at = new Date('2026-03-03T14:00:00+01:00');
    expect(contactStatus(busy, team(), at).label).toBe('I walk-and-talk till 14.30');
    expect(kinds(resolveReach([busy], team(), at))).toEqual(['duty_phone', 'emergency']);
  });

  test('the contact who holds the duty phone today says so', () => {
    const onDuty = contact({ dutyDays: new Set(['2026-03-03']) });
    expect(contactStatus(onDuty, team(), new Date('2026-03-03T10:00:00+01:00'))).toMatchObject({ kind: 'on_duty', label: 'Har jourtelefonen i dag' });
  });

  test('when the duty holder is absent the duty phone is still offered, flagged as unstaffed', () => {
    const holder = contact({ name: 'Johan Lind', absences: [{ startsOn: '2026-03-03', endsOn: '2026-03-03' }] });
    const routes = resolveReach([], team({ dutyHolder: holder }), new Date('2026-03-03T10:00:00+01:00'));
    expect(routes[0]).toMatchObject({ kind: 'duty_phone', name: null, unstaffed: true });
    // It does not promise an answer nobody will give (socialjouren works after hours only).
    expect(routes[0]!.reason).toBe('Ingen har jourtelefonen i dag, så det är inte säkert att någon svarar.');
    expect(routes.map((r) => r.kind)).toEqual(['duty_phone', 'emergency']);
  });

  test('outside office hours a contact’s status says when they can be reached', () => {
    expect(contactStatus(contact(), team(), new Date('2026-03-06T17:00:00+01:00')).label).toBe('Utanför kontorstid, nås måndag 9 mars kl. 08.00');
    expect(contactStatus(contact(), team(), new Date('2026-03-03T07:00:00+01:00')).label).toBe('Utanför kontorstid, nås i dag kl. 08.00');
  });
});

// An independent list of the days the office is closed: Easter by the anonymous Gregorian
// algorithm, the rest by their rules, not from date-holidays.
function easter(y: number): Date {
  const a = y % 19, b = Math.floor(y / 100), c = y % 100, d = Math.floor(b / 4), e = b % 4;
  const f = Math.floor((b + 8) / 25), g = Math.floor((b - f + 1) / 3), h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4), k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7, m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31), day = ((h + l - 7 * m + 114) % 31) + 1;
  return new Date(Date.UTC(y, month - 1, day));
}
const iso = (d: Date) => d.toISOString().slice(0, 10);
const plus = (d: Date, n: number) => new Date(d.getTime() + n * 86400000);
function firstWeekdayFrom(y: number, m: number, d: number, weekday: number) {
  let date = new Date(Date.UTC(y, m - 1, d));
  while (date.getUTCDay() !== weekday) date = plus(date, 1);
  return date;
}
function closedDaysOf(y: number): string[] {
  const e = easter(y);
  return [
    `${y}-01-01`, `${y}-01-06`, iso(plus(e, -2)), iso(e), iso(plus(e, 1)), `${y}-05-01`, iso(plus(e, 39)), iso(plus(e, 49)),
    `${y}-06-06`, iso(firstWeekdayFrom(y, 6, 19, 5)), iso(firstWeekdayFrom(y, 6, 20, 6)), iso(firstWeekdayFrom(y, 10, 31, 6)),
    `${y}-12-24`, `${y}-12-25`, `${y}-12-26`, `${y}-12-31`,
  ];
}

describe('every Swedish holiday of 2026–2030', () => {
  const days = [2026, 2027, 2028, 2029, 2030].flatMap(closedDaysOf);
  test.each(days)('%s in the morning is outside office hours', (day) => {
    const local = new Date(`${day}T09:00:00Z`); // 10:00 or 11:00 in Stockholm, inside normal hours
    expect(kinds(resolveReach([contact()], team(), local))).toEqual(['after_hours', 'emergency']);
  });

  test('and an ordinary weekday next to them is open (the list is not simply "always closed")', () => {
    expect(kinds(resolveReach([contact()], team(), new Date('2027-03-30T09:00:00Z')))).toContain('duty_phone');
  });
});

describe('property: for any instant and any facts', () => {
  test('the list is never empty, ends with 112 and holds 112 only once', () => {
    const instant = fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2030-12-31T23:59:59Z'), noInvalidDate: true });
    const facts = fc.record({
      withPhone: fc.boolean(),
      away: fc.boolean(),
      dutyPhone: fc.option(fc.constant('08-1'), { nil: null }),
      afterHours: fc.option(fc.constant('08-2'), { nil: null }),
      contacts: fc.integer({ min: 0, max: 3 }),
    });
    fc.assert(
      fc.property(instant, facts, (at, f) => {
        const day = at.toISOString().slice(0, 10);
        const cs = Array.from({ length: f.contacts }, (_, i) =>
          contact({ userId: `c${i}`, phone: f.withPhone ? '070' : null, absences: f.away ? [{ startsOn: day, endsOn: day }] : [] }),
        );
        const routes = resolveReach(cs, team({ dutyPhone: f.dutyPhone, afterHoursPhone: f.afterHours }), at);
        expect(routes.length).toBeGreaterThan(0);
        expect(routes.at(-1)!.kind).toBe('emergency');
        expect(routes.filter((r) => r.kind === 'emergency')).toHaveLength(1);
      }),
      { numRuns: 500 },
    );
  });
});

describe('property: facts kept across a day', () => {
  // The contacts service keeps one set of facts per organisation and day, and the status
  // function remembers what a date alone decides. Asked at any instants, in any order, kept
  // facts must answer exactly as freshly built facts do.
  test('answer as freshly built facts at every instant, before opening, in office hours and after closing', () => {
    const moment = fc.record({
      day: fc.integer({ min: 0, max: 365 * 3 }),
      minutes: fc.array(fc.integer({ min: 0, max: 2 * 24 * 60 - 1 }), { minLength: 1, maxLength: 8 }),
      awayDays: fc.integer({ min: 0, max: 4 }),
      busyFrom: fc.integer({ min: 6 * 60, max: 18 * 60 }),
      closedTomorrow: fc.boolean(),
    });
    fc.assert(
      fc.property(moment, ({ day, minutes, awayDays, busyFrom, closedTomorrow }) => {
        const start = Date.parse('2026-01-01T00:00:00+01:00') + day * 86_400_000;
        const date = (offset: number) => stockholmDate(new Date(start + offset * 86_400_000 + 12 * 3_600_000));
        const facts = () => {
          const away = contact({ userId: 'away', absences: awayDays ? [{ startsOn: date(0), endsOn: date(awayDays - 1) }] : [] });
          const busy = contact({ userId: 'busy', busy: [{ from: new Date(start + busyFrom * 60_000), until: new Date(start + (busyFrom + 45) * 60_000), label: 'I walk-and-talk' }] });
          const holder = contact({ userId: 'holder', dutyDays: new Set([date(0), date(1)]) });
          return { people: [away, busy, holder], team: team({ dutyHolder: holder, closedDays: new Map(closedTomorrow ? [[date(1), 'Studiedag']] : []) }) };
        };
        const kept = facts();
        // The same person under another team's closed days must not be told the first team's words.
        const other = team({ closedDays: new Map([[date(awayDays), 'Kompetensdag']]) });
        contactStatus(kept.people[0]!, other, new Date(start + minutes[0]! * 60_000));
        for (const m of minutes) {
          const at = new Date(start + m * 60_000);
          const fresh = facts();
          expect(contactStatuses(kept.people, kept.team, at)).toEqual(contactStatuses(fresh.people, fresh.team, at));
          expect(resolveReach(kept.people, kept.team, at)).toEqual(resolveReach(fresh.people, fresh.team, at));
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('the team-day memo', () => {
  test('keeps at most a week of days, and answers the same with or without it', () => {
    const memo = teamDayMemo();
    const facts = { ...team(), memo };
    for (let d = 1; d <= 20; d++) {
      const at = new Date(`2026-03-${String(d).padStart(2, '0')}T10:00:00+01:00`);
      expect(resolveReach([contact()], facts, at)).toEqual(resolveReach([contact()], team(), at));
    }
    expect(memo.size).toBeLessThanOrEqual(7);
    expect(memo.size).toBeGreaterThan(0);
  });
});
