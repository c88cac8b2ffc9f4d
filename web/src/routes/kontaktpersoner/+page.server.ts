import { error } from '@sveltejs/kit';
import { formatDate } from '#lib/server/format.ts';
import { contactCandidateSchema, coverageSchema } from '#contracts/team.ts';
import { z } from '#contracts/zod.ts';
import { t } from '#lib/i18n.ts';
import { apiGet, apiSend } from '#lib/server/api.ts';
import { failWith, formValues } from '#lib/server/forms.ts';
import { teamOf } from '#lib/server/team.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, locals }) => {
  const teamId = teamOf(locals.user);
  if (!teamId || !locals.user!.memberships.some((m) => m.role === 'team_lead')) error(404, t('error.404'));
  const [coverage, candidates] = await Promise.all([
    apiGet(fetch, `/api/teams/${teamId}/coverage`, coverageSchema),
    apiGet(fetch, `/api/teams/${teamId}/contact-candidates`, z.array(contactCandidateSchema)),
  ]);
  const places = coverage.map((o) => {
    const sectionName = (id: string | null) => (id ? (o.sections.find((s) => s.id === id)?.name ?? '') : t('coverage.wholeOrganisation'));
    const shown = o.assignments.map((a) => ({
      ...a,
      place: sectionName(a.sectionId),
      period: a.endsOn ? t('coverage.period', { from: formatDate(a.startsOn), until: formatDate(a.endsOn) }) : t('coverage.since', { date: formatDate(a.startsOn) }),
    }));
    const current = shown.filter((a) => a.active);
    // Covered without a contact of its own: by its unit's contact, or each preschool has its own.
    const parent = coverage.find((p) => p.organisationId === o.parentId);
    const coveredBy = current.length || !o.covered ? null : parent ? t('coverage.viaParent', { name: parent.name }) : t('coverage.viaChildren');
    return { ...o, current, coveredBy, history: shown.filter((a) => !a.active) };
  });
  const missing = places.flatMap((o) => (o.covered ? [] : [o.name]));
  // The choice of place: each organisation, and each of its sections.
  const options = coverage.flatMap((o) => [
    { value: o.organisationId, label: o.name },
    ...o.sections.map((s) => ({ value: `${o.organisationId}/${s.id}`, label: `${o.name}, ${s.name}` })),
  ]);
  // Someone from another unit of social services says which.
  const workers = candidates.map((c) => ({ userId: c.userId, name: c.unitName ? `${c.name} (${c.unitName})` : c.name }));
  return { places, missing, options, workers };
};

export const actions: Actions = {
  assign: async ({ request, fetch }) => {
    const values = formValues(await request.formData(), ['place', 'userId', 'startsOn', 'endsOn']);
    const [organisationId, sectionId] = (values.place ?? '').split('/');
    const res = await apiSend(fetch, 'POST', '/api/contact-assignments', {
      organisationId: organisationId ?? '',
      ...(sectionId ? { sectionId } : {}),
      userId: values.userId ?? '',
      startsOn: values.startsOn ?? '',
      ...(values.endsOn ? { endsOn: values.endsOn } : {}),
    });
    if (!res.ok) {
      const problem = { ...res.problem, fields: res.problem.fields?.map((f) => ({ ...f, field: f.field === 'organisationId' || f.field === 'sectionId' ? 'place' : f.field })) };
      return failWith(problem, values, 'place');
    }
    return { saved: t('coverage.assigned') };
  },
  end: async ({ request, fetch }) => {
    const form = await request.formData();
    const id = String(form.get('id') ?? '');
    const values = formValues(form, ['endsOn']);
    const res = await apiSend(fetch, 'POST', `/api/contact-assignments/${encodeURIComponent(id)}/end`, values);
    if (!res.ok) return failWith(res.problem, values, `end-${id}`);
    return { saved: t('coverage.ended') };
  },
};
