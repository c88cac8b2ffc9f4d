import { fail, redirect } from '@sveltejs/kit';
import { authMethodsSchema } from '#contracts/auth.ts';
import { secondStepResponse } from '#contracts/second-factor.ts';
import { t } from '#lib/i18n.ts';
import { apiGet, apiSend, safeNext } from '#lib/server/api.ts';
import type { Actions, PageServerLoad } from './$types';
import { secondStepOf } from './second-step.ts';

const CITY_REFUSALS = ['okand', 'misslyckades', 'ej-tillganglig'] as const;

export const load: PageServerLoad = async ({ locals, url, fetch }) => {
  const next = safeNext(url.searchParams.get('next'));
  if (locals.user) redirect(303, next);
  const methods = await apiGet(fetch, '/api/auth/methods', authMethodsSchema);
  const refusal = CITY_REFUSALS.find((r) => r === url.searchParams.get('stadens-konto'));
  return {
    next,
    loggedOut: url.searchParams.has('utloggad'),
    passwordChosen: url.searchParams.get('losenord') === 'valt',
    cityLink: methods.city ? `/api/auth/oidc/login?next=${encodeURIComponent(next)}` : null,
    cityRefusal: refusal ? t(`login.city.${refusal}`) : null,
  };
};

export const actions: Actions = {
  password: async ({ request, fetch }) => {
    const form = await request.formData();
    const next = safeNext(String(form.get('next') ?? ''));
    const email = String(form.get('email') ?? '').trim();
    const password = String(form.get('password') ?? '');

    const errors: { field: string; message: string }[] = [];
    if (!email) errors.push({ field: 'email', message: t('login.missingEmail') });
    if (!password) errors.push({ field: 'password', message: t('login.missingPassword') });
    if (errors.length) return fail(400, { email, errors });

    const result = await apiSend(fetch, 'POST', '/api/auth/login', { email, password });
    if (result.ok) redirect(303, next);

    const { problem } = result;
    if (problem.code === 'mfa_required' && problem.mfaToken) {
      const step = await secondStepOf(fetch, problem.mfaToken, problem.enrolment === true);
      if (step) return fail(401, { email, step, errors: [] });
    }
    if (problem.code === 'invalid_request') {
      const emailWrong = problem.fields?.some((f) => f.field.startsWith('email'));
      return fail(400, { email, errors: [{ field: emailWrong ? 'email' : 'password', message: emailWrong ? t('login.invalidEmail') : problem.detail }] });
    }
    const message = problem.code === 'unavailable' || problem.status >= 500 ? t('login.unavailable') : problem.detail;
    return fail(problem.status, { email, errors: [{ field: 'email', message }] });
  },

  /** The second step: the code from the app, or a recovery code. */
  code: async ({ request, fetch }) => {
    const form = await request.formData();
    const mfaToken = String(form.get('mfaToken') ?? '');
    const enrolment = form.get('enrolment') === 'true';
    const code = String(form.get('code') ?? '').trim();
    const next = safeNext(String(form.get('next') ?? ''));
    const again = async (message: string, status: number) => {
      const step = await secondStepOf(fetch, mfaToken, enrolment);
      // The token has run out (five minutes): back to the first step, saying so.
      if (!step) return fail(401, { email: '', errors: [{ field: 'email', message: t('login.secondStepExpired') }] });
      return fail(status, { email: '', step, errors: [{ field: 'code', message }] });
    };
    if (!code) return again(t('mfa.missingCode'), 400);

    const res = await apiSend(fetch, 'POST', '/api/auth/mfa', { mfaToken, code });
    if (res.ok) {
      const { recoveryCodes } = secondStepResponse.parse(res.data);
      if (recoveryCodes) return { recoveryCodes, next };
      redirect(303, next);
    }
    if (res.problem.code === 'unauthenticated') return fail(401, { email: '', errors: [{ field: 'email', message: t('login.secondStepExpired') }] });
    return again(res.problem.fields?.find((f) => f.field === 'code')?.message ?? res.problem.detail, res.problem.status);
  },
};
