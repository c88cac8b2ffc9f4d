import { randomUUID } from 'node:crypto';
import { error } from '@sveltejs/kit';
import { organisationListSchema } from '#contracts/organisations.ts';
import { t } from '#lib/i18n.ts';
import { apiGet, apiGetOrProblem } from '#lib/server/api.ts';
import { acknowledgeFeedback, dayText, feedbackListSchema, feedbackPlaces, inboxSchema, threadsOf, writeFeedback } from '#lib/server/consents.ts';
import type { Actions, PageServerLoad } from './$types';

type Place = ReturnType<typeof feedbackPlaces>[number];

async function findEntry(fetch: typeof globalThis.fetch, places: Place[], caseId: string) {
  for (const place of places) {
    // Asking for this one case logs a read of this case only.
    const [entry] = await apiGet(fetch, `/api/organisations/${place.id}/feedback?caseId=${encodeURIComponent(caseId)}`, inboxSchema);
    if (entry) return { place, entry };
  }
  error(404, t('error.404'));
}

export const load: PageServerLoad = async ({ fetch, params, url, locals }) => {
  const places = feedbackPlaces(locals.user!, await apiGet(fetch, '/api/organisations', organisationListSchema));
  // The link names the place; without it, the first of the person's places the case is on.
  const asked = url.searchParams.get('organisation');
  const { place, entry } = await findEntry(fetch, asked ? places.filter((p) => p.id === asked) : places, params.caseId);
  const ended = { label: entry.label, organisationName: place.name, ended: true as const };
  // Once no consent holds, nothing of what was written is shown, not even to read again.
  if (entry.activeScopes.length === 0) return ended;
  const res = await apiGetOrProblem(fetch, `/api/cases/${encodeURIComponent(params.caseId)}/feedback?organisationId=${place.id}`, feedbackListSchema, [403]);
  if (!res.ok) {
    if (res.problem.code === 'no_consent') return ended;
    error(403, res.problem.detail);
  }
  return {
    // A key for this load's forms: a message sent twice is written once.
    formKey: randomUUID(),
    label: entry.label,
    organisationName: place.name,
    ended: false as const,
    organisationId: place.id,
    until: entry.activeUntil ? dayText(entry.activeUntil, locals.now) : null,
    threads: threadsOf(res.data, place.id, place.name, entry.activeScopes, true, locals.now),
  };
};

export const actions: Actions = {
  feedback: async ({ request, fetch, params }) => writeFeedback(fetch, params.caseId, await request.formData(), t('feedback.sentToTeam')),
  acknowledge: async ({ request, fetch }) => acknowledgeFeedback(fetch, await request.formData()),
};
