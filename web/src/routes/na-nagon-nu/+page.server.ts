import { contactSchema, reachSchema } from '#contracts/contacts.ts';
import { z } from '#contracts/zod.ts';
import { formatTime } from '#lib/server/format.ts';
import { language } from '#lib/i18n.ts';
import { apiGet, apiGetOrProblem } from '#lib/server/api.ts';
import { busyDoing, reasonOf } from '#lib/server/reach-words.ts';
import { chosenOrganisation } from '#lib/server/organisation-choice.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, locals, cookies, url }) => {
  const memberships = locals.user!.memberships.filter((m) => m.organisationId);
  // The organisation chosen in the top bar (or the first): one list, for the place the person is at.
  const chosen = chosenOrganisation(locals.user!, cookies);
  const shown = memberships.filter((m) => m.organisationId === chosen).slice(0, 1);
  // `?at=` shows the ladder as it will be at another moment (the API reads and bounds it); a time
  // it cannot read is said, and the ladder is the one of now.
  const at = url.searchParams.get('at');
  const notes: { atProblem?: string } = {};
  const reachOf = async (organisationId: string) => {
    const path = `/api/organisations/${organisationId}/reach`;
    if (at) {
      const res = await apiGetOrProblem(fetch, `${path}?at=${encodeURIComponent(at)}`, reachSchema, [400]);
      if (res.ok) return res.data;
      notes.atProblem = res.problem.detail;
    }
    return apiGet(fetch, path, reachSchema);
  };
  // Contacts busy right now are not on the ladder, but not hidden either: when they are free again.
  const busyOf = async (organisationId: string) =>
    at
      ? []
      : (await apiGet(fetch, `/api/organisations/${organisationId}/contacts`, z.array(contactSchema)))
          .filter((c) => c.status.kind === 'busy' && c.status.until && c.phone)
          // What they are doing is the API's Swedish word ("I walk-and-talk"): said on Swedish pages only.
          .map((c) => ({ userId: c.userId, name: c.name, doing: language() === 'sv' ? busyDoing(c.status.label) : null, freeAt: formatTime(new Date(c.status.until!)) }));
  const reach = await Promise.all(
    shown.map(async (m) => ({ organisationName: m.organisationName!, busy: await busyOf(m.organisationId!), ...(await reachOf(m.organisationId!)) })),
  ).then((list) => list.map((r) => ({ ...r, time: formatTime(new Date(r.at)), routes: r.routes.map((route) => ({ ...route, reason: reasonOf(route, new Date(r.at)) })) })));
  const teamMember = memberships.some((m) => m.role === 'team_lead' || m.role === 'social_worker');
  // Someone with several organisations is told which one the list is for.
  return { reach, teamMember, atProblem: notes.atProblem ?? null, several: new Set(memberships.map((m) => m.organisationId)).size > 1 };
};
