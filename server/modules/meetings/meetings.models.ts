import { calendarInvite } from '../../lib/invite.ts';
import { addDays, formatDay, formatTime, stockholmDate } from '../../contracts/time.ts';
import type { MeetingType } from '../../contracts/meetings.ts';
import type { CommitmentKind } from '../schedule/schedule.repository.ts';

export const meetingTypeNames: Record<MeetingType, string> = {
  report_meeting: 'Anmälningsmöte',
  application_meeting: 'Ansökningsmöte',
  mapping_meeting: 'Kartläggningsmöte',
  follow_up: 'Uppföljning',
  police_collaboration: 'Samverkansmöte med polisen',
  staff_visit: 'APT-besök',
};

/**
 * An anmälningsmöte is met by two social workers; the team lead may book one with a reason
 * (urgent, nobody else free). Other meetings take one to three.
 */
export function workerCountProblem(type: MeetingType, count: number, single: { isLead: boolean; reason: boolean } = { isLead: false, reason: false }): string | null {
  if (type !== 'report_meeting') return count >= 1 && count <= 3 ? null : 'Välj en till tre socialsekreterare.';
  if (count === 2) return null;
  if (count === 1 && single.isLead && single.reason) return null;
  if (count === 1 && single.isLead) return 'Ett anmälningsmöte har två socialsekreterare. Skriv skälet om bara en kan komma.';
  if (count === 1) return 'Ett anmälningsmöte har två socialsekreterare. Bara enhetschefen kan boka en, med ett skäl.';
  return 'Ett anmälningsmöte har två socialsekreterare.';
}

/** The Stockholm calendar days a period touches (a meeting rarely spans midnight, but may). */
export function daysOf(start: Date, end: Date): string[] {
  const last = stockholmDate(new Date(end.getTime() - 1));
  const days = [];
  for (let d = stockholmDate(start); d <= last; d = addDays(d, 1)) days.push(d);
  return days;
}

export type ScheduleFacts = {
  commitments: { userId: string; name: string; kind: CommitmentKind; startsAt: Date; endsAt: Date }[];
  absences: { userId: string; name: string; startsOn: string; endsOn: string }[];
  dutyDays: { userId: string; name: string; day: string }[];
};

export type Clash = { userId: string; name: string; reason: string; sentence: string };

const span = (a: Date, b: Date) => `${formatTime(a)}–${formatTime(b)}`;
const kindWords: Record<CommitmentKind, [string, string]> = { walk_and_talk: ['Walk-and-talk', 'en walk-and-talk'], meeting: ['Möte', 'ett möte'] };

/**
 * Why each person cannot sit in a meeting over [start, end): another meeting or walk-and-talk at
 * the same time, an absence or the duty phone that day. Says who and when, never what about.
 */
export function clashesOf(userIds: string[], start: Date, end: Date, f: ScheduleFacts): Clash[] {
  const days = daysOf(start, end);
  const clashes: Clash[] = [];
  for (const userId of userIds) {
    const busy = f.commitments.find((c) => c.userId === userId && c.startsAt < end && start < c.endsAt);
    if (busy) {
      const [short, long] = kindWords[busy.kind];
      clashes.push({ userId, name: busy.name, reason: `${short} ${span(busy.startsAt, busy.endsAt)}`, sentence: `${busy.name} har ${long} ${formatDay(busy.startsAt)} kl. ${span(busy.startsAt, busy.endsAt)}.` });
      continue;
    }
    const away = f.absences.find((a) => a.userId === userId && days.some((d) => a.startsOn <= d && d <= a.endsOn));
    if (away) {
      clashes.push({ userId, name: away.name, reason: 'Frånvarande', sentence: `${away.name} är frånvarande ${formatDay(start)}.` });
      continue;
    }
    const duty = f.dutyDays.find((d) => d.userId === userId && days.includes(d.day));
    if (duty) clashes.push({ userId, name: duty.name, reason: 'Har jourtelefonen', sentence: `${duty.name} har jourtelefonen ${formatDay(start)}.` });
  }
  return clashes;
}

/** The kinds as a sentence says them, with their article. */
export const meetingTypePhrases: Record<MeetingType, string> = {
  report_meeting: 'ett anmälningsmöte',
  application_meeting: 'ett ansökningsmöte',
  mapping_meeting: 'ett kartläggningsmöte',
  follow_up: 'en uppföljning',
  police_collaboration: 'ett samverkansmöte med polisen',
  staff_visit: 'ett APT-besök',
};

export const placeNames = { school: 'På skolan/förskolan', office: 'På socialtjänstens kontor', digital: 'Digitalt' } as const;

export type MeetingInviteFacts = {
  meetingId: string;
  type: MeetingType;
  sequence: number;
  cancelled: boolean;
  startsAt: Date;
  endsAt: Date;
  place: keyof typeof placeNames;
  organisationName: string;
  workers: { name: string; email: string }[];
  stamp: Date;
};

/** The meeting's calendar invite: only the kind of meeting, where and with whom; no label. */
export function meetingInvite(f: MeetingInviteFacts): string {
  const organizer = f.workers[0];
  return calendarInvite('meetings', 'Mina möten', {
    uid: `meeting-${f.meetingId}@samverkan`,
    sequence: f.sequence,
    cancelled: f.cancelled,
    startsAt: f.startsAt,
    endsAt: f.endsAt,
    summary: `${meetingTypeNames[f.type]}, ${f.organisationName}`,
    location: f.place === 'school' ? f.organisationName : placeNames[f.place],
    organizer: organizer && { name: organizer.name, email: organizer.email },
    stamp: f.stamp,
  });
}
