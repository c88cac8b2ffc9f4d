import { fail, redirect } from '@sveltejs/kit';
import { PASSWORD_MIN } from '#contracts/accounts.ts';
import { t } from '#lib/i18n.ts';
import { apiSend } from '#lib/server/api.ts';
import type { Actions, PageServerLoad } from './$types';

// The link's secret rides in the address (?nyckel=) and then in the form; the request log keeps
// paths only, and Referrer-Policy same-origin keeps the address from any other site. (A page
// policy of no-referrer would make the browser send Origin: null, and the form would be refused
// as cross-site without JavaScript.)
export const load: PageServerLoad = ({ url }) => ({ token: url.searchParams.get('nyckel') ?? '' });

export const actions: Actions = {
  default: async ({ request, fetch }) => {
    const form = await request.formData();
    const token = String(form.get('token') ?? '');
    const password = String(form.get('password') ?? '');
    const again = String(form.get('again') ?? '');
    const errors: { field: string; message: string }[] = [];
    if ([...password].length < PASSWORD_MIN) errors.push({ field: 'password', message: t('choose.tooShort', { min: PASSWORD_MIN }) });
    else if (password !== again) errors.push({ field: 'again', message: t('choose.mismatch') });
    if (errors.length) return fail(400, { errors, gone: false });
    const res = await apiSend(fetch, 'POST', '/api/auth/set-password', { token, password });
    if (res.ok) redirect(303, '/login?losenord=valt');
    if (res.problem.code === 'already_used' || res.problem.fields?.some((f) => f.field === 'token')) return fail(410, { errors: [{ field: 'password', message: t('choose.gone') }], gone: true });
    const message = res.problem.fields?.find((f) => f.field === 'password')?.message ?? res.problem.detail;
    return fail(res.problem.status, { errors: [{ field: 'password', message }], gone: false });
  },
};
