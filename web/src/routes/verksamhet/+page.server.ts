import { redirect } from '@sveltejs/kit';
import { safeNext } from '#lib/server/api.ts';
import { organisationsOf, rememberOrganisation } from '#lib/server/organisation-choice.ts';
import type { Actions, PageServerLoad } from './$types';

// Only the top bar's picker posts here; a visit on its own goes to the start page.
export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
  default: async ({ request, locals, cookies, url }) => {
    const form = await request.formData();
    const id = String(form.get('organisationId') ?? '');
    // Only one of the person's own organisations is kept; anything else is ignored.
    if (organisationsOf(locals.user!).some((o) => o.id === id)) rememberOrganisation(cookies, id, url.protocol === 'https:');
    redirect(303, safeNext(String(form.get('next') ?? '/')));
  },
};
