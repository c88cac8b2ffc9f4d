import { agendaItemSchema } from '#contracts/agenda.ts';
import { myBookingSchema } from '#contracts/bookings.ts';
import { pendingStatutorySchema } from '#contracts/consents.ts';
import { reachSchema } from '#contracts/contacts.ts';
import { feedbackReaderRoles } from '#contracts/auth.ts';
import { overrideSchema } from '#contracts/cases.ts';
import { meetingSchema } from '#contracts/meetings.ts';
import { organisationListSchema } from '#contracts/organisations.ts';
import { rosterSchema } from '#contracts/roster.ts';
import { hostedSlotSchema } from '#contracts/slots.ts';
import { coverageSchema } from '#contracts/team.ts';
import { addDays, daysSince, stockholmDate } from '#contracts/time.ts';
import { formatDate, formatDay, formatTime, names } from '#lib/server/format.ts';
import { z } from '#contracts/zod.ts';
import { t } from '#lib/i18n.ts';
import { agendaTitle } from './agenda-words.ts';
import { apiGet } from './api.ts';
import { reasonOf } from './reach-words.ts';
import { feedbackPlaces, inboxSchema } from './consents.ts';
import { when } from './slots.ts';

type Fetch = typeof fetch;
type Task = { text: string; href: string };
type User = NonNullable<App.Locals['user']>;

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
    reach: first.kind === 'emergency' ? null : { kind: t(`reach.kind.${first.kind}`), name: first.name, reason: reasonOf(first, new Date(reach.at)), phone: first.phone },
    nextBooking: next ? { when: when(next.startsAt, next.endsAt), location: next.location, hosts: names(next.hosts) } : null,
  };
}

/**
 * A social worker's or team lead's day: today's and the week's own agenda, and what waits for
 * them (statutory feedback, requests to schedule, check-in calls; for the lead also roster gaps
 * and places without a contact), each a link to where it is done.
 */
export async function teamDay(fetch: Fetch, teamId: string, userId: string, lead: boolean, now: Date, day = stockholmDate(now)) {
  const today = stockholmDate(now);
  const [agenda, pending, queue, roster, coverage, overrides] = await Promise.all([
    apiGet(fetch, `/api/me/agenda?from=${day}&to=${addDays(day, 6)}`, z.array(agendaItemSchema)),
    apiGet(fetch, `/api/teams/${teamId}/statutory-feedback/pending`, z.array(pendingStatutorySchema)),
    apiGet(fetch, `/api/teams/${teamId}/meeting-queue`, z.array(meetingSchema)),
    lead ? apiGet(fetch, `/api/teams/${teamId}/roster`, rosterSchema) : Promise.resolve(null),
    apiGet(fetch, `/api/teams/${teamId}/coverage`, coverageSchema),
    lead ? apiGet(fetch, `/api/teams/${teamId}/continuity-overrides`, z.array(overrideSchema)) : Promise.resolve([]),
  ]);
  const item = (a: z.infer<typeof agendaItemSchema>) => {
    const start = new Date(a.startsAt);
    const wholeDay = a.kind === 'duty' || a.kind === 'absence' || a.kind === 'check_in';
    return { key: `${a.kind}-${a.startsAt}-${a.link}`, time: wholeDay ? t('home.wholeDay') : `${formatTime(start)}–${formatTime(new Date(a.endsAt))}`, day: formatDay(start), title: agendaTitle(a), location: a.location, link: a.link };
  };
  const onDay = (a: { startsAt: string }) => stockholmDate(new Date(a.startsAt)) <= day;
  const urgent = queue.filter((m) => m.urgency === 'urgent').length;
  const waited = Math.max(0, ...queue.map((m) => daysSince(m.requestedAt, now)));
  const uncovered = lead ? coverage.filter((o) => !o.covered).map((o) => o.name) : [];
  // A change of worker without anyone who met the family, in the last 30 days: the lead looks at each.
  const recentOverrides = overrides.filter((o) => daysSince(o.at, now) <= 30).length;
  // Check-in calls are today's work, whichever day the agenda shows.
  const calls = day === today ? agenda.filter((a) => a.kind === 'check_in' && onDay(a)) : [];
  const tasks: Task[] = [
    ...(queue.length
      ? [{ text: (queue.length === 1 ? t('home.queueOne') : t('home.queue', { count: queue.length })) + (urgent ? t('home.urgent', { urgent }) : '') + (waited > 0 ? t('home.waited', { days: waited }) : ''), href: '/moten' }]
      : []),
    ...(pending.length ? [{ text: pending.length === 1 ? t('home.statutoryOne') : t('home.statutory', { count: pending.length }), href: '/arenden' }] : []),
    ...calls.map((c) => ({ text: t('home.checkIn'), href: c.link })),
    ...(roster?.upcomingGaps.length ? [{ text: roster.upcomingGaps.length === 1 ? t('home.gapOne', { first: formatDate(roster.upcomingGaps[0]!) }) : t('home.gaps', { count: roster.upcomingGaps.length, first: formatDate(roster.upcomingGaps[0]!) }), href: '/jourschema' }] : []),
    ...(uncovered.length ? [{ text: t('home.uncovered', { places: uncovered.join(', ') }), href: '/kontaktpersoner' }] : []),
    ...(recentOverrides ? [{ text: recentOverrides === 1 ? t('home.overrideOne') : t('home.overrides', { count: recentOverrides }), href: '/arenden#overrides-heading' }] : []),
  ];
  // The places the person is the contact for, each a tap from putting out walk-and-talk times there.
  const contactFor = coverage
    .map((o) => ({ o, mine: o.assignments.filter((a) => a.userId === userId && a.active) }))
    .filter(({ mine }) => mine.length > 0)
    .map(({ o, mine }) => {
      const sections = mine.map((a) => o.sections.find((x) => x.id === a.sectionId)?.name).filter(Boolean);
      return { id: o.organisationId, name: sections.length ? `${o.name} (${sections.join(', ')})` : o.name, href: `/walk-and-talk/serier?verksamhet=${o.organisationId}` };
    });
  return {
    day,
    isToday: day === today,
    dayName: formatDate(day),
    today: agenda.filter((a) => onDay(a) && a.kind !== 'check_in').map(item),
    week: agenda.filter((a) => !onDay(a)).map(item),
    tasks,
    contactFor,
  };
}

/**
 * What waits for a rektor, elevhälsa, förskolechef, partner or police person: their requests not
 * yet given a time (the oldest first), their next meetings this week, and how many feedback
 * messages on their cases are still unread. `organisationList` is the page's own read of them. Pedagogues neither request meetings nor read feedback.
 */
export async function placeWaits(fetch: Fetch, user: User, now: Date, organisationList: Promise<z.infer<typeof organisationListSchema>>) {
  if (!user.memberships.some((m) => feedbackReaderRoles.includes(m.role))) return null;
  const [meetings, organisations] = await Promise.all([apiGet(fetch, '/api/meetings', z.array(meetingSchema)), organisationList]);
  const inboxes = await Promise.all(feedbackPlaces(user, organisations).map((p) => apiGet(fetch, `/api/organisations/${p.id}/feedback`, inboxSchema)));
  const unread = inboxes.flat().reduce((sum, e) => sum + e.unread, 0);
  const waiting = meetings.filter((m) => m.status === 'requested').toSorted((a, b) => a.requestedAt.localeCompare(b.requestedAt));
  const next = meetings
    .filter((m) => m.status === 'scheduled' && m.startsAt && Date.parse(m.startsAt) > now.getTime())
    .toSorted((a, b) => a.startsAt!.localeCompare(b.startsAt!));
  const days = (iso: string) => Math.max(0, daysSince(iso, now));
  return {
    requests: waiting.map((m) => ({
      id: m.id,
      title: `${t(`meetingType.${m.type}`)}: ${m.label}`,
      waited: days(m.requestedAt) === 0 ? t('home.requestedToday') : t('home.requestedDaysAgo', { days: days(m.requestedAt) }),
      urgent: m.urgency === 'urgent',
    })),
    meetings: next.map((m) => ({ id: m.id, title: `${t(`meetingType.${m.type}`)}: ${m.label}`, when: when(m.startsAt!, m.endsAt!) })),
    unread,
  };
}

/**
 * The team lead's view of the team's week from `day`: who holds the duty phone each day (or why
 * the office is closed, or that nobody does), and how many walk-and-talks the team holds and how
 * many of them are booked. The whole week, slot by slot, is on Min vecka's team view.
 */
export async function teamWeek(fetch: Fetch, teamId: string, day: string) {
  const last = addDays(day, 6);
  const months = [...new Set([day.slice(0, 7), last.slice(0, 7)])];
  const [rosters, slots] = await Promise.all([
    Promise.all(months.map((m) => apiGet(fetch, `/api/teams/${teamId}/roster?month=${m}`, rosterSchema))),
    apiGet(fetch, `/api/teams/${teamId}/hosted-slots?from=${day}&to=${last}`, z.array(hostedSlotSchema)),
  ]);
  const rosterDays = new Map(rosters.flatMap((r) => r.days).map((d) => [d.date, d]));
  return Array.from({ length: 7 }, (_, i) => addDays(day, i)).map((date) => {
    const r = rosterDays.get(date);
    const held = slots.filter((s) => s.kind === 'walk_and_talk' && !s.cancelled && stockholmDate(new Date(s.startsAt)) === date);
    const booked = held.filter((s) => s.booked > 0).length;
    return {
      date,
      name: formatDate(date),
      duty: r?.closedReason ? t('home.weekClosed', { reason: r.closedReason }) : r?.holder ? t('home.weekDuty', { name: r.holder.name }) + (r.holder.absent ? t('home.weekAbsent') : '') : t('home.weekNoDuty'),
      gap: r?.gap ?? false,
      walks: held.length === 0 ? t('home.weekNoWalks') : t('home.weekWalks', { count: held.length, booked }),
    };
  });
}
