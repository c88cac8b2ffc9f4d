import { error, fail } from '@sveltejs/kit';
import { stockholmDate } from '#contracts/time.ts';
import { formatDate, formatShortDate } from '#lib/server/format.ts';
import { meetingSeriesCreatedSchema, meetingSeriesPreviewSchema, meetingSeriesSchema, type MeetingSeries } from '#contracts/meeting-series.ts';
import { organisationListSchema } from '#contracts/organisations.ts';
import { rosterSchema } from '#contracts/roster.ts';
import { z } from '#contracts/zod.ts';
import { t } from '#lib/i18n.ts';
import { apiGet, apiSend } from '#lib/server/api.ts';
import { failWith, formValues, optionalNumber, renameFields } from '#lib/server/forms.ts';
import { when } from '#lib/server/slots.ts';
import { teamOf } from '#lib/server/team.ts';
import type { Actions, PageServerLoad } from './$types';

const FIELDS = ['type', 'organisationId', 'label', 'audience', 'place', 'weekday', 'startTime', 'durationMinutes', 'intervalWeeks', 'from', 'until'];
const STAFF_VISIT_PLACES: ReadonlySet<string> = new Set(['school', 'preschool_unit', 'preschool']);
/** How many of a series' next meetings its card lists; the rest are counted. */
const SHOWN = 3;

/** "09:00" plus 90 minutes as "10.30", on the wall clock. */
function endOf(startTime: string, minutes: number): string {
  const [h, m] = startTime.split(':').map(Number);
  const total = ((h! * 60 + m! + minutes) % 1440 + 1440) % 1440;
  return `${String(Math.floor(total / 60)).padStart(2, '0')}.${String(total % 60).padStart(2, '0')}`;
}

/** "Var fjärde vecka, måndagar kl. 09.00–10.30" */
function ruleOf(s: Pick<MeetingSeries, 'intervalWeeks' | 'weekday' | 'startTime' | 'durationMinutes'>): string {
  return t('meetingSeries.rule', {
    interval: t(`meetingSeries.interval.${s.intervalWeeks}` as 'meetingSeries.interval.1'),
    weekdays: t(`meetingSeries.weekdays.${s.weekday}` as 'meetingSeries.weekdays.1'),
    from: s.startTime.slice(0, 5).replace(':', '.'),
    to: endOf(s.startTime, s.durationMinutes),
  });
}

/** A series with every label its card shows. */
function seriesView(s: MeetingSeries, userId: string, leads: boolean, today: string) {
  const active = !s.cancelled && s.upcoming.length > 0;
  return {
    id: s.id,
    label: s.label,
    about: [t(`meetingType.${s.type}`), s.organisationName].join(' · '),
    audience: s.audience,
    rule: ruleOf(s),
    period: t('meetingSeries.period', { from: formatShortDate(s.from, today), until: formatShortDate(s.until, today) }),
    workers: s.socialWorkers.map((w) => w.name).join(', '),
    next: s.upcoming.slice(0, SHOWN).map((m) => ({ id: m.id, when: when(m.startsAt, m.endsAt) })),
    more: Math.max(0, s.upcoming.length - SHOWN),
    active,
    status: s.cancelled ? t('meetingSeries.cancelled') : active ? null : t('meetingSeries.ended'),
    // The API lets someone in the series or the team lead cancel it.
    mayCancel: active && (leads || s.socialWorkers.some((w) => w.userId === userId)),
  };
}

export const load: PageServerLoad = async ({ fetch, locals }) => {
  const teamId = teamOf(locals.user);
  if (!teamId) error(404, t('error.404'));
  const user = locals.user!;
  const [organisations, roster, series] = await Promise.all([
    apiGet(fetch, '/api/organisations', organisationListSchema),
    apiGet(fetch, `/api/teams/${teamId}/roster`, rosterSchema),
    apiGet(fetch, '/api/meeting-series', z.array(meetingSeriesSchema)),
  ]);
  const leads = user.memberships.some((m) => m.role === 'team_lead' && m.organisationId === teamId);
  const today = stockholmDate(locals.now);
  const views = series.map((s) => seriesView(s, user.id, leads, today));
  const place = (o: { id: string; name: string }) => ({ id: o.id, name: o.name });
  return {
    policeAreas: organisations.filter((o) => o.kind === 'police').map(place),
    schools: organisations.filter((o) => STAFF_VISIT_PLACES.has(o.kind)).map(place),
    workers: roster.workers,
    userId: user.id,
    active: views.filter((s) => s.active),
    past: views.filter((s) => !s.active),
  };
};

/** The form's fields, with the chosen social workers kept as one comma-separated value. */
function read(form: FormData) {
  const ids = form.getAll('socialWorkerIds').map(String).filter(Boolean);
  return { ids, values: { ...formValues(form, FIELDS), socialWorkerIds: ids.join(',') } as Record<string, string> };
}

/** The form as the API's series body; the audience only goes with a staff visit. */
function bodyOf(values: Record<string, string>, socialWorkerIds: string[]) {
  return {
    type: values.type,
    organisationId: values.organisationId ?? '',
    label: values.label ?? '',
    ...(values.type === 'staff_visit' && values.audience ? { audience: values.audience } : {}),
    place: values.place ?? 'school',
    weekday: optionalNumber(values.weekday),
    startTime: values.startTime ?? '',
    durationMinutes: optionalNumber(values.durationMinutes),
    intervalWeeks: optionalNumber(values.intervalWeeks),
    from: values.from ?? '',
    until: values.until ?? '',
    socialWorkerIds,
  };
}

const skippedView = (s: { date: string; label: string }) => ({ date: s.date, text: `${formatDate(s.date)}: ${s.label}` });
const missingOrganisation = (values: Record<string, string>) => fail(400, { values, errors: [{ field: 'organisationId', message: t('meetingSeries.missingOrganisation') }] });

export const actions: Actions = {
  preview: async ({ request, fetch }) => {
    const { ids, values } = read(await request.formData());
    if (!values.organisationId) return missingOrganisation(values);
    const res = await apiSend(fetch, 'POST', '/api/meeting-series/preview', bodyOf(values, ids));
    if (!res.ok) return failWith(res.problem, values, 'organisationId');
    const preview = meetingSeriesPreviewSchema.parse(res.data);
    return { values, preview: { meetings: preview.meetings.map((m) => when(m.startsAt, m.endsAt)), skipped: preview.skipped.map(skippedView) } };
  },
  create: async ({ request, fetch }) => {
    const { ids, values } = read(await request.formData());
    if (!values.organisationId) return missingOrganisation(values);
    const res = await apiSend(fetch, 'POST', '/api/meeting-series', bodyOf(values, ids));
    if (!res.ok) return failWith(res.problem, values, 'organisationId');
    const created = meetingSeriesCreatedSchema.parse(res.data);
    return {
      saved: created.meetings.length === 1 ? t('meetingSeries.createdOne') : t('meetingSeries.created', { count: created.meetings.length }),
      created: true,
      preview: { meetings: created.meetings.map((m) => when(m.startsAt, m.endsAt)), skipped: created.skipped.map(skippedView) },
    };
  },
  cancel: async ({ request, fetch }) => {
    const form = await request.formData();
    const id = String(form.get('seriesId') ?? '');
    // Each series has its own reason field, so an error lands beside the right one.
    const field = `cancelReason-${id}`;
    const values = formValues(form, [field]);
    if (!values[field]) return fail(400, { values, errors: [{ field, message: t('meetingSeries.missingReason') }] });
    const res = await apiSend(fetch, 'POST', `/api/meeting-series/${encodeURIComponent(id)}/cancel`, { reason: values[field] });
    if (!res.ok) return failWith(renameFields(res.problem, { reason: field, id: field }), values, field);
    const { cancelled } = z.object({ cancelled: z.number() }).parse(res.data);
    return { saved: cancelled === 0 ? t('meetingSeries.cancelDoneNone') : cancelled === 1 ? t('meetingSeries.cancelDoneOne') : t('meetingSeries.cancelDone', { count: cancelled }) };
  },
};
