import { reachSchema } from '#contracts/contacts.ts';
import { formatTime } from '#contracts/time.ts';
import { apiGet } from '#lib/server/api.ts';
import { chosenOrganisation } from '#lib/server/organisation-choice.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, locals, cookies }) => {
  const memberships = locals.user!.memberships.filter((m) => m.organisationId);
  // The organisation chosen in the top bar (or the first): one list, for the place the person is at.
  const chosen = chosenOrganisation(locals.user!, cookies);
  const shown = memberships.filter((m) => m.organisationId === chosen).slice(0, 1);
  const reach = await Promise.all(
    shown.map(async (m) => ({
      organisationName: m.organisationName!,
      ...(await apiGet(fetch, `/api/organisations/${m.organisationId}/reach`, reachSchema)),
    })),
  ).then((list) => list.map((r) => ({ ...r, time: `kl. ${formatTime(new Date(r.at))}` })));
  const teamMember = memberships.some((m) => m.role === 'team_lead' || m.role === 'social_worker');
  // Someone with several organisations is told which one the list is for.
  return { reach, teamMember, several: new Set(memberships.map((m) => m.organisationId)).size > 1 };
};
