import { contactSchema } from '#contracts/contacts.ts';
import { calendarDate } from '#contracts/dates.ts';
import { organisationListSchema } from '#contracts/organisations.ts';
import { slotSchema, type Slot } from '#contracts/slots.ts';
import { stockholmDate } from '#contracts/time.ts';
import { z } from '#contracts/zod.ts';
import { t } from '#lib/i18n.ts';
import { apiGet } from '#lib/server/api.ts';
import { formatDate, names } from '#lib/server/format.ts';
import { bookingPlaces, slotView } from '#lib/server/slots.ts';
import type { PageServerLoad } from './$types';

const dayOf = (s: Slot) => stockholmDate(new Date(s.startsAt));

/**
 * Booking as a calendar tool does it: the free times only, of the place's contact persons unless
 * the person asks for the whole team (?vem=alla), by day: the days with a free time to pick from,
 * and the chosen day's times (?dag=ÅÅÅÅ-MM-DD; the first day with a free time by default).
 */
export const load: PageServerLoad = async ({ fetch, locals, url }) => {
  const places = bookingPlaces(locals.user!, await apiGet(fetch, '/api/organisations', organisationListSchema));
  const everyone = url.searchParams.get('vem') === 'alla';
  const asked = calendarDate.safeParse(url.searchParams.get('dag'));
  const link = (params: { dag?: string; vem?: string }) => `?${new URLSearchParams(Object.entries(params).filter(([, v]) => v) as [string, string][])}`;
  return {
    places: await Promise.all(
      places.map(async (p) => {
        const [slots, contacts] = await Promise.all([
          apiGet(fetch, `/api/slots?organisationId=${p.id}`, z.array(slotSchema)),
          apiGet(fetch, `/api/organisations/${p.id}/contacts`, z.array(contactSchema)),
        ]);
        const free = slots.filter((s) => s.bookable);
        const contactIds = new Set(contacts.map((c) => c.userId));
        const theirs = free.filter((s) => s.hosts.some((h) => contactIds.has(h.userId)));
        // The contacts' own times first; when they have none, the team's, and the page says so.
        const mine = !everyone && theirs.length > 0;
        const shown = mine ? theirs : free;
        const days = [...new Set(shown.map(dayOf))].sort();
        const day = asked.success && days.includes(asked.data) ? asked.data : days[0];
        const vem = everyone ? 'alla' : undefined;
        return {
          id: p.id,
          name: p.name,
          published: slots.length > 0,
          contactNames: contacts.length ? names([...new Map(contacts.map((c) => [c.userId, c])).values()]) : null,
          mine,
          contactsBusy: !everyone && contacts.length > 0 && theirs.length === 0 && free.length > 0,
          filters: contacts.length
            ? [
                { label: t('slots.filterMine'), href: link({ dag: day }), current: !everyone },
                { label: t('slots.filterAll'), href: link({ dag: day, vem: 'alla' }), current: everyone },
              ]
            : [],
          days: days.map((d) => {
            const count = shown.filter((s) => dayOf(s) === d).length;
            return { date: d, label: formatDate(d), count: count === 1 ? t('slots.oneFree') : t('slots.manyFree', { count }), href: link({ dag: d, vem }), current: d === day };
          }),
          dayName: day ? formatDate(day) : null,
          slots: shown.filter((s) => dayOf(s) === day).map(slotView),
        };
      }),
    ),
  };
};
