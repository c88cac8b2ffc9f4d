// Times as people say them, in Europe/Stockholm: "tisdag 9 mars", "kl. 13.00". One module for
// the server's labels and the web pages. Intl only: no dependency, so contracts stay pure.
const ZONE = 'Europe/Stockholm';

const dayFmt = new Intl.DateTimeFormat('sv-SE', { timeZone: ZONE, weekday: 'long', day: 'numeric', month: 'long' });
const timeFmt = new Intl.DateTimeFormat('sv-SE', { timeZone: ZONE, hour: '2-digit', minute: '2-digit' });
const isoDateFmt = new Intl.DateTimeFormat('sv-SE', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** "14.30" */
export function formatTime(at: Date): string {
  return timeFmt.format(at).replace(':', '.');
}

/** "måndag 3 mars" */
export function formatDay(at: Date): string {
  return dayFmt.format(at);
}

function isoDate(at: Date): string {
  return isoDateFmt.format(at);
}

/** "i dag", "i morgon" or "måndag 3 mars", relative to `now`. */
export function formatRelativeDay(at: Date, now: Date): string {
  const day = isoDate(at);
  const today = isoDate(now);
  if (day === today) return 'i dag';
  // Calendar arithmetic on the date, not 24 hours on the instant: DST days are 23 or 25 hours.
  const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return day === tomorrow ? 'i morgon' : formatDay(at);
}

/** A calendar date (YYYY-MM-DD) as "måndag 3 mars". */
export function formatDate(date: string): string {
  return formatDay(new Date(`${date}T12:00:00Z`));
}

const shortFmt = new Intl.DateTimeFormat('sv-SE', { timeZone: 'UTC', day: 'numeric', month: 'long' });
const longFmt = new Intl.DateTimeFormat('sv-SE', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });

/** A calendar date as "12 juni", with the year when it is not `today`'s: "12 juni 2027". */
export function formatShortDate(date: string, today: string): string {
  const at = new Date(`${date}T12:00:00Z`);
  return (date.slice(0, 4) === today.slice(0, 4) ? shortFmt : longFmt).format(at);
}
