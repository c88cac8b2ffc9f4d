import { error, fail } from '@sveltejs/kit';
import { adminOrganisationSchema, districtSchema, organisationKindValues } from '#contracts/organisations.ts';
import { z } from '#contracts/zod.ts';
import { t } from '#lib/i18n.ts';
import { apiGet, apiSend } from '#lib/server/api.ts';
import { formValues } from '#lib/server/forms.ts';
import type { Actions, PageServerLoad } from './$types';

// One district at a time (?stadsdel=<id>, or =ingen for organisations from before districts): a
// city has hundreds of organisations.
export const load: PageServerLoad = async ({ fetch, locals, url }) => {
  if (!locals.user!.memberships.some((m) => m.role === 'admin' || m.role === 'district_admin')) error(404, t('error.404'));
  const districts = await apiGet(fetch, '/api/admin/districts', z.array(districtSchema));
  const asked = url.searchParams.get('stadsdel');
  const chosen = asked === 'ingen' ? null : (districts.find((d) => d.id === asked) ?? districts[0] ?? null);
  const all = await apiGet(fetch, `/api/admin/organisations${chosen ? `?districtId=${chosen.id}` : ''}`, z.array(adminOrganisationSchema));
  const organisations = chosen ? all : all.filter((o) => o.districtId === null);
  const nameOf = new Map(organisations.map((o) => [o.id, o.name]));
  const live = organisations.filter((o) => !o.archived);
  return {
    // Only the administrator makes districts; a district's administrator works in theirs.
    canAddDistrict: locals.user!.memberships.some((m) => m.role === 'admin'),
    districts,
    chosen: chosen?.id ?? 'ingen',
    heading: chosen?.name ?? t('orgs.noDistrict'),
    kinds: organisationKindValues.map((k) => ({ value: k, label: t(`kind.${k}`) })),
    teams: live.filter((o) => o.kind === 'social_services').map((o) => ({ id: o.id, name: o.name })),
    units: live.filter((o) => o.kind === 'preschool_unit').map((o) => ({ id: o.id, name: o.name })),
    organisations: organisations.map((o) => ({
      ...o,
      kindLabel: t(`kind.${o.kind}`),
      team: o.servingTeamId ? (nameOf.get(o.servingTeamId) ?? null) : null,
      parent: o.parentId ? (nameOf.get(o.parentId) ?? null) : null,
    })),
  };
};

/** The API's field names are the form's, but for the sections, which the form writes one per line. */
const problemOf = (res: { problem: { status: number; detail: string; fields?: { field: string; message: string }[] } }, values: Record<string, string>, fallback: string) =>
  fail(res.problem.status, { values, errors: res.problem.fields?.length ? res.problem.fields.map((f) => ({ field: f.field.split('.')[0]!, message: f.message })) : [{ field: fallback, message: res.problem.detail }] });

export const actions: Actions = {
  district: async ({ request, fetch }) => {
    const values = formValues(await request.formData(), ['districtName']);
    const res = await apiSend(fetch, 'POST', '/api/admin/districts', { name: values.districtName ?? '' });
    if (!res.ok) return fail(res.problem.status, { values, errors: [{ field: 'districtName', message: res.problem.fields?.[0]?.message ?? res.problem.detail }] });
    return { saved: t('orgs.districtCreated', { name: values.districtName ?? '' }) };
  },
  create: async ({ request, fetch }) => {
    const values = formValues(await request.formData(), ['name', 'kind', 'districtId', 'servingTeamId', 'parentId', 'sections']);
    const sections = (values.sections ?? '').split(/\r?\n/).map((s) => s.trim()).filter(Boolean);
    const body = {
      name: values.name ?? '',
      kind: values.kind ?? '',
      districtId: values.districtId ?? '',
      ...(values.servingTeamId ? { servingTeamId: values.servingTeamId } : {}),
      ...(values.parentId ? { parentId: values.parentId } : {}),
      ...(sections.length ? { sections } : {}),
    };
    const res = await apiSend(fetch, 'POST', '/api/admin/organisations', body);
    if (!res.ok) return problemOf(res, values, 'name');
    return { saved: t('orgs.created', { name: body.name }) };
  },
  rename: async ({ request, fetch }) => {
    const form = await request.formData();
    const id = String(form.get('id') ?? '');
    const name = String(form.get('name') ?? '').trim();
    const res = await apiSend(fetch, 'PATCH', `/api/admin/organisations/${encodeURIComponent(id)}`, { name });
    if (!res.ok) return fail(res.problem.status, { values: {}, errors: [{ field: `name-${id}`, message: res.problem.fields?.[0]?.message ?? res.problem.detail }] });
    return { saved: t('orgs.renamed', { name }) };
  },
  archive: async ({ request, fetch }) => {
    const form = await request.formData();
    const id = String(form.get('id') ?? '');
    const res = await apiSend(fetch, 'POST', `/api/admin/organisations/${encodeURIComponent(id)}/archive`);
    if (!res.ok) return fail(res.problem.status, { values: {}, errors: [{ field: `org-${id}`, message: res.problem.detail }] });
    return { saved: t('orgs.archived', { name: String(form.get('name') ?? '') }) };
  },
};
