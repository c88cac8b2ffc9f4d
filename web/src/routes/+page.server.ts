import { z } from '#contracts/zod.ts';
import { contactSchema } from '#contracts/contacts.ts';
import { organisationListSchema } from '#contracts/organisations.ts';
import { apiGet } from '#lib/server/api.ts';
import type { PageServerLoad } from './$types';

type Contact = z.infer<typeof contactSchema>;

/** One card per person: a contact named for several sections lists them all (order kept). */
function byPerson(contacts: Contact[]) {
  const people = new Map<string, Contact & { sectionNames: string[] }>();
  for (const c of contacts) {
    const seen = people.get(c.userId);
    if (seen) {
      if (c.sectionName) seen.sectionNames.push(c.sectionName);
    } else people.set(c.userId, { ...c, sectionNames: c.sectionName ? [c.sectionName] : [] });
  }
  return [...people.values()];
}

const STAFF_ROLES = new Set(['pedagogue', 'principal', 'pupil_health', 'police']);

export const load: PageServerLoad = async ({ fetch, locals }) => {
  // School, preschool and police staff see the named contacts of each place they work at.
  const places = [...new Map(
    locals.user!.memberships.filter((m) => m.organisationId && STAFF_ROLES.has(m.role)).map((m) => [m.organisationId!, m.organisationName!]),
  )];
  const [organisations, contacts] = await Promise.all([
    apiGet(fetch, '/api/organisations', organisationListSchema),
    Promise.all(
      places.map(async ([id, name]) => ({ id, name, contacts: byPerson(await apiGet(fetch, `/api/organisations/${id}/contacts`, z.array(contactSchema))) })),
    ),
  ]);
  return { organisations, contacts };
};
