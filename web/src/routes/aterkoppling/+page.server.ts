import { organisationListSchema } from '#contracts/organisations.ts';
import { apiGet } from '#lib/server/api.ts';
import { feedbackPlaces, inboxEntryView, inboxSchema } from '#lib/server/consents.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, locals }) => {
  const places = feedbackPlaces(locals.user!, await apiGet(fetch, '/api/organisations', organisationListSchema));
  const sections = await Promise.all(
    places.map(async (p) => ({ ...p, entries: (await apiGet(fetch, `/api/organisations/${p.id}/feedback`, inboxSchema)).map((e) => inboxEntryView(e, p.id, locals.now)) })),
  );
  // A preschool unit's cases are on its preschools, so its own list is left out when it is empty.
  return { sections: sections.filter((s) => !(s.isUnit && s.entries.length === 0 && sections.length > 1)) };
};
