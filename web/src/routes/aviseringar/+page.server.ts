import { redirect } from '@sveltejs/kit';
import { notificationSchema } from '#contracts/mail.ts';
import { shortMoment } from '#lib/server/format.ts';
import { z } from '#contracts/zod.ts';
import { t } from '#lib/i18n.ts';
import { apiGet, apiSend, safeNext } from '#lib/server/api.ts';
import { failWith } from '#lib/server/forms.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, locals }) => {
  const list = await apiGet(fetch, '/api/me/notifications', z.array(notificationSchema));
  return { notifications: list.map((n) => ({ ...n, when: shortMoment(n.createdAt, locals.now) })) };
};

export const actions: Actions = {
  /** Opens what the notification is about, marking it read on the way. */
  open: async ({ request, fetch }) => {
    const form = await request.formData();
    const id = String(form.get('id') ?? '');
    const res = await apiSend(fetch, 'POST', `/api/me/notifications/${encodeURIComponent(id)}/read`);
    if (!res.ok) return failWith(res.problem, {}, 'id');
    redirect(303, safeNext(String(form.get('link') ?? '/')));
  },
  read: async ({ request, fetch }) => {
    const id = String((await request.formData()).get('id') ?? '');
    const res = await apiSend(fetch, 'POST', `/api/me/notifications/${encodeURIComponent(id)}/read`);
    if (!res.ok) return failWith(res.problem, {}, 'id');
    return { saved: t('notifications.marked') };
  },
};
