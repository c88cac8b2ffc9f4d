import Holidays from 'date-holidays';
import { LRUCache } from 'lru-cache';
import { addDays, isoWeekday, stockholmDate, stockholmInstant } from '../contracts/time.ts';

// Swedish holidays from a maintained source. `public` are the red days and `bank` the eves the
// office is closed (julafton, midsommarafton, nyårsafton); `optional` eves (trettondagsafton,
// valborgsmässoafton, allhelgonaafton) close at noon; `observance` days are ordinary days.
const holidays = new Holidays('SE', { types: ['public', 'bank', 'optional'] });
type DayRule = { closed: true; name: string } | { closed: false; closesAt?: string; name?: string };
// A year's holidays never change: a bounded, named memo of a pure function.
export const holidaysByYear = new LRUCache<number, ReadonlyMap<string, DayRule>>({ max: 50 });

function holidaysOf(year: number): ReadonlyMap<string, DayRule> {
  let kept = holidaysByYear.get(year);
  if (!kept) {
    const rules = new Map<string, DayRule>();
    for (const h of holidays.getHolidays(year)) {
      const day = h.date.slice(0, 10);
      if (h.type === 'public' || h.type === 'bank') rules.set(day, { closed: true, name: h.name });
      else if (h.type === 'optional' && !rules.has(day)) rules.set(day, { closed: false, closesAt: '12:00', name: h.name });
    }
    holidaysByYear.set(year, (kept = rules));
  }
  return kept;
}

export type OfficeHours = { opens: string; closes: string };

/** What kind of day a date is for the office: weekend, holiday, extra closed day or open. */
export function dayRule(date: string, closedDays: ReadonlyMap<string, string>): DayRule {
  const extra = closedDays.get(date);
  if (extra) return { closed: true, name: extra };
  const holiday = holidaysOf(Number(date.slice(0, 4))).get(date);
  if (holiday?.closed) return holiday;
  if (isoWeekday(date) >= 6) return { closed: true, name: isoWeekday(date) === 6 ? 'lördag' : 'söndag' };
  return holiday ?? { closed: false };
}

/** The office's opening and closing instants on a date, or null on a closed day. */
export function officeWindow(date: string, hours: OfficeHours, closedDays: ReadonlyMap<string, string>) {
  const rule = dayRule(date, closedDays);
  if (rule.closed) return null;
  const closes = rule.closesAt && rule.closesAt < hours.closes ? rule.closesAt : hours.closes;
  if (closes <= hours.opens) return null;
  return { opens: stockholmInstant(date, hours.opens), closes: stockholmInstant(date, closes) };
}

/** The next instant the office opens after `at` (within a year; there always is one). */
export function nextOpening(at: Date, hours: OfficeHours, closedDays: ReadonlyMap<string, string>): Date {
  let date = stockholmDate(at);
  for (let i = 0; i < 366; i++, date = addDays(date, 1)) {
    const w = officeWindow(date, hours, closedDays);
    if (w && w.opens > at) return w.opens;
  }
  throw new Error('no opening within a year');
}

/** The first working day after a date (the day someone back from an absence returns). */
export function nextWorkingDay(date: string, closedDays: ReadonlyMap<string, string>): string {
  let d = addDays(date, 1);
  while (dayRule(d, closedDays).closed) d = addDays(d, 1);
  return d;
}
