import { formatDay, formatTime, names } from '#lib/server/format.ts';
import type { Organisation } from '#contracts/organisations.ts';
import type { Slot } from '#contracts/slots.ts';
import { t } from '../i18n.ts';

const STAFF: ReadonlySet<string> = new Set(['pedagogue', 'principal', 'pupil_health']);

/** "tisdag 10 mars kl. 13.00–13.45" */
export function when(startsAt: string, endsAt: string): string {
  const from = new Date(startsAt);
  return t('slots.when', { day: formatDay(from), from: formatTime(from), to: formatTime(new Date(endsAt)) });
}

/** The schools and preschools where the person books: their own, and a unit's preschools. */
export function bookingPlaces(user: NonNullable<App.Locals['user']>, organisations: Organisation[]): Organisation[] {
  const own = new Set(user.memberships.filter((m) => m.organisationId && STAFF.has(m.role)).map((m) => m.organisationId));
  return organisations.filter((o) => (o.kind === 'school' || o.kind === 'preschool') && (own.has(o.id) || (o.parentId && own.has(o.parentId))));
}

/** A slot with every label its card shows, computed on the server where the formatter lives. */
export function slotView(s: Slot) {
  return {
    ...s,
    when: when(s.startsAt, s.endsAt),
    hostNames: names(s.hosts),
    availability: s.cancelled
      ? t('slots.cancelled', { reason: s.cancelled.reason })
      : s.kind === 'on_site'
        ? t('slots.onSite')
        : s.booked >= s.capacity
          ? t('slots.full')
          : t('slots.free', { free: s.capacity - s.booked, capacity: s.capacity }),
  };
}
