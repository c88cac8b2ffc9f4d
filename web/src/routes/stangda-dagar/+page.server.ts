import { error } from '@sveltejs/kit';
import { formatDate } from '#lib/server/format.ts';
import { closedDaySchema } from '#contracts/team.ts';
import { z } from '#contracts/zod.ts';
import { t } from '#lib/i18n.ts';
import { apiGet, apiSend } from '#lib/server/api.ts';
import { failWith, formValues } from '#lib/server/forms.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, locals }) => {
  if (!locals.user!.memberships.some((m) => m.role === 'admin')) error(404, t('error.404'));
  const days = await apiGet(fetch, '/api/closed-days', z.array(closedDaySchema));
  return { days: days.map((d) => ({ ...d, label: formatDate(d.day) })) };
};

export const actions: Actions = {
  add: async ({ request, fetch }) => {
    const values = formValues(await request.formData(), ['day', 'name']);
    const res = await apiSend(fetch, 'POST', '/api/closed-days', values);
    if (!res.ok) return failWith(res.problem, values, 'day');
    return { saved: t('closed.added') };
  },
  remove: async ({ request, fetch }) => {
    const day = String((await request.formData()).get('day') ?? '');
    const res = await apiSend(fetch, 'DELETE', `/api/closed-days/${encodeURIComponent(day)}`);
    if (!res.ok) return failWith(res.problem, {}, 'day');
    return { saved: t('closed.removed') };
  },
};
