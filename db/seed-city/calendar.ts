import { plusDays } from './bulk.ts';
import type { CityCalendar } from './plan.ts';

/** The Stockholm clock and the office's calendar, handed in by the caller from the app's own (server/lib/calendar.ts). */
export type CityClock = {
  stockholmDate: (at: Date) => string;
  stockholmInstant: (date: string, time: string) => Date;
  /** Whether the office is open the whole day (08:00–16:30): no weekend, holiday or half day. */
  fullWorkingDay: (date: string) => boolean;
};

/**
 * The city's year around `now`: nine months back, so most of it has happened (held meetings,
 * cases with paths, a long audit log), and three ahead, so there are slots to book and meetings
 * to schedule.
 */
export function cityCalendar(now: Date, clock: CityClock, span = { back: 270, ahead: 94 }): CityCalendar {
  const today = clock.stockholmDate(now);
  const days: string[] = [];
  for (let d = plusDays(today, -span.back); d <= plusDays(today, span.ahead); d = plusDays(d, 1)) {
    if (clock.fullWorkingDay(d)) days.push(d);
  }
  return { now, today, days, at: clock.stockholmInstant };
}
