import { calendarInvite } from '../../lib/invite.ts';

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

/** The calendar invite of one booking: no topic and no note, only when, where and with whom. */
export function bookingInvite(f: InviteFacts): string {
  const host = f.hosts[0];
  return calendarInvite('walk-and-talk', 'Mina bokningar', {
    uid: `booking-${f.bookingId}@samverkan`,
    sequence: f.sequence,
    cancelled: f.cancelled,
    startsAt: f.startsAt,
    endsAt: f.endsAt,
    summary: `Walk-and-talk med ${f.hosts.map((h) => h.name).join(' och ') || 'socialtjänsten'}`,
    location: `${f.location}, ${f.organisationName}`,
    organizer: host && { name: host.name, email: host.email },
    stamp: f.stamp,
  });
}
