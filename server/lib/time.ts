import { DateTime } from 'luxon';

/** Every wall-clock rule of the service is Stockholm time; instants are stored in UTC. */
export const ZONE = 'Europe/Stockholm';

/** The Stockholm calendar date (YYYY-MM-DD) of an instant. */
export function stockholmDate(at: Date): string {
  return DateTime.fromJSDate(at, { zone: ZONE }).toISODate()!;
}

/** The instant of a Stockholm wall-clock time on a date; DST changes never shift it. */
export function stockholmInstant(date: string, time: string): Date {
  const dt = DateTime.fromISO(`${date}T${time}`, { zone: ZONE });
  if (!dt.isValid) throw new Error(`invalid Stockholm time ${date} ${time}`);
  return dt.toJSDate();
}

export function addDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: ZONE }).plus({ days }).toISODate()!;
}

/** ISO weekday of a date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  return DateTime.fromISO(date, { zone: ZONE }).weekday;
}
