import type { Organisation } from '../../contracts/organisations.ts';
import { directoryVersionOf, isAdmin, organisationIdsOf, requireAccess, teamRoles, type Actor } from '../../lib/access.ts';
import { AppError, errors } from '../../lib/errors.ts';
import { versionedCache } from '../../lib/versioned-cache.ts';
import type { OrganisationsRepository } from './organisations.repository.ts';

type Deps = { repo: Pick<OrganisationsRepository, 'listVisible' | 'findScope'> };

export function createOrganisationsService({ repo }: Deps) {
  // Nearly every request checks an organisation: its access facts are kept until its team's
  // change count, read with the session, moves.
  const scopes = versionedCache<Awaited<ReturnType<Deps['repo']['findScope']>>>();
  // The organisation picker and every page that names places list them: kept per set of
  // memberships (the answer has no one's data, only places and sections) until the change count
  // of one of those memberships' teams moves. The administrator's whole city is read fresh.
  const lists = versionedCache<Organisation[]>();

  /** Loads an organisation's access facts and checks that the actor may see it (else 404). */
  async function requireVisible(actor: Actor, organisationId: string) {
    const scope = await scopes.lookup(organisationId, (found) => (found ? directoryVersionOf(actor, found) : undefined), () => repo.findScope(organisationId));
    if (!scope) throw errors.notFound('Verksamheten finns inte, eller så har du inte tillgång till den.');
    requireAccess(actor, 'organisation:read', scope);
    return scope;
  }

  return {
    requireVisible,

    async listVisible(actor: Actor): Promise<Organisation[]> {
      const filter = isAdmin(actor) ? { all: true as const } : { all: false as const, ownIds: organisationIdsOf(actor), teamIds: organisationIdsOf(actor, teamRoles) };
      const key = filter.all ? 'all' : `${[...filter.ownIds].sort().join(',')} ${[...filter.teamIds].sort().join(',')}`;
      const seen = filter.all ? undefined : Object.values(actor.directoryVersions ?? {}).reduce((sum, v) => sum + v, 0);
      return lists.get(seen, key, () => repo.listVisible(filter));
    },


    /**
     * An organisation something new is made for (a meeting, a case, times, terms): visible, and
     * not archived. What it already has stays readable.
     */
    async requireOpen(actor: Actor, organisationId: string) {
      const scope = await requireVisible(actor, organisationId);
      if (scope.archived) {
        throw new AppError('invalid_request', `${scope.name} är arkiverad: inget nytt kan läggas till där. Det som redan finns går att läsa.`, {
          status: 409,
          fields: [{ field: 'organisationId', message: `${scope.name} är arkiverad.` }],
        });
      }
      return scope;
    },
  };
}

export type OrganisationsService = ReturnType<typeof createOrganisationsService>;
/** An organisation the actor may see, as requireVisible returns it. */
export type VisibleOrganisation = Awaited<ReturnType<OrganisationsService['requireVisible']>>;
