import { error } from '@sveltejs/kit';
import type { Me } from '#contracts/auth.ts';
import type { Problem } from '#contracts/errors.ts';
import { stockholmDate } from '#contracts/time.ts';
import { formatShortDate } from '#lib/server/format.ts';
import { organisationListSchema, type OrganisationKind } from '#contracts/organisations.ts';
import { periodSchema } from '#contracts/terms.ts';
import { z } from '#contracts/zod.ts';
import { kindLabel, t } from '#lib/i18n.ts';
import { apiGet, apiSend } from '#lib/server/api.ts';
import { failWith, formValues } from '#lib/server/forms.ts';
import { chosenOrganisation } from '#lib/server/organisation-choice.ts';
import type { Actions, PageServerLoad } from './$types';

const SCHOOL_KINDS: readonly OrganisationKind[] = ['school', 'preschool_unit', 'preschool'];
type Place = { id: string; name: string; kind: OrganisationKind };

/** The places whose terms the person keeps: where they are principal, and for the administrator every school and preschool. */
async function placesOf(user: Me, fetch: typeof globalThis.fetch): Promise<Place[]> {
  const own = user.memberships
    .filter((m) => m.role === 'principal' && m.organisationId && m.organisationKind && SCHOOL_KINDS.includes(m.organisationKind))
    .map((m) => ({ id: m.organisationId!, name: m.organisationName ?? '', kind: m.organisationKind! }));
  if (!user.memberships.some((m) => m.role === 'admin')) return own;
  // Schools and units first: a preschool usually follows its unit.
  const all = (await apiGet(fetch, '/api/organisations', organisationListSchema))
    .filter((o) => SCHOOL_KINDS.includes(o.kind))
    .sort((a, b) => SCHOOL_KINDS.indexOf(a.kind) - SCHOOL_KINDS.indexOf(b.kind));
  return [...own, ...all.filter((o) => !own.some((p) => p.id === o.id)).map((o) => ({ id: o.id, name: o.name, kind: o.kind }))];
}

export const load: PageServerLoad = async ({ fetch, locals, url, cookies }) => {
  const user = locals.user!;
  if (!user.memberships.some((m) => m.role === 'principal' || m.role === 'admin')) error(404, t('error.404'));
  const places = await placesOf(user, fetch);
  // The place in the address, else the one chosen in the top bar, else the first.
  const wanted = url.searchParams.get('verksamhet') ?? chosenOrganisation(user, cookies);
  const place = places.find((p) => p.id === wanted) ?? places[0];
  if (!place) return { places: [], place: null, periods: [] };

  const today = stockholmDate(locals.now);
  const periods = (await apiGet(fetch, `/api/organisations/${place.id}/school-periods`, z.array(periodSchema))).map((p) => ({
    ...p,
    from: formatShortDate(p.startsOn, today),
    until: formatShortDate(p.endsOn, today),
  }));
  return {
    places: places.map((p) => ({ id: p.id, label: `${p.name} (${kindLabel(p.kind).toLowerCase()})` })),
    place,
    /** A preschool without terms of its own follows its unit's, named here. */
    inheritedFrom: periods.find((p) => p.inherited)?.organisationName ?? null,
    periods,
  };
};

/**
 * A refusal of the term itself ("Terminen överlappar Höstterminen 2026.") names what it clashes
 * with; its field only says what to do. Both are shown. Schema errors list their fields instead.
 */
function explained(problem: Problem): Problem {
  const [only] = problem.fields ?? [];
  if (problem.fields?.length !== 1 || !only || problem.detail.startsWith('Kontrollera uppgifterna')) return problem;
  return { ...problem, fields: [{ ...only, message: `${problem.detail} ${only.message}` }] };
}

const organisationOf = (form: FormData) => encodeURIComponent(String(form.get('organisationId') ?? ''));

export const actions: Actions = {
  add: async ({ request, fetch }) => {
    const form = await request.formData();
    const values = formValues(form, ['kind', 'name', 'startsOn', 'endsOn']);
    const bookingRequired = form.get('bookingRequired') === 'true';
    const res = await apiSend(fetch, 'POST', `/api/organisations/${organisationOf(form)}/school-periods`, {
      kind: values.kind ?? '',
      name: values.name ?? '',
      startsOn: values.startsOn ?? '',
      endsOn: values.endsOn ?? '',
      bookingRequired,
    });
    if (!res.ok) return failWith(explained(res.problem), { ...values, ...(bookingRequired ? { bookingRequired: 'true' } : {}) }, 'kind');
    const name = values.name ?? '';
    return { saved: values.kind === 'break' ? t('terms.addedBreak', { name }) : t(bookingRequired ? 'terms.addedRequired' : 'terms.addedTerm', { name }) };
  },
  setRequired: async ({ request, fetch }) => {
    const form = await request.formData();
    const required = form.get('bookingRequired') === 'true';
    const name = String(form.get('name') ?? '');
    const res = await apiSend(fetch, 'PUT', `/api/school-periods/${encodeURIComponent(String(form.get('id') ?? ''))}/booking-required`, { bookingRequired: required });
    if (!res.ok) return failWith({ ...res.problem, fields: undefined }, {}, 'periods');
    return { saved: t(required ? 'terms.nowRequired' : 'terms.nowOptional', { name }) };
  },
  remove: async ({ request, fetch }) => {
    const form = await request.formData();
    const name = String(form.get('name') ?? '');
    const res = await apiSend(fetch, 'DELETE', `/api/school-periods/${encodeURIComponent(String(form.get('id') ?? ''))}`);
    if (!res.ok) return failWith({ ...res.problem, fields: undefined }, {}, 'periods');
    return { saved: t(form.get('kind') === 'break' ? 'terms.removedBreak' : 'terms.removedTerm', { name }) };
  },
};
