import { DateTime } from 'luxon';

/** Every wall-clock rule of the service is Stockholm time; instants are stored in UTC. */
export const ZONE = 'Europe/Stockholm';

const dateFmt = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

// Most instants asked about fall on the same day as the last one: that day's bounds are kept.
let lastDay = { from: 0, until: -1, date: '' };

/** The Stockholm calendar date (YYYY-MM-DD) of an instant. */
export function stockholmDate(at: Date): string {
  const ms = at.getTime();
  if (ms >= lastDay.from && ms < lastDay.until) return lastDay.date;
  const date = dateFmt.format(at);
  // Midnight always exists in Stockholm (the clocks change at 02:00 and 03:00).
  const { start, end } = daySpan(date, date);
  lastDay = { from: start.getTime(), until: end.getTime(), date };
  return date;
}

// Wall time → instant needs the zone rules (Luxon); the answers never change, so they are kept.
const instants = new Map<string, number>();

/** The instant of a Stockholm wall-clock time on a date; DST changes never shift it. */
export function stockholmInstant(date: string, time: string): Date {
  const key = `${date}T${time}`;
  let ms = instants.get(key);
  if (ms === undefined) {
    const dt = DateTime.fromISO(key, { zone: ZONE });
    if (!dt.isValid) throw new Error(`invalid Stockholm time ${date} ${time}`);
    ms = dt.toMillis();
    if (instants.size > 10_000) instants.clear();
    instants.set(key, ms);
  }
  return new Date(ms);
}

/** The instants a run of whole Stockholm days covers: from the first midnight to the one after the last day. */
export function daySpan(from: string, to: string): { start: Date; end: Date } {
  return { start: stockholmInstant(from, '00:00'), end: stockholmInstant(addDays(to, 1), '00:00') };
}

// Calendar dates have no zone: plain UTC arithmetic on them is exact.
const utc = (date: string) => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));

// Dates enter bounded to 2000–2100 (contracts/dates.ts); arithmetic may step a little past that,
// never out of four-digit years, where ISO strings stop sorting as dates and a loop over days
// would never reach its end.
const ARITHMETIC_MIN = Date.UTC(1900, 0, 1);
const ARITHMETIC_MAX = Date.UTC(2200, 11, 31);

export function addDays(date: string, days: number): string {
  const ms = utc(date) + days * 86_400_000;
  if (!(ms >= ARITHMETIC_MIN && ms <= ARITHMETIC_MAX)) throw new RangeError(`date arithmetic out of range: ${date} ${days >= 0 ? '+' : ''}${days}`);
  return new Date(ms).toISOString().slice(0, 10);
}

/** ISO weekday of a date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  return new Date(utc(date)).getUTCDay() || 7;
}

/** The last date of the month a date falls in. */
export function monthEnd(date: string): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}
