import { error, fail } from '@sveltejs/kit';
import { adminOrganisationSchema, districtSchema } from '#contracts/organisations.ts';
import { grantableRoleValues, personSchema } from '#contracts/people.ts';
import { z } from '#contracts/zod.ts';
import { t } from '#lib/i18n.ts';
import { apiGet, apiSend } from '#lib/server/api.ts';
import { formValues } from '#lib/server/forms.ts';
import type { Actions, PageServerLoad } from './$types';

/** The API names a membership's fields by index (memberships.0.role); the form has one of each. */
const formField = (apiField: string) =>
  ({ 'memberships.0.organisationId': 'organisation', 'memberships.0.districtId': 'organisation', 'memberships.0.role': 'role', 'memberships.0.sectionId': 'organisation', memberships: 'organisation' })[apiField] ??
  apiField.split('.')[0]!;
// A district's administrator belongs to a district: the place list offers the districts too, to the administrator.
const DISTRICT = 'stadsdel:';

export const load: PageServerLoad = async ({ fetch, locals, url }) => {
  if (!locals.user!.memberships.some((m) => m.role === 'admin' || m.role === 'district_admin')) error(404, t('error.404'));
  const q = url.searchParams.get('q')?.trim().slice(0, 120) ?? '';
  const isAdmin = locals.user!.memberships.some((m) => m.role === 'admin');
  const [people, organisations, districts] = await Promise.all([
    apiGet(fetch, `/api/admin/users${q ? `?q=${encodeURIComponent(q)}` : ''}`, z.array(personSchema)),
    // The organisations the actor administers: every one, or their district's.
    apiGet(fetch, '/api/admin/organisations', z.array(adminOrganisationSchema)),
    isAdmin ? apiGet(fetch, '/api/admin/districts', z.array(districtSchema)) : Promise.resolve([]),
  ]);
  return {
    q,
    people: people.map((p) => ({
      ...p,
      roles: p.memberships.map((m) => (m.organisationName ? `${t(`role.${m.role as 'pedagogue'}`)}, ${m.organisationName}` : t(`role.${m.role as 'admin'}`))).join(' · '),
    })),
    organisations: [
      ...organisations
        .filter((o) => !o.archived)
        .map((o) => ({ id: o.id, label: `${o.name} (${t(`kind.${o.kind}`)})` }))
        .sort((a, b) => a.label.localeCompare(b.label, 'sv')),
      ...districts.map((d) => ({ id: `${DISTRICT}${d.id}`, label: t('people.districtOption', { name: d.name }) })),
    ],
    // Only the administrator makes a district's administrators.
    roles: grantableRoleValues.filter((r) => isAdmin || r !== 'district_admin').map((r) => ({ value: r, label: t(`role.${r}`) })),
  };
};

/** The form's one place and role as the API's membership: a district for a district's administrator. */
function membership(place: string, role: string) {
  return place.startsWith(DISTRICT) ? { districtId: place.slice(DISTRICT.length), role } : { organisationId: place, role };
}

export const actions: Actions = {
  create: async ({ request, fetch }) => {
    const values = formValues(await request.formData(), ['name', 'email', 'title', 'organisation', 'role']);
    const body = {
      name: values.name ?? '',
      email: values.email ?? '',
      ...(values.title ? { title: values.title } : {}),
      memberships: values.organisation || values.role ? [membership(values.organisation ?? '', values.role ?? '')] : [],
    };
    const res = await apiSend(fetch, 'POST', '/api/admin/users', body);
    if (!res.ok) {
      const errors = res.problem.fields?.length ? res.problem.fields.map((f) => ({ field: formField(f.field), message: f.message })) : [{ field: 'name', message: res.problem.detail }];
      return fail(res.problem.status, { values, errors });
    }
    return { saved: t('people.created', { name: body.name, email: body.email }) };
  },
  disable: async ({ request, fetch }) => act(request, fetch, 'disable'),
  enable: async ({ request, fetch }) => act(request, fetch, 'enable'),
  invite: async ({ request, fetch }) => act(request, fetch, 'invite'),
  resetSecondFactor: async ({ request, fetch }) => act(request, fetch, 'second-factor/reset'),
};

const done = { disable: 'people.disabled', enable: 'people.enabled', invite: 'people.invited', 'second-factor/reset': 'people.secondFactorReset' } as const;

async function act(request: Request, fetch: typeof globalThis.fetch, action: keyof typeof done) {
  const form = await request.formData();
  const id = String(form.get('id') ?? '');
  const name = String(form.get('name') ?? '');
  const res = await apiSend(fetch, 'POST', `/api/admin/users/${encodeURIComponent(id)}/${action}`);
  if (!res.ok) return fail(res.problem.status, { values: {}, errors: [{ field: `person-${id}`, message: res.problem.detail }] });
  return { saved: t(done[action], { name }) };
}
