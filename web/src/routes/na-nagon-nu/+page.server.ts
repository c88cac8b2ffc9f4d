import { reachSchema } from '#contracts/contacts.ts';
import { formatTime } from '#contracts/format.ts';
import { apiGet } from '#lib/server/api.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, locals }) => {
  const memberships = locals.user!.memberships.filter((m) => m.organisationId);
  const reach = await Promise.all(
    memberships.map(async (m) => ({
      organisationName: m.organisationName!,
      ...(await apiGet(fetch, `/api/organisations/${m.organisationId}/reach`, reachSchema)),
    })),
  ).then((list) => list.map((r) => ({ ...r, time: `kl. ${formatTime(new Date(r.at))}` })));
  const teamMember = memberships.some((m) => m.role === 'team_lead' || m.role === 'social_worker');
  return { reach, teamMember };
};
