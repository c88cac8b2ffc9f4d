import type { ConsentStatus } from '../../contracts/consents.ts';
import { addDays, formatShortDate, stockholmDate } from '../../contracts/time.ts';

/** How many days before its last day a consent is flagged as ending soon. */
export const ENDS_SOON_DAYS = 14;

type ConsentFacts = { validFrom: string; validUntil: string; withdrawnAt: Date | null };

/**
 * A consent's status at an instant, from its dates (Stockholm days, both included) and its
 * withdrawal. The same rule as the database's `consent_covers`, which gates every read and write;
 * this one only words it for people.
 */
export function consentStatus(c: ConsentFacts, now: Date, today: string): { status: ConsentStatus; statusText: string; endsSoon: boolean } {
  if (c.withdrawnAt && c.withdrawnAt <= now) {
    return { status: 'withdrawn', statusText: `Återkallat ${formatShortDate(stockholmDate(c.withdrawnAt), today)}`, endsSoon: false };
  }
  if (today < c.validFrom) return { status: 'not_yet_valid', statusText: `Gäller från ${formatShortDate(c.validFrom, today)}`, endsSoon: false };
  if (today > c.validUntil) return { status: 'expired', statusText: `Har gått ut (gällde till ${formatShortDate(c.validUntil, today)})`, endsSoon: false };
  const endsSoon = c.validUntil <= addDays(today, ENDS_SOON_DAYS);
  const last = c.validUntil === today ? 'Gäller till och med i dag' : `Gäller till ${formatShortDate(c.validUntil, today)}`;
  return { status: 'active', statusText: endsSoon ? `${last} – går snart ut` : last, endsSoon };
}

