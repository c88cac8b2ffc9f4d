import { error } from '@sveltejs/kit';
import { z } from '#contracts/zod.ts';
import { formatDate } from '#contracts/format.ts';
import { hostedSlotSchema } from '#contracts/slots.ts';
import { t } from '#lib/i18n.ts';
import { apiGet, apiSend } from '#lib/server/api.ts';
import { failWith, formValues } from '#lib/server/forms.ts';
import { slotView } from '#lib/server/slots.ts';
import { teamOf } from '#lib/server/team.ts';
import type { Actions, PageServerLoad } from './$types';

const DAY = 86_400_000;
const stockholmDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Monday of the week a date falls in, and its ISO week number. */
function weekOf(date: string) {
  const d = new Date(`${date}T00:00:00Z`);
  const monday = new Date(d.getTime() - (((d.getUTCDay() || 7) - 1) * DAY));
  const thursday = new Date(monday.getTime() + 3 * DAY);
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  const week = Math.floor((thursday.getTime() - yearStart) / DAY / 7) + 1;
  return { monday: monday.toISOString().slice(0, 10), week };
}
const shift = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

export const load: PageServerLoad = async ({ fetch, locals, url }) => {
  if (!teamOf(locals.user)) error(404, t('error.404'));
  const asked = url.searchParams.get('vecka');
  const { monday, week } = weekOf(asked && /^\d{4}-\d{2}-\d{2}$/.test(asked) ? asked : stockholmDay.format(new Date()));
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
