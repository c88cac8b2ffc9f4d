// Stockholm time, in one place for the server, the contracts and the web pages. Every wall-clock
// rule of the service is Stockholm time; instants are stored in UTC. Luxon does the calendar and
// the zone rules (daylight saving); Intl writes the words, as people say them in Swedish.
import { DateTime } from 'luxon';
import { LRUCache } from 'lru-cache';

export const ZONE = 'Europe/Stockholm';

// ── Calendar dates (YYYY-MM-DD) ─────────────────────────────────────────────────────────────

/** A calendar date as Luxon sees it: at midnight UTC, since a date has no zone. */
const calendar = (date: string) => DateTime.fromISO(date, { zone: 'utc' });

// Dates enter bounded to 2000–2100 (contracts/dates.ts); arithmetic may step a little past that,
// never out of four-digit years, where ISO strings stop sorting as dates and a loop over days
// would never reach its end.
const FIRST_YEAR = 1900;
const LAST_YEAR = 2200;

function inRange(moved: DateTime, what: string): string {
  if (!moved.isValid || moved.year < FIRST_YEAR || moved.year > LAST_YEAR) throw new RangeError(`date arithmetic out of range: ${what}`);
  return moved.toISODate()!;
}

/**
 * Answers of the calendar arithmetic on hot paths (every contact list and slot list asks for
 * today's date, its week and its neighbours). The answers never change: a bounded, named memo
 * of pure functions, which makes a repeated question cost a map lookup instead of a Luxon date.
 */
export const calendarMemo = new LRUCache<string, string | number>({ max: 20_000 });

function remembered<T extends string | number>(key: string, compute: () => T): T {
  const kept = calendarMemo.get(key);
  if (kept !== undefined) return kept as T;
  const value = compute();
  calendarMemo.set(key, value);
  return value;
}

/** A calendar date moved by whole days. */
export function addDays(date: string, days: number): string {
  return remembered(`+d ${date} ${days}`, () => inRange(calendar(date).plus({ days }), `${date} ${days >= 0 ? '+' : ''}${days}`));
}

/** A month (YYYY-MM) moved by whole months. */
export function addMonths(month: string, months: number): string {
  return inRange(calendar(`${month}-01`).plus({ months }), `${month} ${months >= 0 ? '+' : ''}${months} months`).slice(0, 7);
}

/** A calendar date moved by whole months; the 31st becomes the month's last day when it has fewer. */
export function addMonthsToDate(date: string, months: number): string {
  return inRange(calendar(date).plus({ months }), `${date} ${months >= 0 ? '+' : ''}${months} months`);
}

/** The same date a year later, or 28 February when the year after has no 29th. */
export function nextYearSameDay(date: string): string {
  return inRange(calendar(date).plus({ years: 1 }), `${date} +1 year`);
}

/** Whole days from one calendar date to another (negative when `to` comes first). */
export function daysBetween(from: string, to: string): number {
  return Math.round(calendar(to).diff(calendar(from), 'days').days);
}

/** ISO weekday of a date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  return remembered(`wd ${date}`, () => calendar(date).weekday);
}

/** The last date of the month a date falls in. */
export function monthEnd(date: string): string {
  return calendar(date).endOf('month').toISODate()!;
}

/** Monday of the week a date falls in, and its ISO week number. */
export function weekOf(date: string): { monday: string; week: number } {
  const d = calendar(date);
  return { monday: d.startOf('week').toISODate()!, week: d.weekNumber };
}

// ── Instants and Stockholm wall-clock time ──────────────────────────────────────────────────

const dateFmt = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The Stockholm calendar date (YYYY-MM-DD) of an instant: today's, given the clock's now. */
export function stockholmDate(at: Date): string {
  // Stockholm's days begin on whole hours, so every instant of a UTC minute has the same date.
  return remembered(`sd ${Math.floor(at.getTime() / 60_000)}`, () => dateFmt.format(at));
}

/**
 * Wall time → instant needs the zone rules, which cost far more than the rest of a slot list;
 * the answer for a date and time never changes, so recent ones are kept (a bounded, named memo
 * of a pure function: no answer depends on who asked or when).
 */
export const wallClockMemo = new LRUCache<string, number>({ max: 10_000 });

/** The instant of a Stockholm wall-clock time on a date; DST changes never shift it. */
export function stockholmInstant(date: string, time: string): Date {
  const key = `${date}T${time}`;
  let ms = wallClockMemo.get(key);
  if (ms === undefined) {
    const dt = DateTime.fromISO(key, { zone: ZONE });
    if (!dt.isValid) throw new Error(`invalid Stockholm time ${date} ${time}`);
    ms = dt.toMillis();
    wallClockMemo.set(key, ms);
  }
  return new Date(ms);
}

/** The instants a run of whole Stockholm days covers: from the first midnight to the one after the last day. */
export function daySpan(from: string, to: string): { start: Date; end: Date } {
  // Midnight always exists in Stockholm (the clocks change at 02:00 and 03:00).
  return { start: stockholmInstant(from, '00:00'), end: stockholmInstant(addDays(to, 1), '00:00') };
}

/** Whole Stockholm calendar days from an instant until now (0 on the same day). */
export function daysSince(at: Date | string, now: Date): number {
  return daysBetween(stockholmDate(new Date(at)), stockholmDate(now));
}

/** "2026-03-10" + "13:00" → "2026-03-10T13:00:00+01:00", or null when it is no real date or time. */
export function stockholmIso(date: string, time: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{1,2}[:.]\d{2}$/.test(time)) return null;
  const dt = DateTime.fromISO(`${date}T${time.replace('.', ':').padStart(5, '0')}`, { zone: ZONE });
  return dt.isValid ? dt.toISO({ suppressMilliseconds: true }) : null;
}

/** An instant as a form shows it again: Stockholm date and HH:MM. */
export function stockholmParts(iso: string): { date: string; time: string } {
  const dt = DateTime.fromISO(iso, { zone: ZONE });
  return { date: dt.toFormat('yyyy-MM-dd'), time: dt.toFormat('HH:mm') };
}

/**
 * The week a week page shows: the one holding the date asked for, else the current one, but on
 * Saturday and Sunday the coming one, since what is left of the ending week is the weekend.
 * `ahead` says that the page skipped forward, so its heading can say so.
 */
export function weekToShow(asked: string | undefined, now: Date): { monday: string; week: number; ahead: boolean } {
  if (asked) return { ...weekOf(asked), ahead: false };
  const today = stockholmDate(now);
  const weekend = isoWeekday(today) >= 6;
  return { ...weekOf(weekend ? addDays(today, 2) : today), ahead: weekend };
}

// ── Words: "tisdag 9 mars", "kl. 13.00" ────────────────────────────────────────────────────
// Swedish by default (the API's mails and errors are Swedish); the web pages pass the reader's
// language, and English reads "Tuesday 9 March", "at 13:00".

export type Lang = 'sv' | 'en';
const TAG: Record<Lang, string> = { sv: 'sv-SE', en: 'en-GB' };
const formats = (lang: Lang) => ({
  day: new Intl.DateTimeFormat(TAG[lang], { timeZone: ZONE, weekday: 'long', day: 'numeric', month: 'long' }),
  time: new Intl.DateTimeFormat(TAG[lang], { timeZone: ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
  shortDay: new Intl.DateTimeFormat(TAG[lang], { timeZone: ZONE, day: 'numeric', month: 'short' }),
  year: new Intl.DateTimeFormat(TAG[lang], { timeZone: ZONE, year: 'numeric' }),
  shortDate: new Intl.DateTimeFormat(TAG[lang], { timeZone: 'UTC', day: 'numeric', month: 'long' }),
  longDate: new Intl.DateTimeFormat(TAG[lang], { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }),
  month: new Intl.DateTimeFormat(TAG[lang], { timeZone: 'UTC', month: 'long', year: 'numeric' }),
});
const FMT = { sv: formats('sv'), en: formats('en') } as const;
const WORDS = {
  sv: { today: 'i dag', tomorrow: 'i morgon', at: 'kl.' },
  en: { today: 'today', tomorrow: 'tomorrow', at: 'at' },
} as const;
// Calendar dates are written at noon UTC, which is the same date in Stockholm all year.
const noon = (date: string) => new Date(`${date}T12:00:00Z`);

/** "14.30" ("14:30" in English) */
export function formatTime(at: Date, lang: Lang = 'sv'): string {
  const written = FMT[lang].time.format(at);
  return lang === 'sv' ? written.replace(':', '.') : written;
}

/** "måndag 3 mars" ("Monday 3 March") */
export function formatDay(at: Date, lang: Lang = 'sv'): string {
  return FMT[lang].day.format(at).replace(',', '');
}

/** "i dag", "i morgon" or "måndag 3 mars", relative to `now`. */
export function formatRelativeDay(at: Date, now: Date, lang: Lang = 'sv'): string {
  const day = stockholmDate(at);
  const today = stockholmDate(now);
  if (day === today) return WORDS[lang].today;
  // Calendar arithmetic on the date, not 24 hours on the instant: DST days are 23 or 25 hours.
  return day === addDays(today, 1) ? WORDS[lang].tomorrow : formatDay(at, lang);
}

/** A calendar date (YYYY-MM-DD) as "måndag 3 mars". */
export function formatDate(date: string, lang: Lang = 'sv'): string {
  return formatDay(noon(date), lang);
}

/** A calendar date as "12 juni", with the year when it is not `today`'s: "12 juni 2027". */
export function formatShortDate(date: string, today: string, lang: Lang = 'sv'): string {
  return (date.slice(0, 4) === today.slice(0, 4) ? FMT[lang].shortDate : FMT[lang].longDate).format(noon(date));
}

/** A month (YYYY-MM) as "december 2026". */
export function formatMonth(month: string, lang: Lang = 'sv'): string {
  return FMT[lang].month.format(noon(`${month}-01`));
}

/** A calendar date with its year, for a paper that is kept: "12 juni 2026", "12 June 2026". */
export function longDate(date: string, lang: Lang = 'sv'): string {
  return FMT[lang].longDate.format(noon(date));
}

const yearUnlessNow = (at: Date, now: Date, lang: Lang) => {
  const year = FMT[lang].year.format(at);
  return year === FMT[lang].year.format(now) ? '' : ` ${year}`;
};

/** "tisdag 10 mars kl. 13.05", with the year when it is not this year (for logs and history). */
export function moment(iso: string, now: Date, lang: Lang = 'sv'): string {
  const at = new Date(iso);
  return `${formatDay(at, lang)}${yearUnlessNow(at, now, lang)} ${WORDS[lang].at} ${formatTime(at, lang)}`;
}

/** "23 nov. kl. 20.11" (with the year when it is not this year): for tables with many rows. */
export function shortMoment(iso: string, now: Date, lang: Lang = 'sv'): string {
  const at = new Date(iso);
  return `${FMT[lang].shortDay.format(at)}${yearUnlessNow(at, now, lang)} ${WORDS[lang].at} ${formatTime(at, lang)}`;
}
