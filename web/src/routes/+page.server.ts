import { organisationListSchema } from '#contracts/organisations.ts';
import { apiGet } from '#lib/server/api.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch }) => ({
  organisations: await apiGet(fetch, '/api/organisations', organisationListSchema),
});
