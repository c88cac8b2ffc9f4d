import { LANGS, type Lang } from '#lib/i18n.ts';

/** The reader's choice of language, remembered for a year. Swedish unless they chose English. */
export const LANGUAGE_COOKIE = 'sprak';
export const LANGUAGE_MAX_AGE = 365 * 24 * 3600;

export function languageOf(cookie: string | undefined): Lang {
  return LANGS.includes(cookie as Lang) ? (cookie as Lang) : 'sv';
}
