import { enrolmentSchema, recoveryCodesResponse, secondFactorStatus } from '#contracts/second-factor.ts';
import { t } from '#lib/i18n.ts';
import { apiGet, apiSend } from '#lib/server/api.ts';
import { failWith } from '#lib/server/forms.ts';
import type { Actions, PageServerLoad } from './$types';

type Fetch = typeof fetch;

export const load: PageServerLoad = async ({ fetch }) => ({ status: await apiGet(fetch, '/api/me/mfa', secondFactorStatus) });

const codeOf = async (request: Request) => String((await request.formData()).get('code') ?? '').trim();

/** The QR code again (the same secret within ten minutes), so a mistyped code keeps what was scanned. */
async function enrolment(fetch: Fetch) {
  const res = await apiSend(fetch, 'POST', '/api/me/mfa/enrol');
  return res.ok ? enrolmentSchema.parse(res.data) : null;
}

export const actions: Actions = {
  start: async ({ fetch }) => {
    const res = await apiSend(fetch, 'POST', '/api/me/mfa/enrol');
    if (!res.ok) return failWith(res.problem, {}, 'start');
    return { enrolment: enrolmentSchema.parse(res.data) };
  },
  confirm: async ({ request, fetch }) => {
    const code = await codeOf(request);
    const res = await apiSend(fetch, 'POST', '/api/me/mfa/confirm', { code });
    if (!res.ok) return failWith(res.problem, {}, 'code', { enrolment: await enrolment(fetch) });
    return { recoveryCodes: recoveryCodesResponse.parse(res.data).recoveryCodes };
  },
  renew: async ({ request, fetch }) => {
    const res = await apiSend(fetch, 'POST', '/api/me/mfa/recovery-codes', { code: await codeOf(request) });
    if (!res.ok) return failWith(res.problem, {}, 'code');
    return { recoveryCodes: recoveryCodesResponse.parse(res.data).recoveryCodes };
  },
  disable: async ({ request, fetch }) => {
    const res = await apiSend(fetch, 'POST', '/api/me/mfa/disable', { code: await codeOf(request) });
    if (!res.ok) return failWith(res.problem, {}, 'code');
    return { saved: t('mfa.disabled') };
  },
};
