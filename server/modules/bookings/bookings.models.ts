import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';

export type InviteFacts = {
  bookingId: string;
  sequence: number;
  cancelled: boolean;
  startsAt: Date;
  endsAt: Date;
  location: string;
  organisationName: string;
  hosts: { name: string; email: string }[];
  stamp: Date;
};

/**
 * The calendar invite of one booking. Times are written in UTC, which every client shows in its
 * own zone, so a walk-and-talk at 13:00 Stockholm time stays 13:00 across DST. The UID is stable
 * per booking and SEQUENCE grows with every change; a cancelled booking is METHOD:CANCEL.
 * The topic and note never go in: a calendar is read by more people than its owner.
 */
export function bookingInvite(f: InviteFacts): string {
  const calendar = ical({
    prodId: { company: 'Samverkan', product: 'walk-and-talk', language: 'SV' },
    method: f.cancelled ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.PUBLISH,
  });
  const host = f.hosts[0];
  calendar.createEvent({
    id: `booking-${f.bookingId}@samverkan`,
    sequence: f.sequence,
    stamp: f.stamp,
    start: f.startsAt,
    end: f.endsAt,
    summary: `Walk-and-talk med ${f.hosts.map((h) => h.name).join(' och ') || 'socialtjänsten'}`,
    location: `${f.location}, ${f.organisationName}`,
    description: 'Detaljer finns i Samverkan under Mina bokningar.',
    status: f.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    ...(host ? { organizer: { name: host.name, email: host.email } } : {}),
  });
  return calendar.toString();
}
