import { z } from '#contracts/zod.ts';
import { myBookingSchema } from '#contracts/bookings.ts';
import { slotSchema } from '#contracts/slots.ts';
import { t } from '#lib/i18n.ts';
import { apiGet, apiSend } from '#lib/server/api.ts';
import { failWith, formValues } from '#lib/server/forms.ts';
import { when } from '#lib/server/slots.ts';
import type { Actions, PageServerLoad } from './$types';
import { names } from '#lib/server/format.ts';

export const load: PageServerLoad = async ({ fetch, url, locals }) => {
  const bookings = await apiGet(fetch, '/api/bookings?mine=true', z.array(myBookingSchema));
  const places = [...new Set(bookings.filter((b) => b.status === 'booked').map((b) => b.organisationId))];
  const free = new Map(
    await Promise.all(places.map(async (id) => [id, (await apiGet(fetch, `/api/slots?organisationId=${id}`, z.array(slotSchema))).filter((s) => s.bookable)] as const)),
  );
  const now = locals.now.getTime();
  const view = bookings.map((b) => ({
    ...b,
    when: when(b.startsAt, b.endsAt),
    topicLabel: t(`topic.${b.topic}`),
    hostNames: names(b.hosts),
    upcoming: b.status === 'booked' && Date.parse(b.startsAt) > now,
    moveTo: (free.get(b.organisationId) ?? []).filter((s) => s.id !== b.slotId).map((s) => ({ id: s.id, label: when(s.startsAt, s.endsAt) })),
  }));
  const justBooked = view.find((b) => b.id === url.searchParams.get('bokad') && b.status === 'booked') ?? null;
  // Kommande, Tidigare and Avbokade: what is ahead first, soonest first; the rest newest first.
  const newestFirst = (a: { startsAt: string }, b: { startsAt: string }) => b.startsAt.localeCompare(a.startsAt);
  return {
    upcoming: view.filter((b) => b.upcoming).toSorted((a, b) => a.startsAt.localeCompare(b.startsAt)),
    past: view.filter((b) => !b.upcoming && b.status !== 'cancelled').toSorted(newestFirst),
    cancelled: view.filter((b) => b.status === 'cancelled').toSorted(newestFirst),
    justBooked,
  };
};

export const actions: Actions = {
  // Avboka asks first (a second form, so it works without JavaScript too), then cancels; the
  // answer is shown at the booking, where the person is.
  cancel: async ({ request, fetch }) => {
    const form = await request.formData();
    const id = String(form.get('id') ?? '');
    if (form.get('confirm') !== 'yes') return { confirmCancel: id };
    const res = await apiSend(fetch, 'POST', `/api/bookings/${encodeURIComponent(id)}/cancel`, {});
    if (!res.ok) return failWith(res.problem, {}, `move-${id}`);
    return { cancelledId: id };
  },
  move: async ({ request, fetch }) => {
    const form = await request.formData();
    const id = String(form.get('id') ?? '');
    const values = formValues(form, ['slotId']);
    const res = await apiSend(fetch, 'POST', `/api/bookings/${encodeURIComponent(id)}/move`, values);
    if (!res.ok) return failWith({ ...res.problem, fields: undefined }, values, `move-${id}`);
    const moved = myBookingSchema.parse(res.data);
    return { saved: t('mine.moved', { when: when(moved.startsAt, moved.endsAt) }) };
  },
};
