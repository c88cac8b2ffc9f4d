import { calendarDate } from '#contracts/dates.ts';
import { stockholmDate } from '#contracts/time.ts';
import { z } from '#contracts/zod.ts';
import { contactSchema } from '#contracts/contacts.ts';
import { organisationListSchema } from '#contracts/organisations.ts';
import { reminderSchema } from '#contracts/terms.ts';
import { t } from '#lib/i18n.ts';
import { apiGet, apiSend } from '#lib/server/api.ts';
import { failWith } from '#lib/server/forms.ts';
import { chosenOrganisation } from '#lib/server/organisation-choice.ts';
import { reminderView } from '#lib/server/reminders.ts';
import { placeWaits, schoolDay, teamDay, teamWeek } from '#lib/server/home.ts';
import { statusOf } from '#lib/server/reach-words.ts';
import { teamOf } from '#lib/server/team.ts';
import type { Actions, PageServerLoad } from './$types';

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

const STAFF_ROLES: ReadonlySet<string> = new Set(['pedagogue', 'principal', 'pupil_health', 'partner', 'police']);

export const load: PageServerLoad = async ({ fetch, locals, cookies, url }) => {
  const user = locals.user!;
  // A social worker can look at any day's agenda: ?dag=ÅÅÅÅ-MM-DD (a date that cannot be read shows today).
  const asked = url.searchParams.get('dag');
  const day = asked === null ? undefined : calendarDate.safeParse(asked);
  // School, preschool and police staff see the named contacts of the place they work at: the one
  // chosen in the top bar, or the first.
  const places = [...new Map(user.memberships.filter((m) => m.organisationId && STAFF_ROLES.has(m.role)).map((m) => [m.organisationId!, m.organisationName!]))];
  const chosen = chosenOrganisation(user, cookies);
  const shown = places.filter(([id]) => id === chosen);
  const place = (shown.length ? shown : places.slice(0, 1))[0];
  // The day of the person: a school's (contact, reach, next walk-and-talk) or a team's (agenda, to-do).
  const teamId = teamOf(user);
  const lead = user.memberships.some((m) => m.role === 'team_lead' && m.organisationId === teamId);
  const books = user.memberships.some((m) => ['pedagogue', 'principal', 'pupil_health'].includes(m.role));
  // Read once: the page lists them, and the waiting feedback is counted per organisation.
  const organisationList = apiGet(fetch, '/api/organisations', organisationListSchema);
  const [organisations, contacts, reminders, school, team, waits, week] = await Promise.all([
    organisationList,
    Promise.all(
      (place ? [place] : []).map(async ([id, name]) => {
        const all = (await apiGet(fetch, `/api/organisations/${id}/contacts`, z.array(contactSchema))).map((c) => ({ ...c, status: statusOf(c.status, locals.now) }));
        // Someone who works in a section (a stadium, an avdelning) sees that section's contacts
        // first; the place's other contacts wait one tap away.
        const section = user.memberships.find((m) => m.organisationId === id && m.sectionId)?.sectionId;
        const ownIds = new Set(all.filter((c) => !section || c.sectionId === section || c.sectionId === null).map((c) => c.userId));
        const people = byPerson(all);
        const own = people.filter((c) => ownIds.has(c.userId));
        return { id, name, contacts: own.length ? own : people, others: own.length ? people.filter((c) => !ownIds.has(c.userId)) : [] };
      }),
    ),
    // Reminders to book a walk-and-talk go to pedagogues only.
    user.memberships.some((m) => m.role === 'pedagogue') ? apiGet(fetch, '/api/me/reminders', z.array(reminderSchema)) : [],
    place ? schoolDay(fetch, place[0], books, locals.now) : Promise.resolve(null),
    teamId ? teamDay(fetch, teamId, user.id, lead, locals.now, day?.success ? day.data : undefined) : Promise.resolve(null),
    placeWaits(fetch, user, locals.now, organisationList),
    lead && teamId ? teamWeek(fetch, teamId, day?.success ? day.data : stockholmDate(locals.now)) : Promise.resolve(null),
  ]);
  return { organisations, contacts, severalPlaces: places.length > 1, reminders: reminders.map((r) => reminderView(r, user, locals.now)), school, team, waits, week, badDay: day?.success === false };
};

export const actions: Actions = {
  dismissReminder: async ({ request, fetch }) => {
    const id = String((await request.formData()).get('id') ?? '');
    const res = await apiSend(fetch, 'POST', `/api/reminders/${encodeURIComponent(id)}/dismiss`);
    if (!res.ok) return failWith(res.problem, {}, 'reminders');
    return { saved: t('reminder.dismissed') };
  },
};
