import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';

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

/**
 * One event as an iCalendar file. Times are written in UTC, which every client shows in its own
 * zone, so 13:00 Stockholm time stays 13:00 across DST; a cancelled event is METHOD:CANCEL.
 * The description only points into the portal: a calendar is read by more people than its owner.
 */
export function calendarInvite(product: string, where: string, e: InviteEvent): string {
  const calendar = ical({
    prodId: { company: 'Samverkan', product, language: 'SV' },
    method: e.cancelled ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.PUBLISH,
  });
  calendar.createEvent({
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
  return calendar.toString();
}
