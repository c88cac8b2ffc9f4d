import type { Role } from '../contracts/auth.ts';
import type { OrganisationKind } from '../contracts/organisations.ts';
import { errors } from './errors.ts';

export type ActorMembership = {
  organisationId: string | null;
  /** The district a district_admin manages; null or absent for every other role. */
  districtId?: string | null;
  organisationName: string | null;
  organisationKind: OrganisationKind | null;
  role: Role;
  sectionId: string | null;
};

/** The signed-in person as every service sees them. */
export type Actor = {
  userId: string;
  sessionId: string;
  name: string;
  email: string;
  memberships: ActorMembership[];
  /**
   * The directory's change count of each of the actor's teams as the session check read it, by
   * team id ('' for a membership with no team: see db/schema/directory.ts). A cached read of a
   * team's contacts, rosters or schedules made at its number is still true.
   */
  directoryVersions?: Readonly<Record<string, number>>;
  /** Where the request came from (the browser's address, also through our own SSR): for the audit log. */
  address?: string;
};

/** The change count, as the actor's session read it, of the team an organisation belongs to; undefined when the actor has none for it (then nothing is kept). */
export function directoryVersionOf(actor: Actor, place: { id: string; kind?: OrganisationKind | null; servingTeamId: string | null }): number | undefined {
  const team = place.kind === 'social_services' ? place.id : place.servingTeamId;
  return actor.directoryVersions?.[team ?? ''];
}

/** The facts about an organisation that decide who may see it. */
export type OrganisationScope = { id: string; parentId: string | null; servingTeamId: string | null };

export const teamRoles: readonly Role[] = ['social_worker', 'team_lead'];

/**
 * Who may call a route at all, declared on every /api route (`config: { access }`) and checked
 * once, before validation or any lookup: anyone ('public'), any signed-in person ('signed-in',
 * the service then decides per resource: her organisation, her case, her booking), or only
 * holders of one of the roles listed. The service still checks the resource; this is the outer
 * gate, and the table in SECURITY.md is printed from these declarations.
 */
export type RouteAccess = 'public' | 'signed-in' | readonly Role[];
export const teamStaff: readonly Role[] = teamRoles;
export const teamLeads: readonly Role[] = ['team_lead'];
export const administrators: readonly Role[] = ['admin'];
/** The administrator, and a district's administrator within their district (the service scopes). */
export const districtAdministrators: readonly Role[] = ['admin', 'district_admin'];

/** The districts the actor administers: every one for the administrator, their own for a district_admin. */
export function administeredDistricts(actor: Actor): 'all' | string[] {
  if (isAdmin(actor)) return 'all';
  return actor.memberships.flatMap((m) => (m.role === 'district_admin' && m.districtId ? [m.districtId] : []));
}
export type DistrictScope = ReturnType<typeof administeredDistricts>;

/** The districts an administrator of some kind administers; anyone else is refused with `refusal`. */
export function requireDistrictScope(actor: Actor, refusal: string): DistrictScope {
  const scope = administeredDistricts(actor);
  if (scope !== 'all' && scope.length === 0) throw errors.forbidden(refusal);
  return scope;
}

/** Whether something in `districtId` (null: in no district) is within the scope. */
export const inDistrictScope = (scope: DistrictScope, districtId: string | null) => scope === 'all' || (districtId !== null && scope.includes(districtId));

/** Whether the gate lets the actor through (the resource is the service's business). */
export function passesGate(access: RouteAccess, actor: Pick<Actor, 'memberships'> | null): boolean {
  if (access === 'public') return true;
  if (!actor) return false;
  return access === 'signed-in' || actor.memberships.some((m) => access.includes(m.role));
}

export function isAdmin(actor: Actor): boolean {
  return actor.memberships.some((m) => m.role === 'admin');
}

export function organisationIdsOf(actor: Actor, roles?: readonly Role[]): string[] {
  return actor.memberships
    .filter((m) => m.organisationId !== null && (!roles || roles.includes(m.role)))
    .map((m) => m.organisationId as string);
}

/** Whether the actor may see the organisation at all: staff see their own, a unit's staff its
 * preschools, a team's members the organisations the team serves, the administrator all. */
export function canSeeOrganisation(actor: Actor, org: OrganisationScope): boolean {
  if (isAdmin(actor)) return true;
  const own = new Set(organisationIdsOf(actor));
  if (own.has(org.id)) return true;
  if (org.parentId && own.has(org.parentId)) return true;
  const teams = new Set(organisationIdsOf(actor, teamRoles));
  return org.servingTeamId !== null && teams.has(org.servingTeamId);
}

/** The team lead of a team manages its contacts, roster and settings. */
export function leadsTeam(actor: Actor, teamId: string | null): boolean {
  return teamId !== null && actor.memberships.some((m) => m.role === 'team_lead' && m.organisationId === teamId);
}

export function memberOfTeam(actor: Actor, teamId: string): boolean {
  return organisationIdsOf(actor, teamRoles).includes(teamId);
}

type Policies = {
  'organisation:read': OrganisationScope;
  'team:read': { teamId: string };
  'team:manage': { teamId: string };
};
export type Action = keyof Policies;

const policies: { [A in Action]: (actor: Actor, resource: Policies[A]) => boolean } = {
  'organisation:read': canSeeOrganisation,
  'team:read': (actor, { teamId }) => memberOfTeam(actor, teamId),
  'team:manage': (actor, { teamId }) => leadsTeam(actor, teamId),
};

/**
 * The first line of every service method. A resource the actor may not see is reported as
 * not found, so its existence never leaks across organisations.
 */
export function requireAccess<A extends Action>(actor: Actor | null | undefined, action: A, resource: Policies[A]): asserts actor is Actor {
  if (!actor) throw errors.unauthenticated();
  if (!policies[action](actor, resource)) {
    // A member of the team may know the team exists: managing it is then forbidden, not hidden.
    if (action === 'team:manage' && memberOfTeam(actor, (resource as { teamId: string }).teamId)) throw errors.forbidden();
    throw errors.notFound();
  }
}
