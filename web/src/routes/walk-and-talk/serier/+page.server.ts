import { error, fail } from '@sveltejs/kit';
import { organisationListSchema } from '#contracts/organisations.ts';
import { rosterSchema } from '#contracts/roster.ts';
import { seriesCreatedSchema, seriesPreviewSchema, seriesStoppedSchema, seriesSummarySchema } from '#contracts/slots.ts';
import { z } from '#contracts/zod.ts';
import { formatDate } from '#lib/server/format.ts';
import { t } from '#lib/i18n.ts';
import { apiGet, apiSend } from '#lib/server/api.ts';
import { failWith, formValues, optionalNumber, renameFields } from '#lib/server/forms.ts';
import { when } from '#lib/server/slots.ts';
import { teamOf } from '#lib/server/team.ts';
import type { Actions, PageServerLoad } from './$types';

const FIELDS = ['organisationId', 'colleagueId', 'kind', 'weekday', 'startTime', 'durationMinutes', 'intervalWeeks', 'from', 'until', 'location', 'capacity'];

export const load: PageServerLoad = async ({ fetch, locals, url }) => {
  const teamId = teamOf(locals.user);
  if (!teamId) error(404, t('error.404'));
  const [organisations, roster, series] = await Promise.all([
    apiGet(fetch, '/api/organisations', organisationListSchema),
    apiGet(fetch, `/api/teams/${teamId}/roster`, rosterSchema),
    apiGet(fetch, '/api/slot-series', z.array(seriesSummarySchema)),
  ]);
  return {
    series: series.map((s) => ({
      id: s.id,
      upcoming: s.upcoming,
      title: `${t(`series.kind.${s.kind}`)}, ${s.organisationName}`,
      rule: t('series.rule', {
        weekday: t(`weekday.${s.weekday as 1 | 2 | 3 | 4 | 5 | 6 | 7}`),
        time: s.startTime.slice(0, 5).replace(':', '.'),
        minutes: s.durationMinutes,
        every: s.intervalWeeks === 1 ? t('series.everyWeek').toLowerCase() : t('series.everyNWeeks', { n: s.intervalWeeks }).toLowerCase(),
        from: formatDate(s.startsOn),
        until: formatDate(s.endsOn),
        location: s.location,
      }),
      left: s.upcoming === 0 ? t('series.noneLeft') : t('series.left', { count: s.upcoming, booked: s.booked }),
    })),
    places: organisations.filter((o) => o.kind === 'school' || o.kind === 'preschool').map((o) => ({ id: o.id, name: o.name })),
    // The start page's "Du är kontaktperson för" links here with the place chosen.
    chosen: url.searchParams.get('verksamhet'),
    colleagues: roster.workers.filter((w) => w.userId !== locals.user!.id),
  };
};

/** The form as the API's series body: the signed-in person hosts, with an optional colleague. */
function bodyOf(values: Record<string, string>, userId: string) {
  return {
    organisationId: values.organisationId ?? '',
    hostIds: [userId, ...(values.colleagueId ? [values.colleagueId] : [])],
    kind: values.kind ?? 'walk_and_talk',
    weekday: optionalNumber(values.weekday),
    startTime: values.startTime ?? '',
    durationMinutes: optionalNumber(values.durationMinutes),
    intervalWeeks: optionalNumber(values.intervalWeeks),
    from: values.from ?? '',
    until: values.until ?? '',
    location: values.location ?? '',
    capacity: optionalNumber(values.capacity) ?? 1,
  };
}

const skippedView = (s: { date: string; label: string }) => ({ date: s.date, text: `${formatDate(s.date)}: ${s.label}` });

export const actions: Actions = {
  preview: async ({ request, fetch, locals }) => {
    const values = formValues(await request.formData(), FIELDS);
    const res = await apiSend(fetch, 'POST', '/api/slot-series/preview', bodyOf(values, locals.user!.id));
    if (!res.ok) return failWith(res.problem, values, 'organisationId');
    const preview = seriesPreviewSchema.parse(res.data);
    return { values, preview: { slots: preview.slots.map((s) => when(s.startsAt, s.endsAt)), skipped: preview.skipped.map(skippedView) } };
  },
  stop: async ({ request, fetch }) => {
    const values = formValues(await request.formData(), ['id', 'reason', 'confirm']);
    const id = values.id ?? '';
    // Stopping cancels every time to come: the box is the person's "yes, I mean it".
    if (values.confirm !== 'yes') return fail(400, { values, errors: [{ field: `confirm-${id}`, message: t('series.stopUnconfirmed') }] });
    const res = await apiSend(fetch, 'POST', `/api/slot-series/${encodeURIComponent(id)}/stop`, { reason: values.reason ?? '' });
    if (!res.ok) return failWith(renameFields(res.problem, { reason: `reason-${id}` }), values, `reason-${id}`);
    const stopped = seriesStoppedSchema.parse(res.data);
    return { saved: t('series.stopped', { count: stopped.cancelled, bookings: stopped.bookingsCancelled }) };
  },
  create: async ({ request, fetch, locals }) => {
    const values = formValues(await request.formData(), FIELDS);
    const res = await apiSend(fetch, 'POST', '/api/slot-series', bodyOf(values, locals.user!.id));
    if (!res.ok) return failWith(res.problem, values, 'organisationId');
    const created = seriesCreatedSchema.parse(res.data);
    return {
      saved: t('series.created', { count: created.slots.length }),
      preview: { slots: created.slots.map((s) => when(s.startsAt, s.endsAt)), skipped: created.skipped.map(skippedView) },
    };
  },
};
