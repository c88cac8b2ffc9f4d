import { randomUUID } from 'node:crypto';
import { redirect } from '@sveltejs/kit';
import { slotSchema } from '#contracts/slots.ts';
import { bookingSchema, topicValues } from '#contracts/bookings.ts';
import { formatDay, formatTime } from '#lib/server/format.ts';
import { t } from '#lib/i18n.ts';
import { apiGet, apiSend, idempotencyHeader } from '#lib/server/api.ts';
import { failWith, formValues } from '#lib/server/forms.ts';
import { slotView } from '#lib/server/slots.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, params }) => {
  const slot = slotView(await apiGet(fetch, `/api/slots/${encodeURIComponent(params.id)}`, slotSchema));
  // One key per form shown: the same form sent twice books once.
  return { slot, topics: topicValues.map((value) => ({ value, label: t(`topic.${value}`) })), idempotencyKey: randomUUID() };
};

export const actions: Actions = {
  default: async ({ request, fetch, params }) => {
    const form = await request.formData();
    const values = formValues(form, ['topic', 'note']);
    const res = await apiSend(fetch, 'POST', `/api/slots/${encodeURIComponent(params.id)}/bookings`, values, idempotencyHeader(form));
    if (res.ok) redirect(303, `/mina-bokningar?bokad=${bookingSchema.parse(res.data).id}`);
    // A taken slot says so where the time is shown, and offers the next free ones: each books at
    // once with the topic and note already given.
    const taken = res.problem.code === 'slot_taken';
    const alternatives = (res.problem.alternatives ?? []).map((a) => ({ id: a.id, label: t('slots.dayTime', { day: formatDay(new Date(a.startsAt)), time: formatTime(new Date(a.startsAt)) }) }));
    const field = taken ? 'alternatives-heading' : res.problem.code === 'identifying_data' ? 'note' : 'topic';
    return failWith({ ...res.problem, fields: taken ? undefined : res.problem.fields }, values, field, { alternatives, taken });
  },
};
