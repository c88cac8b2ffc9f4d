import { error, fail, redirect } from '@sveltejs/kit';
import { slotSchema } from '#contracts/slots.ts';
import { t } from '#lib/i18n.ts';
import { apiGet, apiSend } from '#lib/server/api.ts';
import { failWith, formValues, renameFields } from '#lib/server/forms.ts';
import { slotView } from '#lib/server/slots.ts';
import { teamOf } from '#lib/server/team.ts';
import { stockholmIso, stockholmParts, weekOf } from '#contracts/time.ts';
import type { Actions, PageServerLoad } from './$types';

/** Back to Min vecka in the week of a date, in the view the person came from. */
const weekHref = (date: string, url: URL) => `/min-vecka?vecka=${weekOf(date).monday}${url.searchParams.get('vy') === 'teamet' ? '&vy=teamet' : ''}`;

export const load: PageServerLoad = async ({ fetch, locals, params, url }) => {
  if (!teamOf(locals.user)) error(404, t('error.404'));
  const slot = slotView(await apiGet(fetch, `/api/slots/${encodeURIComponent(params.id)}`, slotSchema));
  const { date, time } = stockholmParts(slot.startsAt);
  return {
    slot,
    current: { date, startTime: time } as Record<string, string>,
    movable: !slot.cancelled && Date.parse(slot.startsAt) > locals.now.getTime(),
    back: weekHref(date, url),
  };
};

export const actions: Actions = {
  default: async ({ request, fetch, params, url }) => {
    const values = formValues(await request.formData(), ['date', 'startTime']);
    const startsAt = stockholmIso(values.date ?? '', values.startTime ?? '');
    if (!startsAt) return fail(400, { values, errors: [{ field: values.date ? 'startTime' : 'date', message: t('form.invalidTime') }] });
    const res = await apiSend(fetch, 'POST', `/api/slots/${encodeURIComponent(params.id)}/move`, { startsAt });
    if (!res.ok) return failWith(renameFields(res.problem, { startsAt: 'date' }), values, 'date');
    redirect(303, `${weekHref(values.date!, url)}&flyttad=${encodeURIComponent(params.id)}`);
  },
};
