import { createHash, randomBytes } from 'node:crypto';
import type { AgendaItem } from '../../contracts/agenda.ts';
import { addDays, addMonthsToDate, daySpan, stockholmDate, stockholmInstant } from '../../contracts/time.ts';
import type { Actor } from '../../lib/access.ts';
import type { Clock } from '../../lib/clock.ts';
import { errors } from '../../lib/errors.ts';
import { calendarFeed } from '../../lib/invite.ts';
import { meetingTypeNames, placeNames } from '../meetings/meetings.models.ts';
import type { OutboxMessage } from '../mail/mail.repository.ts';
import { checkInMail } from './agenda.mail.ts';
import type { AgendaRepository } from './agenda.repository.ts';

type Deps = { repo: AgendaRepository; clock: Clock; baseUrl: string; checkInMonths: number; enqueue: (messages: OutboxMessage[], now: Date) => Promise<void> };

// The feed shows two weeks back and three months ahead: what a calendar app needs, no more.
const FEED_PAST_DAYS = 14;
const FEED_AHEAD_DAYS = 92;
const DEFAULT_DAYS = 7;
const REMIND_WITHIN_DAYS = 14;

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

export function createAgendaService({ repo, clock, baseUrl, checkInMonths, enqueue }: Deps) {
  /** Everything of the person's own days from `from` to `to` (Stockholm dates, both included), in time order. */
  async function itemsOf(userId: string, from: string, to: string): Promise<(AgendaItem & { uid: string })[]> {
    const { start, end } = daySpan(from, to);
    const today = stockholmDate(clock.now());
    const [hosted, booked, meetings, duty, away, checkIns] = await Promise.all([
      repo.hosted(userId, start, end),
      repo.booked(userId, start, end),
      repo.meetings(userId, start, end),
      repo.dutyDays(userId, from, to),
      repo.absences(userId, from, to),
      repo.checkInsDue(userId),
    ]);
    // "Vi ringer efter några månader": due some months after the case closed; one not yet made
    // stays on today until it is.
    const calls = checkIns.flatMap((c) => {
      const due = addMonthsToDate(c.closedOn, checkInMonths);
      const day = due < today ? today : due;
      return day >= from && day <= to ? [{ caseId: c.caseId, day }] : [];
    });
    const wholeDays = (first: string, last: string) => ({ startsAt: stockholmInstant(first, '00:00').toISOString(), endsAt: stockholmInstant(addDays(last, 1), '00:00').toISOString() });
    const items: (AgendaItem & { uid: string })[] = [
      ...hosted.map((s) => ({
        uid: `slot-${s.id}`,
        kind: s.kind === 'on_site' ? ('on_site' as const) : ('walk_and_talk' as const),
        startsAt: s.startsAt.toISOString(),
        endsAt: s.endsAt.toISOString(),
        title: s.kind === 'on_site' ? 'På plats' : 'Walk-and-talk',
        location: `${s.location}, ${s.organisationName}`,
        link: '/min-vecka',
      })),
      ...booked.map((b) => ({ uid: `booking-${b.id}`, kind: 'booking' as const, startsAt: b.startsAt.toISOString(), endsAt: b.endsAt.toISOString(), title: 'Walk-and-talk', location: `${b.location}, ${b.organisationName}`, link: '/mina-bokningar' })),
      ...meetings.map((m) => ({
        uid: `meeting-${m.id}`,
        kind: 'meeting' as const,
        startsAt: m.startsAt!.toISOString(),
        endsAt: m.endsAt!.toISOString(),
        title: meetingTypeNames[m.type],
        location: m.place === 'school' ? m.organisationName : placeNames[m.place],
        link: `/moten/${m.id}`,
      })),
      ...duty.map((d) => ({ uid: `duty-${d.day}`, kind: 'duty' as const, ...wholeDays(d.day, d.day), title: 'Jourtelefonen', location: null, link: '/jourschema' })),
      // An absence shows as itself, never its reason.
      // A calendar is read by more people than its owner: the title says what, never whom.
      ...calls.map((c) => ({ uid: `check-in-${c.caseId}`, kind: 'check_in' as const, ...wholeDays(c.day, c.day), title: 'Uppföljande samtal med en familj', location: null, link: `/arenden/${c.caseId}?visa=vag` })),
      ...away.map((a) => ({ uid: `absence-${a.id}`, kind: 'absence' as const, ...wholeDays(a.startsOn < from ? from : a.startsOn, a.endsOn > to ? to : a.endsOn), title: 'Frånvaro', location: null, link: '/franvaro-och-profil' })),
    ];
    return items.sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.kind.localeCompare(b.kind));
  }

  return {
    /**
     * Daily: a mail and a notification to the responsible worker for each check-in call that has
     * come due in the last two weeks (a job that stopped for a while catches up; calls long overdue
     * stay on the agenda without a flood of mail), once per case however often the job runs.
     */
    async remindCheckIns(): Promise<number> {
      const now = clock.now();
      const today = stockholmDate(now);
      // Only the cases closed about `checkInMonths` before the fortnight are read (a month's end
      // moves a due date by at most three days); the exact rule is the filter below.
      const closedFrom = addDays(addMonthsToDate(addDays(today, -REMIND_WITHIN_DAYS), -checkInMonths), -3);
      const closedTo = addDays(addMonthsToDate(today, -checkInMonths), 3);
      const due = (await repo.openCheckIns(closedFrom, closedTo)).filter((c) => {
        const on = addMonthsToDate(c.closedOn, checkInMonths);
        return on <= today && on >= addDays(today, -REMIND_WITHIN_DAYS);
      });
      await enqueue(due.map((c) => checkInMail({ ...c, months: checkInMonths }, baseUrl)), now);
      return due.length;
    },

    /** The person's own days: by default the coming week. */
    async agenda(actor: Actor, from?: string, to?: string): Promise<AgendaItem[]> {
      const first = from ?? stockholmDate(clock.now());
      const last = to ?? addDays(first, DEFAULT_DAYS - 1);
      if (last < first) throw errors.invalid('Slutdatumet kan inte vara före startdatumet.', [{ field: 'to', message: 'Slutdatumet kan inte vara före startdatumet.' }]);
      return (await itemsOf(actor.userId, first, last)).map(({ uid: _uid, ...item }) => item);
    },

    /** A new secret feed URL; the old one stops working at once. Only the token's hash is kept. */
    async newFeed(actor: Actor): Promise<{ url: string }> {
      const token = randomBytes(32).toString('base64url');
      await repo.setFeed(actor.userId, hashOf(token), clock.now());
      return { url: `${baseUrl}/api/calendar/${token}.ics` };
    },

    /** The feed itself: no session, the secret in the URL is the key. An unknown or replaced one is 404 with nothing about anyone. */
    async feed(token: string): Promise<string> {
      const owner = await repo.feedOwner(hashOf(token));
      if (!owner) throw errors.notFound('Kalendern finns inte.');
      const today = stockholmDate(clock.now());
      const items = await itemsOf(owner, addDays(today, -FEED_PAST_DAYS), addDays(today, FEED_AHEAD_DAYS));
      return calendarFeed(items, baseUrl, clock.now());
    },
  };
}

export type AgendaService = ReturnType<typeof createAgendaService>;
