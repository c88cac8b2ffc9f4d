import type { SeedCalendar } from '../../db/seed.ts';
import { officeWindow } from './calendar.ts';
import { addDays, isoWeekday, monthEnd, stockholmDate, stockholmInstant } from '../contracts/time.ts';

/** This month and next in Stockholm, as the demo district's roster needs them, and the weeks just past. */
export function demoCalendar(now: Date): SeedCalendar {
  const today = stockholmDate(now);
  const first = `${today.slice(0, 7)}-01`;
  const end = monthEnd(addDays(monthEnd(today), 1));
  const workingDays: string[] = [];
  for (let d = first; d <= end; d = addDays(d, 1)) {
    if (officeWindow(d, { opens: '08:00', closes: '16:30' }, new Map())) workingDays.push(d);
  }
  // The three weeks before today, for meetings that have already happened.
  const pastWorkingDays: string[] = [];
  for (let d = addDays(today, -21); d < today; d = addDays(d, 1)) {
    if (officeWindow(d, { opens: '08:00', closes: '16:30' }, new Map())) pastWorkingDays.push(d);
  }
  return { today, workingDays, pastWorkingDays, at: stockholmInstant, isoWeekday };
}

/** The demo's history (`db/seed-history.ts`): the weekdays of two years, ending two months back, clear of the demo's own weeks. */
export function historyCalendar(now: Date) {
  const today = stockholmDate(now);
  const days = [];
  for (let d = addDays(today, -730); d <= addDays(today, -60); d = addDays(d, 1)) {
    if (isoWeekday(d) <= 5) days.push({ date: d, at: (time: string) => stockholmInstant(d, time) });
  }
  return { days, today, addDays, instant: stockholmInstant };
}
