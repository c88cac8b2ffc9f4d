import { fail, redirect } from '@sveltejs/kit';
import { t } from '#lib/i18n.ts';
import { apiSend, safeNext } from '#lib/server/api.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
  if (locals.user) redirect(303, safeNext(url.searchParams.get('next')));
  return { loggedOut: url.searchParams.has('utloggad'), passwordChosen: url.searchParams.get('losenord') === 'valt' };
};

export const actions: Actions = {
  default: async ({ request, fetch, url }) => {
    const form = await request.formData();
    const email = String(form.get('email') ?? '').trim();
    const password = String(form.get('password') ?? '');

    const errors: { field: string; message: string }[] = [];
    if (!email) errors.push({ field: 'email', message: t('login.missingEmail') });
    if (!password) errors.push({ field: 'password', message: t('login.missingPassword') });
    if (errors.length) return fail(400, { email, errors });

    const result = await apiSend(fetch, 'POST', '/api/auth/login', { email, password });
    if (result.ok) redirect(303, safeNext(url.searchParams.get('next')));

    const { problem } = result;
    if (problem.code === 'invalid_request') {
      const emailWrong = problem.fields?.some((f) => f.field.startsWith('email'));
      return fail(400, { email, errors: [{ field: emailWrong ? 'email' : 'password', message: emailWrong ? t('login.invalidEmail') : problem.detail }] });
    }
    const message = problem.code === 'unavailable' || problem.status >= 500 ? t('login.unavailable') : problem.detail;
    return fail(problem.status, { email, errors: [{ field: 'email', message }] });
  },
};
