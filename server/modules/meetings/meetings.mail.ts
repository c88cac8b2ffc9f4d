import { addDays, daySpan, stockholmDate, stockholmInstant, stockholmParts } from '../../contracts/time.ts';
import { nextWorkingDay } from '../../lib/calendar.ts';
import { DEFAULT_REMINDER_TIME } from '../mail/mail.repository.ts';
import type { Clock } from '../../lib/clock.ts';
import { meetingMails, type MeetingMailFacts, type Person } from '../mail/mail.templates.ts';
import { meetingTypeNames, meetingTypePhrases, placeNames } from './meetings.models.ts';
import type { MeetingRow, MeetingsRepository } from './meetings.repository.ts';

/** The mails a meeting's use cases write, in their own transactions (the outbox sends them after commit). */
export function createMeetingMail({ clock, mailBaseUrl }: { clock: Clock; mailBaseUrl: string }) {
  const factsOf = (m: MeetingRow, workers: Person[]): MeetingMailFacts => ({
    meetingId: m.id,
    typeName: meetingTypeNames[m.type],
    typePhrase: meetingTypePhrases[m.type],
    urgent: m.urgency === 'urgent',
    sequence: m.sequence,
    startsAt: m.startsAt,
    endsAt: m.endsAt,
    place: m.place === 'school' ? m.organisationName : placeNames[m.place],
    organisationName: m.organisationName,
    requester: m.requestedById ? { userId: m.requestedById, name: m.requestedByName ?? '', email: m.requestedByEmail ?? '' } : null,
    workers,
    stamp: clock.now(),
  });

  /** Who hears of a request: the team's leads and the organisation's contacts, not the one who asked. */
  async function requestRecipients(tx: MeetingsRepository, m: MeetingRow) {
    const recipients = await tx.requestRecipients(m.teamId, [m.organisationId, ...(m.organisationParentId ? [m.organisationParentId] : [])], stockholmDate(clock.now()));
    return recipients.filter((r) => r.userId !== m.requestedById);
  }

  return {
    /** The day before: to the workers and the one who asked, once the team's reminder time has come. */
    async reminders(repo: MeetingsRepository, now: Date) {
      const today = stockholmDate(now);
      const { start, end } = daySpan(addDays(today, 1), addDays(today, 1));
      const due = (await repo.scheduledBetween(start, end)).filter((m) => now >= stockholmInstant(today, m.reminderTime ?? DEFAULT_REMINDER_TIME));
      if (due.length === 0) return;
      const workers = await repo.workersOf(due.map((m) => m.id));
      const messages = due.flatMap((m) => {
        const own = workers.filter((w) => w.meetingId === m.id && w.active);
        const facts = factsOf(m, own);
        const to = [...own, ...(facts.requester && !own.some((w) => w.userId === facts.requester!.userId) ? [facts.requester] : [])];
        return meetingMails('reminder', facts, to, mailBaseUrl);
      });
      await repo.mail.enqueue(messages, now);
    },

    /**
     * An urgent request still without a time one working day after it came: to the team's leads
     * and contacts again, whatever they have turned off.
     */
    async stillUnscheduled(repo: MeetingsRepository, now: Date) {
      const closed = new Map((await repo.schedule.closedDays()).map((c) => [c.day, c.name]));
      const waiting = (await repo.urgentWaitingSince(new Date(now.getTime() - 86_400_000))).filter((m) => {
        const asked = stockholmParts(m.createdAt.toISOString());
        return now >= stockholmInstant(nextWorkingDay(asked.date, closed), asked.time);
      });
      for (const m of waiting) {
        await repo.mail.enqueue(meetingMails('still-unscheduled', factsOf(m, []), await requestRecipients(repo, m), mailBaseUrl), now);
      }
    },

    /** A new request: to the team's leads and the organisation's contacts (the one asking hears nothing new). */
    async requested(tx: MeetingsRepository, id: string) {
      const m = (await tx.find(id))!;
      await tx.mail.enqueue(meetingMails('requested', factsOf(m, []), await requestRecipients(tx, m), mailBaseUrl), clock.now());
    },

    /** A time set, moved or taken away: to the one who asked and to the workers, as the meeting now stands. */
    async changed(tx: MeetingsRepository, event: 'scheduled' | 'rescheduled' | 'cancelled', id: string) {
      const m = (await tx.find(id))!;
      const workers = (await tx.workersOf([id])).filter((w) => w.active || event === 'cancelled');
      const facts = factsOf(m, workers);
      const to = [...workers, ...(facts.requester && !workers.some((w) => w.userId === facts.requester!.userId) ? [facts.requester] : [])];
      await tx.mail.enqueue(meetingMails(event, facts, to, mailBaseUrl), clock.now());
    },
  };
}

export type MeetingMail = ReturnType<typeof createMeetingMail>;
