import { z } from '#contracts/zod.ts';
import { organisationListSchema } from '#contracts/organisations.ts';
import { slotSchema } from '#contracts/slots.ts';
import { apiGet } from '#lib/server/api.ts';
import { bookingPlaces, slotView } from '#lib/server/slots.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, locals }) => {
  const places = bookingPlaces(locals.user!, await apiGet(fetch, '/api/organisations', organisationListSchema));
  return {
    places: await Promise.all(
      places.map(async (p) => ({
        id: p.id,
        name: p.name,
        slots: (await apiGet(fetch, `/api/slots?organisationId=${p.id}`, z.array(slotSchema))).map(slotView),
      })),
    ),
  };
};
