import { agendaItemSchema } from '#contracts/agenda.ts';
import { myBookingSchema } from '#contracts/bookings.ts';
import { pendingStatutorySchema } from '#contracts/consents.ts';
import { reachSchema } from '#contracts/contacts.ts';
import { meetingSchema } from '#contracts/meetings.ts';
import { rosterSchema } from '#contracts/roster.ts';
import { coverageSchema } from '#contracts/team.ts';
import { addDays, formatDate, formatDay, formatTime, stockholmDate } from '#contracts/time.ts';
import { z } from '#contracts/zod.ts';
import { t } from '#lib/i18n.ts';
import { apiGet } from './api.ts';
import { when } from './slots.ts';

type Fetch = typeof fetch;
type Task = { text: string; href: string };

/**
 * A school, preschool or police person's day: the first way to reach the team now (the whole
 * ladder is one tap away, 112 always shown), and their next walk-and-talk if they have one.
 */
export async function schoolDay(fetch: Fetch, organisationId: string, books: boolean, now: Date) {
  const [reach, bookings] = await Promise.all([
    apiGet(fetch, `/api/organisations/${organisationId}/reach`, reachSchema),
    books ? apiGet(fetch, '/api/bookings', z.array(myBookingSchema)) : Promise.resolve([]),
  ]);
  const first = reach.routes[0]!;
  const next = bookings
    .filter((b) => b.status === 'booked' && Date.parse(b.startsAt) > now.getTime())
    .toSorted((a, b) => a.startsAt.localeCompare(b.startsAt))[0];
  return {
    reach: first.kind === 'emergency' ? null : { kind: t(`reach.kind.${first.kind}`), name: first.name, reason: first.reason, phone: first.phone },
    nextBooking: next ? { when: when(next.startsAt, next.endsAt), location: next.location, hosts: next.hosts.map((h) => h.name).join(' och ') } : null,
  };
}

/**
 * A social worker's or team lead's day: today's and the week's own agenda, and what waits for
 * them (statutory feedback, requests to schedule, check-in calls; for the lead also roster gaps
 * and places without a contact), each a link to where it is done.
 */
export async function teamDay(fetch: Fetch, teamId: string, lead: boolean, now: Date) {
  const today = stockholmDate(now);
  const [agenda, pending, queue, roster, coverage] = await Promise.all([
    apiGet(fetch, `/api/me/agenda?from=${today}&to=${addDays(today, 6)}`, z.array(agendaItemSchema)),
    apiGet(fetch, `/api/teams/${teamId}/statutory-feedback/pending`, z.array(pendingStatutorySchema)),
    apiGet(fetch, `/api/teams/${teamId}/meeting-queue`, z.array(meetingSchema)),
    lead ? apiGet(fetch, `/api/teams/${teamId}/roster`, rosterSchema) : Promise.resolve(null),
    lead ? apiGet(fetch, `/api/teams/${teamId}/coverage`, coverageSchema) : Promise.resolve(null),
  ]);
  const item = (a: z.infer<typeof agendaItemSchema>) => {
    const start = new Date(a.startsAt);
    const wholeDay = a.kind === 'duty' || a.kind === 'absence' || a.kind === 'check_in';
    return { key: `${a.kind}-${a.startsAt}-${a.link}`, time: wholeDay ? t('home.wholeDay') : `${formatTime(start)}–${formatTime(new Date(a.endsAt))}`, day: formatDay(start), title: a.title, location: a.location, link: a.link };
  };
  const onToday = (a: { startsAt: string }) => stockholmDate(new Date(a.startsAt)) <= today;
  const urgent = queue.filter((m) => m.urgency === 'urgent').length;
  const uncovered = coverage?.filter((o) => !o.covered).map((o) => o.name) ?? [];
  const calls = agenda.filter((a) => a.kind === 'check_in' && onToday(a));
  const tasks: Task[] = [
    ...(queue.length ? [{ text: (queue.length === 1 ? t('home.queueOne') : t('home.queue', { count: queue.length })) + (urgent ? t('home.urgent', { urgent }) : ''), href: '/moten' }] : []),
    ...(pending.length ? [{ text: pending.length === 1 ? t('home.statutoryOne') : t('home.statutory', { count: pending.length }), href: '/arenden' }] : []),
    ...calls.map((c) => ({ text: t('home.checkIn'), href: c.link })),
    ...(roster?.upcomingGaps.length ? [{ text: roster.upcomingGaps.length === 1 ? t('home.gapOne', { first: formatDate(roster.upcomingGaps[0]!) }) : t('home.gaps', { count: roster.upcomingGaps.length, first: formatDate(roster.upcomingGaps[0]!) }), href: '/jourschema' }] : []),
    ...(uncovered.length ? [{ text: t('home.uncovered', { places: uncovered.join(', ') }), href: '/kontaktpersoner' }] : []),
  ];
  return {
    today: agenda.filter((a) => onToday(a) && a.kind !== 'check_in').map(item),
    week: agenda.filter((a) => !onToday(a)).map(item),
    tasks,
  };
}
