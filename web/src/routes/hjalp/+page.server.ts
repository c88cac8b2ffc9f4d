import type { PageServerLoad } from './$types';

// The guides, one per kind of user; a signed-in person's own come first.
const GUIDES = ['pedagogue', 'school_lead', 'police', 'social_worker', 'team_lead', 'admin'] as const;
type Guide = (typeof GUIDES)[number];
const ROLE_GUIDE: Record<string, Guide> = {
  pedagogue: 'pedagogue',
  principal: 'school_lead',
  pupil_health: 'school_lead',
  partner: 'school_lead',
  police: 'police',
  social_worker: 'social_worker',
  team_lead: 'team_lead',
  district_admin: 'admin',
  admin: 'admin',
};

export const load: PageServerLoad = async ({ locals }) => {
  const own = new Set((locals.user?.memberships ?? []).map((m) => ROLE_GUIDE[m.role]).filter((g): g is Guide => g !== undefined));
  return { guides: [...GUIDES.filter((g) => own.has(g)), ...GUIDES.filter((g) => !own.has(g))], own: [...own] };
};
