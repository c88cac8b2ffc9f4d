// Dates and times in the reader's language: the Stockholm-time words of #contracts/time.ts with
// the language of the request filled in. Pages format through here, never through time.ts directly.
import * as time from '#contracts/time.ts';
import { language } from '#lib/i18n.ts';

export const formatTime = (at: Date) => time.formatTime(at, language());
export const formatDay = (at: Date) => time.formatDay(at, language());
export const formatRelativeDay = (at: Date, now: Date) => time.formatRelativeDay(at, now, language());
export const formatDate = (date: string) => time.formatDate(date, language());
export const formatShortDate = (date: string, today: string) => time.formatShortDate(date, today, language());
export const formatMonth = (month: string) => time.formatMonth(month, language());
export const longDate = (date: string) => time.longDate(date, language());
export const moment = (iso: string, now: Date) => time.moment(iso, now, language());
export const shortMoment = (iso: string, now: Date) => time.shortMoment(iso, now, language());

const LIST_TAG = { sv: 'sv-SE', en: 'en-GB' } as const;

/** "Anna, Bo och Cia" ("Anna, Bo and Cia"). */
export const names = (people: readonly { name: string }[]) => new Intl.ListFormat(LIST_TAG[language()], { type: 'conjunction' }).format(people.map((p) => p.name));
