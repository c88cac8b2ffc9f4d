import { redirect } from '@sveltejs/kit';
import { safeNext } from '#lib/server/api.ts';
import { LANGUAGE_COOKIE, LANGUAGE_MAX_AGE, languageOf } from '#lib/server/language.ts';
import type { Actions, PageServerLoad } from './$types';

// Only the footer's language button posts here; a visit on its own goes to the start page.
export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
  default: async ({ request, cookies, url }) => {
    const form = await request.formData();
    // Anything but a language the app has is Swedish; the choice is kept for a year.
    cookies.set(LANGUAGE_COOKIE, languageOf(String(form.get('lang') ?? '')), { path: '/', httpOnly: true, sameSite: 'lax', secure: url.protocol === 'https:', maxAge: LANGUAGE_MAX_AGE });
    redirect(303, safeNext(String(form.get('next') ?? '/')));
  },
};
