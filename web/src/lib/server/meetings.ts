import { organisationSideRoles, type Me } from '#contracts/auth.ts';
import { meetingTypeValues, type Meeting, type MeetingType } from '#contracts/meetings.ts';
import type { Organisation } from '#contracts/organisations.ts';
import { t } from '../i18n.ts';
import { when } from './slots.ts';
import { daysSince } from '#contracts/time.ts';
import { moment, names } from '#lib/server/format.ts';

const REQUESTERS: ReadonlySet<string> = new Set(organisationSideRoles);
const TEAM: ReadonlySet<string> = new Set(['social_worker', 'team_lead']);

/** The places the person may ask for a meeting about, and the kinds of meeting they may ask for. */
export function requestOptions(user: Me, organisations: Organisation[]) {
  const own = (roles: ReadonlySet<string>) => new Set(user.memberships.filter((m) => m.organisationId && roles.has(m.role)).map((m) => m.organisationId!));
  const school = own(REQUESTERS);
  const police = own(new Set(['police']));
  const team = own(TEAM).size > 0;
  const places = organisations.filter(
    (o) =>
      (team && o.kind !== 'social_services') ||
      school.has(o.id) ||
      (o.parentId !== null && school.has(o.parentId)) ||
      (o.kind === 'police' && police.has(o.id)),
  );
  // The team asks for any kind; the police for collaboration meetings, schools for the rest.
  const types: MeetingType[] = meetingTypeValues.filter((type) =>
    team ? true : type === 'police_collaboration' ? police.size > 0 : school.size > 0,
  );
  return { places: places.map((o) => ({ id: o.id, name: o.name })), types };
}

export function mayRequest(user: Me | null): boolean {
  return !!user?.memberships.some((m) => REQUESTERS.has(m.role) || m.role === 'police' || TEAM.has(m.role));
}

/** How long a request has waited, as people say it. */
function waited(requestedAt: string, now: Date): string {
  const days = daysSince(requestedAt, now);
  return days <= 0 ? t('meetings.waitedToday') : days === 1 ? t('meetings.waitedOne') : t('meetings.waited', { days });
}

/** A meeting with every label its list item and page show, formatted where the formatter lives. */
export function meetingView(m: Meeting, now: Date) {
  const count = m.proposedTimes.length;
  return {
    ...m,
    typeLabel: t(`meetingType.${m.type}`),
    statusLabel: t(`meetingStatus.${m.status}`),
    placeLabel: t(`meetingPlace.${m.place}`),
    urgencyLabel: t(`urgency.${m.urgency}`),
    ageBandLabel: m.ageBand ? t(`ageBand.${m.ageBand}`) : null,
    when: m.startsAt && m.endsAt ? when(m.startsAt, m.endsAt) : null,
    workerNames: names(m.socialWorkers),
    proposed: m.proposedTimes.map((p) => ({ ...p, label: when(p.startsAt, p.endsAt) })),
    proposedCount: count === 1 ? t('meetings.proposedOne') : t('meetings.proposed', { count }),
    requestedLine: m.requestedBy ? t('meeting.requestedByLine', { name: m.requestedBy.name, when: moment(m.requestedAt, now) }) : moment(m.requestedAt, now),
    waited: waited(m.requestedAt, now),
  };
}
export type MeetingView = ReturnType<typeof meetingView>;
