import { randomUUID } from 'node:crypto';
import { fail, redirect } from '@sveltejs/kit';
import type { Problem } from '#contracts/errors.ts';
import { ageBandValues, familyMeetingTypes, meetingCreatedSchema, placeValues, type MeetingType } from '#contracts/meetings.ts';
import { organisationListSchema } from '#contracts/organisations.ts';
import { t } from '#lib/i18n.ts';
import { apiGet, apiSend, idempotencyHeader } from '#lib/server/api.ts';
import { failWith, formValues, type FieldErrors } from '#lib/server/forms.ts';
import { nameLikeLabel, suggestedLabel } from '#lib/server/labels.ts';
import { requestOptions } from '#lib/server/meetings.ts';
import { stockholmIso } from '#contracts/time.ts';
import type { Actions, PageServerLoad } from './$types';

const ROWS = [1, 2, 3, 4, 5];
const FIELDS = ['type', 'organisationId', 'label', 'notAName', 'ageBand', 'urgency', 'guardiansInformed', 'guardiansAttending', 'place'];
const TIME_FIELDS = ROWS.flatMap((n) => [`time-${n}-date`, `time-${n}-start`, `time-${n}-end`]);

export const load: PageServerLoad = async ({ fetch, locals }) => {
  const [organisations, label] = await Promise.all([apiGet(fetch, '/api/organisations', organisationListSchema), suggestedLabel(fetch, '/api/meetings')]);
  const { places, types } = requestOptions(locals.user!, organisations);
  return {
    // One key per form shown: the same form sent twice asks once.
    idempotencyKey: randomUUID(),
    suggestedLabel: label,
    places,
    types: types.map((value) => ({ value, label: t(`meetingType.${value}`), hint: t(`meetingTypeHint.${value}`) })),
    familyTypes: familyMeetingTypes.filter((type) => types.includes(type)),
    ageBands: ageBandValues.map((value) => ({ value, label: t(`ageBand.${value}`) })),
    placeOptions: placeValues.map((value) => ({ value, label: t(`meetingPlace.${value}`) })),
  };
};

/** The filled-in rows as the API's proposed times; a half-filled row is an error, an empty one is skipped. */
function proposedTimes(values: Record<string, string>) {
  const times: { startsAt: string; endsAt: string }[] = [];
  const rows: number[] = [];
  const errors: FieldErrors = [];
  for (const n of ROWS) {
    const [date, start, end] = ['date', 'start', 'end'].map((p) => values[`time-${n}-${p}`]);
    if (!date && !start && !end) continue;
    const missing = !date ? 'date' : !start ? 'start' : !end ? 'end' : null;
    if (missing) {
      errors.push({ field: `time-${n}-${missing}`, message: t(missing === 'date' ? 'request.missingDate' : missing === 'start' ? 'request.missingStart' : 'request.missingEnd', { n }) });
      continue;
    }
    const startsAt = stockholmIso(date!, start!);
    const endsAt = stockholmIso(date!, end!);
    if (!startsAt || !endsAt) {
      errors.push({ field: `time-${n}-${startsAt ? 'end' : 'date'}`, message: t('request.invalidTime', { n }) });
      continue;
    }
    times.push({ startsAt, endsAt });
    rows.push(n);
  }
  if (!errors.length && !times.length) errors.push({ field: 'time-1-date', message: t('request.noTimes') });
  return { times, rows, errors };
}

/** The API names a time by its place in the list ("proposedTimes.1.endsAt"); the form by its row. */
function fieldsByRow(problem: Problem, rows: number[]): Problem {
  const field = (f: string) => {
    const m = /^proposedTimes(?:\.(\d+)(?:\.(startsAt|endsAt))?)?/.exec(f);
    if (!m) return f;
    const row = rows[Number(m[1] ?? 0)] ?? 1;
    return `time-${row}-${m[2] === 'endsAt' ? 'end' : 'date'}`;
  };
  return { ...problem, fields: problem.fields?.map((f) => ({ ...f, field: field(f.field) })) };
}

function missingAnswers(values: Record<string, string>): FieldErrors {
  const errors: FieldErrors = [];
  if (!values.type) errors.push({ field: 'type', message: t('request.missingType') });
  if (!values.label) errors.push({ field: 'label', message: t('request.missingLabel') });
  // Guardians are asked about only for a meeting about a family (or before the type is chosen).
  if (!values.guardiansInformed && (!values.type || aboutFamily(values.type))) errors.push({ field: 'guardiansInformed', message: t('request.missingGuardians') });
  return errors;
}

const aboutFamily = (type: string) => familyMeetingTypes.includes(type as MeetingType);
const yesNo = (v: string | undefined) => (v === 'yes' ? true : v === 'no' ? false : undefined);

export const actions: Actions = {
  default: async ({ request, fetch }) => {
    const form = await request.formData();
    const values = formValues(form, [...FIELDS, ...TIME_FIELDS]);
    const { times, rows, errors: timeErrors } = proposedTimes(values);
    const nameErrors = nameLikeLabel(values);
    // Checked here too so that one answer lists every missing field, in the order of the page.
    if (timeErrors.length || nameErrors.length) return fail(400, { values, errors: [...nameErrors, ...missingAnswers(values), ...timeErrors] });
    const res = await apiSend(fetch, 'POST', '/api/meetings', {
      type: values.type,
      organisationId: values.organisationId ?? '',
      label: values.label ?? '',
      ageBand: values.ageBand,
      urgency: values.urgency ?? 'normal',
      ...(values.type && !aboutFamily(values.type) ? {} : { guardiansInformed: yesNo(values.guardiansInformed), guardiansAttending: yesNo(values.guardiansAttending) }),
      place: values.place ?? 'school',
      proposedTimes: times,
    }, idempotencyHeader(form));
    if (!res.ok) return failWith(fieldsByRow(res.problem, rows), values, res.problem.code === 'identifying_data' ? 'label' : 'type');
    redirect(303, `/moten/${meetingCreatedSchema.parse(res.data).id}?begard=1`);
  },
};
