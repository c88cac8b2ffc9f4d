import { DateTime } from 'luxon';
import { formatDay, formatTime } from '#contracts/format.ts';

// Forms take Stockholm wall-clock time; the API takes instants with their offset. The zone rules
// (daylight saving) need a real time-zone library, so this stays on the server side.
const ZONE = 'Europe/Stockholm';
const DAY = 86_400_000;
const stockholmDay = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
const shortDayFmt = new Intl.DateTimeFormat('sv-SE', { timeZone: ZONE, day: 'numeric', month: 'short' });
const yearFmt = new Intl.DateTimeFormat('sv-SE', { timeZone: ZONE, year: 'numeric' });

const longDateFmt = {
  sv: new Intl.DateTimeFormat('sv-SE', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }),
};

/** A calendar date with its year, for a paper that is kept: "12 juni 2026", "12 June 2026". */
export function longDate(date: string, lang: 'sv' | 'en' = 'sv'): string {
  return longDateFmt[lang].format(new Date(`${date}T12:00:00Z`));
}

/** The Stockholm date (YYYY-MM-DD) of an instant: today's, given the request's `locals.now`. */
export function todayInStockholm(now: Date): string {
  return stockholmDay.format(now);
}

/** A calendar date moved by whole days (dates are bounded to 2000–2100 when they come in). */
export function shiftDate(date: string, days: number): string {
  const moved = new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
  if (!/^\d{4}-/.test(moved)) throw new RangeError(`date out of range: ${date}`);
  return moved;
}

/** Monday of the week a date falls in, and its ISO week number. */
export function weekOf(date: string) {
  const d = new Date(`${date}T00:00:00Z`);
  const monday = new Date(d.getTime() - ((d.getUTCDay() || 7) - 1) * DAY);
  const thursday = new Date(monday.getTime() + 3 * DAY);
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  const week = Math.floor((thursday.getTime() - yearStart) / DAY / 7) + 1;
  return { monday: monday.toISOString().slice(0, 10), week };
}

/**
 * The week a week page shows: the one holding the date asked for, else the current one, but on
 * Saturday and Sunday the coming one, since what is left of the ending week is the weekend.
 * `ahead` says that the page skipped forward, so its heading can say so.
 */
export function weekToShow(asked: string | undefined, now: Date): { monday: string; week: number; ahead: boolean } {
  if (asked) return { ...weekOf(asked), ahead: false };
  const today = todayInStockholm(now);
  const weekend = [0, 6].includes(new Date(`${today}T00:00:00Z`).getUTCDay());
  return { ...weekOf(weekend ? shiftDate(today, 2) : today), ahead: weekend };
}

/** "2026-03-10" + "13:00" → "2026-03-10T13:00:00+01:00", or null when it is no real date or time. */
export function stockholmIso(date: string, time: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{1,2}[:.]\d{2}$/.test(time)) return null;
  const dt = DateTime.fromISO(`${date}T${time.replace('.', ':').padStart(5, '0')}`, { zone: ZONE });
  return dt.isValid ? dt.toISO({ suppressMilliseconds: true }) : null;
}

/** An instant as the form fields show it again: Stockholm date and HH:MM. */
export function stockholmParts(iso: string): { date: string; time: string } {
  const dt = DateTime.fromISO(iso, { zone: ZONE });
  return { date: dt.toFormat('yyyy-MM-dd'), time: dt.toFormat('HH:mm') };
}

/** Whole Stockholm calendar days from an instant until now (0 on the same day). */
export function daysSince(iso: string, now: Date): number {
  return Math.round((Date.parse(todayInStockholm(now)) - Date.parse(todayInStockholm(new Date(iso)))) / DAY);
}

/** "tisdag 10 mars kl. 13.05", with the year when it is not this year (for logs and history). */
export function moment(iso: string, now: Date): string {
  const at = new Date(iso);
  const year = yearFmt.format(at);
  return `${formatDay(at)}${year === yearFmt.format(now) ? '' : ` ${year}`} kl. ${formatTime(at)}`;
}

/** "23 nov. kl. 20.11" (with the year when it is not this year): for tables with many rows. */
export function shortMoment(iso: string, now: Date): string {
  const at = new Date(iso);
  const year = yearFmt.format(at);
  return `${shortDayFmt.format(at)}${year === yearFmt.format(now) ? '' : ` ${year}`} kl. ${formatTime(at)}`;
}
