import { error } from '@sveltejs/kit';
import { calendarDate, calendarMonth } from '#contracts/dates.ts';

/**
 * A date from the address (`?vecka=2026-03-09`), held to the bounds of every date the API takes:
 * absent or empty is undefined, anything else that is no such date is 400 with a Swedish reason.
 */
export function dateParam(url: URL, name: string): string | undefined {
  return param(url, name, calendarDate);
}

/** A month from the address (`?month=2026-03`), bounded the same way. */
export function monthParam(url: URL, name: string): string | undefined {
  return param(url, name, calendarMonth);
}

function param(url: URL, name: string, schema: typeof calendarDate | typeof calendarMonth): string | undefined {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return undefined;
  const parsed = schema.safeParse(raw);
  if (!parsed.success) error(400, parsed.error.issues[0]!.message);
  return parsed.data;
}
