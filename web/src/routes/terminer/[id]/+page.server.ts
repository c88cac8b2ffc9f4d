import { error, fail } from '@sveltejs/kit';
import { stockholmDate } from '#contracts/time.ts';
import { formatShortDate, shortMoment } from '#lib/server/format.ts';
import { coverageSchema, remindedSchema } from '#contracts/terms.ts';
import { t } from '#lib/i18n.ts';
import { apiGet, apiSend } from '#lib/server/api.ts';
import { failWith } from '#lib/server/forms.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, locals, params }) => {
  if (!locals.user!.memberships.some((m) => m.role === 'principal' || m.role === 'admin')) error(404, t('error.404'));
  const coverage = await apiGet(fetch, `/api/school-periods/${encodeURIComponent(params.id)}/booking-coverage`, coverageSchema);
  const today = stockholmDate(locals.now);
  const groups = coverage.groups.map((g) => ({
    name: g.name,
    booked: g.pedagogues.filter((p) => p.booked).length,
    pedagogues: g.pedagogues.map((p) => ({ ...p, reminded: p.remindedAt ? t('mandatory.reminded', { when: shortMoment(p.remindedAt, locals.now) }) : null })),
  }));
  const everyone = groups.flatMap((g) => g.pedagogues);
  return {
    name: coverage.name,
    from: formatShortDate(coverage.startsOn, today),
    until: formatShortDate(coverage.endsOn, today),
    bookingRequired: coverage.bookingRequired,
    over: coverage.endsOn < today,
    groups,
    total: everyone.length,
    booked: everyone.filter((p) => p.booked).length,
  };
};

/** "Påminnelse skickad till 3 personer. 2 hade redan fått en." */
function sentText(answer: { sent: number; alreadyReminded: number }): string {
  const { sent, alreadyReminded: already } = answer;
  const first = sent === 0 ? t('mandatory.sentNone') : sent === 1 ? t('mandatory.sentOne') : t('mandatory.sent', { count: sent });
  return already === 0 ? first : `${first} ${already === 1 ? t('mandatory.alreadyOne') : t('mandatory.already', { count: already })}`;
}

async function remind(fetch: typeof globalThis.fetch, id: string, userIds?: string[]) {
  const res = await apiSend(fetch, 'POST', `/api/school-periods/${encodeURIComponent(id)}/reminders`, userIds ? { userIds } : {});
  if (!res.ok) return failWith({ ...res.problem, fields: res.problem.fields?.map((f) => ({ ...f, field: 'userIds' })) }, {}, 'remind-all');
  return { saved: sentText(remindedSchema.parse(res.data)) };
}

export const actions: Actions = {
  remindAll: async ({ fetch, params }) => remind(fetch, params.id),
  remindChosen: async ({ request, fetch, params }) => {
    const userIds = (await request.formData()).getAll('userIds').map(String).filter(Boolean);
    // An empty choice must not become "everyone": the API reminds all when no one is named.
    if (userIds.length === 0) return fail(400, { values: {}, errors: [{ field: 'userIds', message: t('mandatory.noneChosen') }] });
    return remind(fetch, params.id, userIds);
  },
};
