// The reach ladder and a contact's status in the reader's language. The API says them in Swedish
// (`reason`, `label`) and gives the parts (kind, place, until); the pages build the sentence from
// the parts, so Swedish and English read the same facts.
import type { ContactStatus, ReachRoute } from '#contracts/contacts.ts';
import { t } from '#lib/i18n.ts';
import { formatDate, formatRelativeDay, formatTime } from './format.ts';

const isDate = (until: string) => /^\d{4}-\d{2}-\d{2}$/.test(until);

/** What a busy person is doing, from the API's Swedish status ("I walk-and-talk till 14.30" → "I walk-and-talk"). */
export const busyDoing = (label: string) => label.replace(/ till \d{1,2}\.\d{2}$/, '');

/** Why this step of the ladder, at the instant the ladder is for. */
export function reasonOf(route: ReachRoute, at: Date): string {
  switch (route.kind) {
    case 'contact':
      return route.place ? t('reachWhy.contactFor', { place: route.place }) : t('reachWhy.contact');
    case 'duty_phone':
      return route.unstaffed || !route.until || !route.name ? t('reachWhy.dutyUnstaffed') : t('reachWhy.duty', { time: formatTime(new Date(route.until)), name: route.name });
    case 'after_hours':
      if (!route.until) return t('reachWhy.afterHours', { name: route.name ?? '' });
      return t('reachWhy.closed', { name: route.name ?? '', day: formatRelativeDay(new Date(route.until), at), time: formatTime(new Date(route.until)) });
    case 'emergency':
      return t('reachWhy.emergency');
  }
}

/** A contact's status in words; what a busy person is doing is said in Swedish only (it is the API's own word). */
export function statusOf(status: ContactStatus, now: Date): ContactStatus {
  const until = status.until;
  switch (status.kind) {
    case 'available':
      return { ...status, label: t('status.available') };
    case 'on_duty':
      return { ...status, label: t('status.onDuty') };
    case 'busy':
      return { ...status, label: until ? t('status.busy', { doing: busyDoing(status.label), time: formatTime(new Date(until)) }) : status.label };
    case 'away':
      if (!until) return status;
      return { ...status, label: isDate(until) ? t('status.away', { date: formatDate(until) }) : t('status.afterHours', { day: formatRelativeDay(new Date(until), now), time: formatTime(new Date(until)) }) };
  }
}
