import { describe, expect, test } from 'vitest';
import { clashesOf, daysOf, workerCountProblem, type ScheduleFacts } from '../../server/modules/meetings/meetings.models.ts';

const at = (iso: string) => new Date(iso);
const none: ScheduleFacts = { commitments: [], absences: [], dutyDays: [] };
// Tuesday 10 March 2026, 10:00–11:00 in Stockholm.
const start = at('2026-03-10T10:00:00+01:00');
const end = at('2026-03-10T11:00:00+01:00');

describe('how many social workers a meeting takes', () => {
  test.each([
    ['report_meeting', 1, 'Ett anmälningsmöte har två socialsekreterare. Bara enhetschefen kan boka en, med ett skäl.'],
    ['report_meeting', 2, null],
    ['report_meeting', 3, 'Ett anmälningsmöte har två socialsekreterare.'],
    ['follow_up', 0, 'Välj en till tre socialsekreterare.'],
    ['follow_up', 1, null],
    ['follow_up', 3, null],
    ['follow_up', 4, 'Välj en till tre socialsekreterare.'],
  ] as const)('%s with %i → %s', (type, count, problem) => {
    expect(workerCountProblem(type, count)).toBe(problem);
  });

  test('the team lead books an anmälningsmöte with one social worker only with a reason', () => {
    expect(workerCountProblem('report_meeting', 1, { isLead: true, reason: false })).toBe('Ett anmälningsmöte har två socialsekreterare. Skriv skälet om bara en kan komma.');
    expect(workerCountProblem('report_meeting', 1, { isLead: true, reason: true })).toBeNull();
    expect(workerCountProblem('report_meeting', 1, { isLead: false, reason: true })).toMatch(/Bara enhetschefen/);
    expect(workerCountProblem('report_meeting', 3, { isLead: true, reason: true })).toBe('Ett anmälningsmöte har två socialsekreterare.');
  });
});

describe('the Stockholm days a period touches', () => {
  test('an hour in the morning is one day; a period ending at midnight does not touch the next', () => {
    expect(daysOf(start, end)).toEqual(['2026-03-10']);
    expect(daysOf(at('2026-03-10T22:00:00+01:00'), at('2026-03-11T00:00:00+01:00'))).toEqual(['2026-03-10']);
    expect(daysOf(at('2026-03-10T23:00:00+01:00'), at('2026-03-11T01:00:00+01:00'))).toEqual(['2026-03-10', '2026-03-11']);
  });
});

describe('why a person cannot sit in a meeting', () => {
  const commitment = (over: Partial<ScheduleFacts['commitments'][number]> = {}) => ({
    userId: 'anna',
    name: 'Anna Berg',
    kind: 'meeting' as const,
    startsAt: at('2026-03-10T09:30:00+01:00'),
    endsAt: at('2026-03-10T10:30:00+01:00'),
    ...over,
  });

  test('nothing in the way: no clash', () => {
    expect(clashesOf(['anna'], start, end, none)).toEqual([]);
  });

  test('an overlapping meeting names the time, never what it is about', () => {
    expect(clashesOf(['anna'], start, end, { ...none, commitments: [commitment()] })).toEqual([
      { userId: 'anna', name: 'Anna Berg', reason: 'Möte 09.30–10.30', sentence: 'Anna Berg har ett möte tisdag 10 mars kl. 09.30–10.30.' },
    ]);
  });

  test('a walk-and-talk is named as one', () => {
    const [clash] = clashesOf(['anna'], start, end, { ...none, commitments: [commitment({ kind: 'walk_and_talk', startsAt: at('2026-03-10T10:30:00+01:00'), endsAt: at('2026-03-10T11:30:00+01:00') })] });
    expect(clash).toMatchObject({ reason: 'Walk-and-talk 10.30–11.30', sentence: 'Anna Berg har en walk-and-talk tisdag 10 mars kl. 10.30–11.30.' });
  });

  test('back to back is no clash: one ending as the other starts, on either side', () => {
    const before = commitment({ startsAt: at('2026-03-10T09:00:00+01:00'), endsAt: start });
    const after = commitment({ startsAt: end, endsAt: at('2026-03-10T12:00:00+01:00') });
    expect(clashesOf(['anna'], start, end, { ...none, commitments: [before, after] })).toEqual([]);
  });

  test('someone else’s commitment is not hers', () => {
    expect(clashesOf(['anna'], start, end, { ...none, commitments: [commitment({ userId: 'bo', name: 'Bo Ek' })] })).toEqual([]);
  });

  test('an absence covering the day, from its first to its last day', () => {
    for (const [startsOn, endsOn] of [['2026-03-10', '2026-03-10'], ['2026-03-09', '2026-03-10'], ['2026-03-10', '2026-03-12']]) {
      expect(clashesOf(['anna'], start, end, { ...none, absences: [{ userId: 'anna', name: 'Anna Berg', startsOn: startsOn!, endsOn: endsOn! }] })).toEqual([
        { userId: 'anna', name: 'Anna Berg', reason: 'Frånvarande', sentence: 'Anna Berg är frånvarande tisdag 10 mars.' },
      ]);
    }
    expect(clashesOf(['anna'], start, end, { ...none, absences: [{ userId: 'anna', name: 'Anna Berg', startsOn: '2026-03-11', endsOn: '2026-03-12' }] })).toEqual([]);
    expect(clashesOf(['anna'], start, end, { ...none, absences: [{ userId: 'bo', name: 'Bo Ek', startsOn: '2026-03-10', endsOn: '2026-03-10' }] })).toEqual([]);
  });

  test('the duty phone that day, but not the day before', () => {
    expect(clashesOf(['anna'], start, end, { ...none, dutyDays: [{ userId: 'anna', name: 'Anna Berg', day: '2026-03-10' }] })).toEqual([
      { userId: 'anna', name: 'Anna Berg', reason: 'Har jourtelefonen', sentence: 'Anna Berg har jourtelefonen tisdag 10 mars.' },
    ]);
    expect(clashesOf(['anna'], start, end, { ...none, dutyDays: [{ userId: 'anna', name: 'Anna Berg', day: '2026-03-09' }, { userId: 'bo', name: 'Bo Ek', day: '2026-03-10' }] })).toEqual([]);
  });

  test('one reason per person, the first that applies: a meeting before an absence before the duty phone; everyone is checked', () => {
    const facts: ScheduleFacts = {
      commitments: [commitment()],
      absences: [{ userId: 'anna', name: 'Anna Berg', startsOn: '2026-03-10', endsOn: '2026-03-10' }, { userId: 'bo', name: 'Bo Ek', startsOn: '2026-03-10', endsOn: '2026-03-10' }],
      dutyDays: [{ userId: 'anna', name: 'Anna Berg', day: '2026-03-10' }, { userId: 'bo', name: 'Bo Ek', day: '2026-03-10' }, { userId: 'cia', name: 'Cia Ö', day: '2026-03-10' }],
    };
    expect(clashesOf(['anna', 'bo', 'cia'], start, end, facts).map((c) => [c.userId, c.reason])).toEqual([
      ['anna', 'Möte 09.30–10.30'],
      ['bo', 'Frånvarande'],
      ['cia', 'Har jourtelefonen'],
    ]);
  });
});
