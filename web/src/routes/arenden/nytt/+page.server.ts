import { randomUUID } from 'node:crypto';
import { error, fail, redirect } from '@sveltejs/kit';
import { z } from '#contracts/zod.ts';
import { organisationListSchema } from '#contracts/organisations.ts';
import { rosterSchema } from '#contracts/roster.ts';
import { t } from '#lib/i18n.ts';
import { apiGet, apiSend, idempotencyHeader } from '#lib/server/api.ts';
import { failWith, formValues } from '#lib/server/forms.ts';
import { nameLikeLabel, suggestedLabel } from '#lib/server/labels.ts';
import { teamOf } from '#lib/server/team.ts';
import type { Actions, PageServerLoad } from './$types';

// The places a case can concern: schools, preschools, police areas and partners, not the team itself.
const CONCERNED: ReadonlySet<string> = new Set(['school', 'preschool', 'preschool_unit', 'police', 'partner']);

export const load: PageServerLoad = async ({ fetch, locals }) => {
  const teamId = teamOf(locals.user);
  if (!teamId) error(404, t('error.404'));
  const [organisations, roster, label] = await Promise.all([
    apiGet(fetch, '/api/organisations', organisationListSchema),
    apiGet(fetch, `/api/teams/${teamId}/roster`, rosterSchema),
    suggestedLabel(fetch, '/api/cases'),
  ]);
  return {
    suggestedLabel: label,
    organisations: organisations.filter((o) => CONCERNED.has(o.kind)).map((o) => ({ id: o.id, name: o.name })),
    workers: roster.workers,
    me: locals.user!.id,
    // One per form load: a double click or a resend after a lost answer opens one case.
    idempotencyKey: randomUUID(),
  };
};

export const actions: Actions = {
  default: async ({ request, fetch }) => {
    const form = await request.formData();
    const values = formValues(form, ['label', 'notAName', 'responsibleId']);
    const list = (name: string) => form.getAll(name).map(String).filter(Boolean);
    const [organisationIds, workerIds, metFamilyIds] = [list('organisationIds'), list('workerIds'), list('metFamilyIds')];
    const shown = { ...values, organisationIds: organisationIds.join(','), workerIds: workerIds.join(','), metFamilyIds: metFamilyIds.join(',') };
    // The responsible worker is on the case whether or not they were ticked again.
    const responsibleId = values.responsibleId;
    const onCase = responsibleId ? [responsibleId, ...workerIds.filter((id) => id !== responsibleId)] : workerIds;
    const nameErrors = nameLikeLabel(values);
    if (nameErrors.length) return fail(400, { values: shown, errors: nameErrors });
    const res = await apiSend(fetch, 'POST', '/api/cases', {
      label: values.label ?? '',
      organisationIds,
      workerIds: onCase,
      ...(responsibleId ? { responsibleId } : {}),
      metFamilyIds,
    }, idempotencyHeader(form));
    if (!res.ok) return failWith(res.problem, shown, 'label');
    redirect(303, `/arenden/${z.object({ id: z.string() }).parse(res.data).id}?oppnat=1`);
  },
};
