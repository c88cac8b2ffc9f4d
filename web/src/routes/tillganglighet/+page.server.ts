import { aboutSchema } from '#contracts/about.ts';
import { apiGet } from '#lib/server/api.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch }) => ({ about: await apiGet(fetch, '/api/about', aboutSchema) });
