import { error } from '@sveltejs/kit';
import { z } from '#contracts/zod.ts';
import { caseSummarySchema, overrideSchema } from '#contracts/cases.ts';
import { t } from '#lib/i18n.ts';
import { apiGet } from '#lib/server/api.ts';
import { teamOf } from '#lib/server/team.ts';
import { moment } from '#lib/server/time.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, locals, url }) => {
  if (!teamOf(locals.user)) error(404, t('error.404'));
  const ledTeam = locals.user!.memberships.find((m) => m.role === 'team_lead' && m.organisationId)?.organisationId ?? null;
  const [cases, overrides] = await Promise.all([
    apiGet(fetch, '/api/cases', z.array(caseSummarySchema)),
    ledTeam ? apiGet(fetch, `/api/teams/${ledTeam}/continuity-overrides`, z.array(overrideSchema)) : Promise.resolve(null),
  ]);
  return {
    cases: cases.map((c) => ({ ...c, opened: moment(c.createdAt) })),
    handedOver: url.searchParams.get('lamnat') === '1',
    overrides: overrides?.map((o) => ({ ...o, when: moment(o.at) })) ?? null,
  };
};
