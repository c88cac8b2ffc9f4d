import { error } from '@sveltejs/kit';
import { z } from '#contracts/zod.ts';
import { formatDate } from '#contracts/format.ts';
import { hostedSlotSchema } from '#contracts/slots.ts';
import { t } from '#lib/i18n.ts';
import { apiGet, apiSend } from '#lib/server/api.ts';
import { failWith, formValues } from '#lib/server/forms.ts';
import { slotView } from '#lib/server/slots.ts';
import { teamOf } from '#lib/server/team.ts';
import { shiftDate as shift, todayInStockholm, weekOf } from '#lib/server/time.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, locals, url }) => {
  if (!teamOf(locals.user)) error(404, t('error.404'));
  const asked = url.searchParams.get('vecka');
  const { monday, week } = weekOf(asked && /^\d{4}-\d{2}-\d{2}$/.test(asked) ? asked : todayInStockholm());
  const sunday = shift(monday, 6);
  const slots = await apiGet(fetch, `/api/me/hosted-slots?from=${monday}&to=${sunday}`, z.array(hostedSlotSchema));
  const now = Date.now();
  return {
    heading: t('week.range', { week, from: formatDate(monday), to: formatDate(sunday) }),
    previous: shift(monday, -7),
    next: shift(monday, 7),
    slots: slots.map((s) => ({
      ...slotView(s),
      started: Date.parse(s.startsAt) <= now,
      bookings: s.bookings.map((b) => ({ ...b, topicLabel: t(`topic.${b.topic as 'general_question'}`) })),
    })),
  };
};

export const actions: Actions = {
  attendance: async ({ request, fetch }) => {
    const form = await request.formData();
    const id = String(form.get('id') ?? '');
    const status = String(form.get('status') ?? '');
    const res = await apiSend(fetch, 'POST', `/api/bookings/${encodeURIComponent(id)}/attendance`, { status });
    if (!res.ok) return failWith({ ...res.problem, fields: undefined }, {}, `booking-${id}`);
    return { saved: status === 'attended' ? t('week.markedAttended') : t('week.markedNoShow') };
  },
  cancelSlot: async ({ request, fetch }) => {
    const form = await request.formData();
    const id = String(form.get('id') ?? '');
    const values = formValues(form, ['reason']);
    const res = await apiSend(fetch, 'POST', `/api/slots/${encodeURIComponent(id)}/cancel`, values);
    if (!res.ok) return failWith({ ...res.problem, fields: undefined }, values, `reason-${id}`);
    return { saved: t('week.slotCancelled') };
  },
};
