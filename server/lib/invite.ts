import ical, { ICalAlarmType, ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';

export type InviteEvent = {
  /** Stable per booking or meeting, so a calendar updates the event instead of adding one. */
  uid: string;
  /** Grows with every change the calendar must learn about (iCalendar SEQUENCE). */
  sequence: number;
  cancelled: boolean;
  startsAt: Date;
  endsAt: Date;
  summary: string;
  location: string;
  organizer?: { name: string; email: string };
  stamp: Date;
};

/** How the invite travels: downloaded from the portal (PUBLISH), or mailed to its attendees (REQUEST). */
export type InviteDelivery = { kind: 'download' } | { kind: 'mail'; attendees: { name: string; email: string }[] };

/**
 * One event as an iCalendar file. Times are written in UTC, which every client shows in its own
 * zone, so 13:00 Stockholm time stays 13:00 across DST; a cancelled event is METHOD:CANCEL.
 * A mailed invite is METHOD:REQUEST with its attendees and a reminder 30 minutes before, so
 * Outlook, Google and Apple calendars put it in the calendar and update it on a move.
 * The description only points into the portal: a calendar is read by more people than its owner.
 */
export function calendarInvite(product: string, where: string, e: InviteEvent, delivery: InviteDelivery = { kind: 'download' }): string {
  const calendar = ical({
    prodId: { company: 'Samverkan', product, language: 'SV' },
    method: e.cancelled ? ICalCalendarMethod.CANCEL : delivery.kind === 'mail' ? ICalCalendarMethod.REQUEST : ICalCalendarMethod.PUBLISH,
  });
  const event = calendar.createEvent({
    id: e.uid,
    sequence: e.sequence,
    stamp: e.stamp,
    start: e.startsAt,
    end: e.endsAt,
    summary: e.summary,
    location: e.location,
    description: `Detaljer finns i Samverkan under ${where}.`,
    status: e.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    ...(e.organizer ? { organizer: e.organizer } : {}),
  });
  if (delivery.kind === 'mail') {
    for (const a of delivery.attendees) {
      event.createAttendee({ name: a.name, email: a.email, role: ICalAttendeeRole.REQ, status: ICalAttendeeStatus.ACCEPTED });
    }
    if (!e.cancelled) event.createAlarm({ type: ICalAlarmType.display, trigger: 30 * 60, description: e.summary });
  }
  return calendar.toString();
}

type FeedItem = { uid: string; kind: string; startsAt: string; endsAt: string; title: string; location: string | null; link: string };

/**
 * A person's agenda as a subscribable calendar (PUBLISH): generic titles, the place, and a link
 * into the portal. An item's UID is stable, so a moved walk-and-talk moves in the calendar.
 */
export function calendarFeed(items: FeedItem[], baseUrl: string, stamp: Date): string {
  const calendar = ical({ prodId: { company: 'Samverkan', product: 'agenda', language: 'SV' }, method: ICalCalendarMethod.PUBLISH, name: 'Samverkan' });
  for (const item of items) {
    calendar.createEvent({
      id: `agenda-${item.uid}@samverkan`,
      stamp,
      start: new Date(item.startsAt),
      end: new Date(item.endsAt),
      summary: item.title,
      ...(item.location ? { location: item.location } : {}),
      description: `Detaljer finns i Samverkan: ${baseUrl}${item.link}`,
      url: `${baseUrl}${item.link}`,
    });
  }
  return calendar.toString();
}
