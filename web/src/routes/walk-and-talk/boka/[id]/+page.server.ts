import { redirect } from '@sveltejs/kit';
import { slotSchema } from '#contracts/slots.ts';
import { bookingSchema, topicValues } from '#contracts/bookings.ts';
import { formatDay, formatTime } from '#contracts/time.ts';
import { t } from '#lib/i18n.ts';
import { apiGet, apiSend } from '#lib/server/api.ts';
import { failWith, formValues } from '#lib/server/forms.ts';
import { slotView } from '#lib/server/slots.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, params }) => {
  const slot = slotView(await apiGet(fetch, `/api/slots/${encodeURIComponent(params.id)}`, slotSchema));
  return { slot, topics: topicValues.map((value) => ({ value, label: t(`topic.${value}`) })) };
};

export const actions: Actions = {
  default: async ({ request, fetch, params }) => {
    const values = formValues(await request.formData(), ['topic', 'note']);
    const res = await apiSend(fetch, 'POST', `/api/slots/${encodeURIComponent(params.id)}/bookings`, values);
    if (res.ok) redirect(303, `/mina-bokningar?bokad=${bookingSchema.parse(res.data).id}`);
    // A taken slot offers the next free ones, as links straight to their booking pages.
    const alternatives = (res.problem.alternatives ?? []).map((a) => ({ id: a.id, label: `${formatDay(new Date(a.startsAt))} kl. ${formatTime(new Date(a.startsAt))}` }));
    return failWith(res.problem, values, res.problem.code === 'identifying_data' ? 'note' : 'topic', { alternatives });
  },
};
