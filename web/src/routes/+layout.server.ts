import { notificationSchema } from '#contracts/mail.ts';
import { z } from '#contracts/zod.ts';
import { organisationPicker } from '#lib/server/organisation-choice.ts';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals, cookies, fetch }) => {
  // The bell's count: unread notifications, read with the page (no script needed).
  let unread = 0;
  if (locals.user) {
    const res = await fetch('/api/me/notifications');
    if (res.ok) unread = z.array(notificationSchema).parse(await res.json()).filter((n) => n.readAt === null).length;
  }
  return { user: locals.user, organisationPicker: organisationPicker(locals.user, cookies), unread, lang: locals.lang };
};
