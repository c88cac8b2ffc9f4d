import { fail } from '@sveltejs/kit';
import { t } from '#lib/i18n.ts';
import { apiSend } from '#lib/server/api.ts';
import type { Actions } from './$types';

export const actions: Actions = {
  default: async ({ request, fetch }) => {
    const email = String((await request.formData()).get('email') ?? '').trim();
    if (!email) return fail(400, { email, errors: [{ field: 'email', message: t('login.missingEmail') }] });
    const res = await apiSend(fetch, 'POST', '/api/auth/password-reset', { email });
    if (res.ok) return { sent: true, email };
    const message = res.problem.code === 'invalid_request' ? t('login.invalidEmail') : res.problem.detail;
    return fail(res.problem.status, { email, errors: [{ field: 'email', message }] });
  },
};
