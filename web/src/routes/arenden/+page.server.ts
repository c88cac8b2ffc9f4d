import { error } from '@sveltejs/kit';
import { z } from '#contracts/zod.ts';
import { caseSummarySchema, overrideSchema } from '#contracts/cases.ts';
import { pendingStatutorySchema } from '#contracts/consents.ts';
import { t } from '#lib/i18n.ts';
import { apiGet } from '#lib/server/api.ts';
import { teamOf } from '#lib/server/team.ts';
import { moment } from '#lib/server/format.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, locals, url }) => {
  if (!teamOf(locals.user)) error(404, t('error.404'));
  const ledTeam = locals.user!.memberships.find((m) => m.role === 'team_lead' && m.organisationId)?.organisationId ?? null;
  // Every team the person works in, as worker or lead, may have reporters still waiting.
  const teamIds = [...new Set(locals.user!.memberships.filter((m) => (m.role === 'social_worker' || m.role === 'team_lead') && m.organisationId).map((m) => m.organisationId!))];
  const [cases, overrides, pending] = await Promise.all([
    apiGet(fetch, '/api/cases', z.array(caseSummarySchema)),
    ledTeam ? apiGet(fetch, `/api/teams/${ledTeam}/continuity-overrides`, z.array(overrideSchema)) : Promise.resolve(null),
    Promise.all(teamIds.map((id) => apiGet(fetch, `/api/teams/${id}/statutory-feedback/pending`, z.array(pendingStatutorySchema)))),
  ]);
  return {
    cases: cases.map((c) => ({ ...c, opened: moment(c.createdAt, locals.now) })),
    handedOver: url.searchParams.get('lamnat') === '1',
    pending: pending
      .flat()
      .toSorted((a, b) => b.days - a.days)
      .map((p) => ({
        key: `${p.caseId}-${p.organisationId}`,
        caseId: p.caseId,
        label: p.label,
        from: t('cases.pendingFrom', { organisation: p.organisationName }),
        waited: p.days <= 0 ? t('cases.waitedToday') : p.days === 1 ? t('cases.waitedOne') : t('cases.waited', { days: p.days }),
      })),
    overrides: overrides?.map((o) => ({ ...o, when: moment(o.at, locals.now) })) ?? null,
  };
};
