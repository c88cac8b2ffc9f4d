import { z } from '#contracts/zod.ts';
import { addDays, weekToShow } from '#contracts/time.ts';
import { formatDate } from '#lib/server/format.ts';
import { meetingSchema } from '#contracts/meetings.ts';
import { t } from '#lib/i18n.ts';
import { apiGet } from '#lib/server/api.ts';
import { mayRequest, meetingView } from '#lib/server/meetings.ts';
import { dateParam } from '#lib/server/query.ts';
import type { PageServerLoad } from './$types';

/** The team (socialtjänstens team) whose queue the person books from, if they work in one. */
const queueTeamOf = (user: App.Locals['user']) =>
  user?.memberships.find((m) => (m.role === 'social_worker' || m.role === 'team_lead') && m.organisationId)?.organisationId ?? null;

export const load: PageServerLoad = async ({ fetch, locals, url }) => {
  const { monday, week, ahead } = weekToShow(dateParam(url, 'vecka'), locals.now);
  const sunday = addDays(monday, 6);
  const teamId = queueTeamOf(locals.user);
  const [mine, queue] = await Promise.all([
    apiGet(fetch, `/api/meetings?from=${monday}&to=${sunday}`, z.array(meetingSchema)),
    teamId ? apiGet(fetch, `/api/teams/${teamId}/meeting-queue`, z.array(meetingSchema)) : Promise.resolve(null),
  ]);
  // A request the person can book is shown once, in the queue.
  const queued = new Set(queue?.map((m) => m.id));
  return {
    heading: t(ahead ? 'week.rangeAhead' : 'week.range', { week, from: formatDate(monday), to: formatDate(sunday) }),
    monday,
    previous: `?vecka=${addDays(monday, -7)}`,
    next: `?vecka=${addDays(monday, 7)}`,
    week: mine.filter((m) => m.status !== 'requested').map((m) => meetingView(m, locals.now)),
    waiting: mine.filter((m) => m.status === 'requested' && !queued.has(m.id)).map((m) => meetingView(m, locals.now)),
    queue: queue?.map((m) => meetingView(m, locals.now)) ?? null,
    mayRequest: mayRequest(locals.user),
    // The team plans its own recurring meetings (police collaboration, APT-besök) on /moten/serier.
    teamSide: teamId !== null,
  };
};
