import { error } from '@sveltejs/kit';
import { devMailSchema, mailStatusSchema } from '#contracts/mail.ts';
import { shortMoment } from '#lib/server/format.ts';
import { z } from '#contracts/zod.ts';
import { t } from '#lib/i18n.ts';
import { apiGet, apiGetOrProblem, apiSend } from '#lib/server/api.ts';
import { failWith } from '#lib/server/forms.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, locals, url }) => {
  if (!locals.user!.memberships.some((m) => m.role === 'admin')) error(404, t('error.404'));
  const status = await apiGet(fetch, '/api/mail/status', mailStatusSchema);
  // The dev mailbox exists in demo mode only; elsewhere the API answers 404 and the page leaves it out.
  // The mailbox can be narrowed to one address (?till=); the API checks it and answers 400 when it is no address.
  const to = url.searchParams.get('till')?.trim() ?? '';
  const query = to ? `?to=${encodeURIComponent(to)}` : '';
  const dev = status.transport === 'dev' ? await apiGetOrProblem(fetch, `/api/dev/outbox${query}`, z.array(devMailSchema), [400, 404]) : null;
  return {
    status: { ...status, failures: status.failures.map((f) => ({ ...f, when: shortMoment(f.failedAt, locals.now) })) },
    mails: dev?.ok ? dev.data.slice(0, 50).map((m) => ({ ...m, when: shortMoment(m.sentAt, locals.now) })) : dev?.problem.status === 400 ? [] : null,
    to,
    toError: dev && !dev.ok && dev.problem.status === 400 ? t('mail.badAddress') : null,
  };
};

export const actions: Actions = {
  retry: async ({ request, fetch }) => {
    const id = String((await request.formData()).get('id') ?? '');
    const res = await apiSend(fetch, 'POST', `/api/mail/failures/${encodeURIComponent(id)}/retry`);
    if (!res.ok) return failWith(res.problem, {}, 'id');
    return { saved: t('mail.retried') };
  },
};
