import { z } from './zod.ts';
import { daysBetween } from './time.ts';

/**
 * Every date, month and instant enters the system through these types, bounded to the years the
 * service can mean: 2000–2100. Outside them the calendar arithmetic would leave ISO form ("9999-12-31"
 * plus one day is "+010000-01-01", which sorts before it) and a loop over days would never end.
 */
export const FIRST_DATE = '2000-01-01';
export const LAST_DATE = '2100-12-31';
const FIRST_INSTANT = Date.parse(`${FIRST_DATE}T00:00:00Z`);
const LAST_INSTANT = Date.parse(`${LAST_DATE}T23:59:59Z`);

const OUT_OF_RANGE = 'Datumet måste ligga mellan år 2000 och 2100.';

/** A real calendar date as YYYY-MM-DD between 2000 and 2100. */
export const calendarDate = z.iso
  .date({ message: 'Ange datumet som ÅÅÅÅ-MM-DD.' })
  .refine((d) => d >= FIRST_DATE && d <= LAST_DATE, { message: OUT_OF_RANGE });

/** A month as YYYY-MM between 2000 and 2100. */
export const calendarMonth = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'Ange månaden som ÅÅÅÅ-MM.' })
  .refine((m) => m >= FIRST_DATE.slice(0, 7) && m <= LAST_DATE.slice(0, 7), { message: 'Månaden måste ligga mellan år 2000 och 2100.' });

/** An instant in ISO 8601 with its offset, between 2000 and 2100. */
export const instant = z.iso
  .datetime({ offset: true, message: 'Ange tiden som ISO 8601 med tidszon, t.ex. 2026-03-10T13:00:00+01:00.' })
  .refine((s) => {
    const ms = Date.parse(s);
    return ms >= FIRST_INSTANT && ms <= LAST_INSTANT;
  }, { message: OUT_OF_RANGE });

/** Whole days from one date to another (both valid calendar dates). */

/** A query's window of whole days, `from` to `to`: both optional, in order, and at most `maxDays` days apart (a year). */
export function dayWindow(maxDays = 366, tooLong = 'Välj högst ett år åt gången.') {
  return z
    .object({ from: calendarDate.optional(), to: calendarDate.optional() })
    .strict()
    .refine((q) => !q.from || !q.to || q.to >= q.from, { message: 'Slutdatumet kan inte vara före startdatumet.', path: ['to'] })
    .refine((q) => !q.from || !q.to || daysBetween(q.from, q.to) <= maxDays, { message: tooLong, path: ['to'] });
}
