import { fail } from '@sveltejs/kit';
import { caseOpeningMeetingTypes, familyMeetingTypes, freeBusySchema, meetingSchema, outcomeSchema } from '#contracts/meetings.ts';
import { t } from '#lib/i18n.ts';
import { apiGet, apiSend } from '#lib/server/api.ts';
import { failWith, formValues, renameFields } from '#lib/server/forms.ts';
import { meetingView } from '#lib/server/meetings.ts';
import { when } from '#lib/server/slots.ts';
import { stockholmIso, stockholmParts } from '#contracts/time.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, params, url, locals }) => {
  const path = `/api/meetings/${encodeURIComponent(params.id)}`;
  const meeting = meetingView(await apiGet(fetch, path, meetingSchema), locals.now);
  // Free or busy is only for the team side, and only needed while a time is being chosen.
  const freeBusy = meeting.can.schedule ? await apiGet(fetch, `${path}/free-busy`, freeBusySchema) : [];
  return {
    meeting,
    current: meeting.startsAt && meeting.endsAt ? { ...stockholmParts(meeting.startsAt), end: stockholmParts(meeting.endsAt).time } : null,
    family: familyMeetingTypes.includes(meeting.type),
    opensCase: caseOpeningMeetingTypes.includes(meeting.type),
    justRequested: url.searchParams.get('begard') === '1',
    workers: freeBusy.map((w) => ({
      userId: w.userId,
      name: w.name,
      times: w.times.map((x) => ({ key: x.startsAt, free: x.free, text: x.free ? t('schedule.free') : t('schedule.busy', { reason: x.reason ?? t('schedule.busyShort') }) })),
    })),
  };
};

/** A date and from–to time from the form as instants, or the field to point at. */
function period(values: Record<string, string>, prefix: string) {
  const [date, start, end] = ['date', 'start', 'end'].map((p) => values[`${prefix}-${p}`] ?? '');
  const startsAt = stockholmIso(date!, start!);
  const endsAt = stockholmIso(date!, end!);
  if (startsAt && endsAt) return { startsAt, endsAt };
  const field = !date ? 'date' : !startsAt ? 'start' : 'end';
  return { error: { field: `${prefix}-${field}`, message: t(date && start && end ? 'form.invalidTime' : 'request.incompleteTime') } };
}

const meetingPath = (id: string, action: string) => `/api/meetings/${encodeURIComponent(id)}/${action}`;
const yesNo = (v: string | undefined) => (v === 'yes' ? true : v === 'no' ? false : undefined);

export const actions: Actions = {
  schedule: async ({ request, fetch, params }) => {
    const form = await request.formData();
    const ids = form.getAll('socialWorkerIds').map(String);
    const values: Record<string, string> = { ...formValues(form, ['time', 'other-date', 'other-start', 'other-end', 'reason']), socialWorkerIds: ids.join(',') };
    // A proposed time comes as "start|end"; "other" means the date and time fields below it.
    const chosen = values.time === 'other' ? period(values, 'other') : values.time ? { startsAt: values.time.split('|')[0]!, endsAt: values.time.split('|')[1] ?? '' } : null;
    if (!chosen) return fail(400, { values, errors: [{ field: 'time', message: t('schedule.pickTime') }] });
    if ('error' in chosen) return fail(400, { values, errors: [chosen.error!] });
    const res = await apiSend(fetch, 'POST', meetingPath(params.id, 'schedule'), { ...chosen, socialWorkerIds: ids, ...(values.reason ? { reason: values.reason } : {}) });
    if (!res.ok) {
      const other = values.time === 'other';
      return failWith(renameFields(res.problem, { startsAt: other ? 'other-date' : 'time', endsAt: other ? 'other-end' : 'time' }), values, other ? 'other-date' : 'time');
    }
    const m = meetingSchema.parse(res.data);
    return { saved: t('schedule.done', { when: when(m.startsAt!, m.endsAt!) }) };
  },
  reschedule: async ({ request, fetch, params }) => {
    const values = formValues(await request.formData(), ['move-date', 'move-start', 'move-end', 'moveReason']);
    const chosen = period(values, 'move');
    const errors = [...('error' in chosen ? [chosen.error!] : []), ...(values.moveReason ? [] : [{ field: 'moveReason', message: t('reschedule.missingReason') }])];
    if (errors.length || 'error' in chosen) return fail(400, { values, errors });
    const res = await apiSend(fetch, 'POST', meetingPath(params.id, 'reschedule'), { ...chosen, reason: values.moveReason ?? '' });
    if (!res.ok) return failWith(renameFields(res.problem, { startsAt: 'move-date', endsAt: 'move-end', reason: 'moveReason' }), values, 'move-date');
    const m = meetingSchema.parse(res.data);
    return { saved: t('reschedule.done', { when: when(m.startsAt!, m.endsAt!) }) };
  },
  cancel: async ({ request, fetch, params }) => {
    const values = formValues(await request.formData(), ['cancelReason']);
    if (!values.cancelReason) return fail(400, { values, errors: [{ field: 'cancelReason', message: t('cancelMeeting.missingReason') }] });
    const res = await apiSend(fetch, 'POST', meetingPath(params.id, 'cancel'), { reason: values.cancelReason ?? '' });
    if (!res.ok) return failWith(renameFields(res.problem, { reason: 'cancelReason' }), values, 'cancelReason');
    return { saved: t('cancelMeeting.done') };
  },
  outcome: async ({ request, fetch, params }) => {
    const values = formValues(await request.formData(), ['held', 'reportFiled', 'openCase', 'notes']);
    const res = await apiSend(fetch, 'POST', meetingPath(params.id, 'outcome'), {
      held: yesNo(values.held),
      reportFiled: yesNo(values.reportFiled),
      openCase: yesNo(values.openCase),
      ...(values.notes ? { notes: values.notes } : {}),
    });
    if (!res.ok) return failWith(res.problem, values, 'held');
    const outcome = outcomeSchema.parse(res.data);
    return { saved: outcome.caseId ? t('outcome.doneCase') : t('outcome.done'), caseId: outcome.caseId ?? null };
  },
};
