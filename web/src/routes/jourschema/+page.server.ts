import { error } from '@sveltejs/kit';
import { addMonths } from '#contracts/time.ts';
import { formatDate, formatMonth } from '#lib/server/format.ts';
import { rosterSchema } from '#contracts/roster.ts';
import { teamSettingsSchema } from '#contracts/team.ts';
import { t } from '#lib/i18n.ts';
import { apiGet, apiSend } from '#lib/server/api.ts';
import { failWith, formValues } from '#lib/server/forms.ts';
import { monthParam } from '#lib/server/query.ts';
import { teamOf } from '#lib/server/team.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, locals, url }) => {
  const teamId = teamOf(locals.user);
  if (!teamId) error(404, t('error.404'));
  const month = monthParam(url, 'month');
  const query = month ? `?month=${month}` : '';
  const [roster, settings] = await Promise.all([
    apiGet(fetch, `/api/teams/${teamId}/roster${query}`, rosterSchema),
    apiGet(fetch, `/api/teams/${teamId}/settings`, teamSettingsSchema),
  ]);
  const lead = locals.user!.memberships.some((m) => m.role === 'team_lead' && m.organisationId === teamId);
  const monthName = formatMonth(roster.month);
  return {
    lead,
    settings,
    month: roster.month,
    monthName,
    previous: addMonths(roster.month, -1),
    next: addMonths(roster.month, 1),
    workers: roster.workers,
    gaps: roster.upcomingGaps.map(formatDate),
    days: roster.days.map((d) => ({ ...d, label: formatDate(d.date) })),
  };
};

export const actions: Actions = {
  set: async ({ request, fetch, locals }) => {
    const values = formValues(await request.formData(), ['date', 'userId']);
    const path = `/api/teams/${teamOf(locals.user)}/roster/${encodeURIComponent(values.date ?? '')}`;
    const res = values.userId ? await apiSend(fetch, 'PUT', path, { userId: values.userId }) : await apiSend(fetch, 'DELETE', path);
    if (!res.ok) return failWith(res.problem, values, `holder-${values.date}`);
    return { saved: t('roster.saved') };
  },
  swap: async ({ request, fetch, locals }) => {
    const values = formValues(await request.formData(), ['first', 'second']);
    const res = await apiSend(fetch, 'POST', `/api/teams/${teamOf(locals.user)}/roster/swap`, values);
    if (!res.ok) return failWith(res.problem, values, 'first');
    return { saved: t('roster.swapped') };
  },
  settings: async ({ request, fetch, locals }) => {
    const values = formValues(await request.formData(), ['officeOpens', 'officeCloses', 'dutyPhone', 'afterHoursName', 'afterHoursPhone', 'reminderTime']);
    const res = await apiSend(fetch, 'PUT', `/api/teams/${teamOf(locals.user)}/settings`, values);
    if (!res.ok) return failWith(res.problem, values, 'officeOpens');
    return { saved: t('settings.saved') };
  },
};
