import { calendarFeedSchema } from '#contracts/agenda.ts';
import { secondFactorStatus } from '#contracts/second-factor.ts';
import { mailKindValues, mailPreferencesSchema } from '#contracts/mail.ts';
import { t } from '#lib/i18n.ts';
import { apiGet, apiSend } from '#lib/server/api.ts';
import { failWith } from '#lib/server/forms.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch }) => {
  const [{ off }, secondFactor] = await Promise.all([apiGet(fetch, '/api/me/mail-preferences', mailPreferencesSchema), apiGet(fetch, '/api/me/mfa', secondFactorStatus)]);
  return { kinds: mailKindValues.map((kind) => ({ kind, on: !off.includes(kind) })), secondFactor };
};

export const actions: Actions = {
  /** Ticked boxes are the kinds the person wants; the rest are turned off. */
  mail: async ({ request, fetch }) => {
    const wanted = new Set((await request.formData()).getAll('on').map(String));
    const res = await apiSend(fetch, 'PUT', '/api/me/mail-preferences', { off: mailKindValues.filter((k) => !wanted.has(k)) });
    if (!res.ok) return failWith(res.problem, {}, 'mail');
    return { saved: t('settings.mine.mailSaved') };
  },
  feed: async ({ fetch }) => {
    const res = await apiSend(fetch, 'POST', '/api/me/calendar-feed');
    if (!res.ok) return failWith(res.problem, {}, 'feed');
    return { feedUrl: calendarFeedSchema.parse(res.data).url };
  },
};
