import type { Organisation } from '../../contracts/organisations.ts';
import { isAdmin, organisationIdsOf, requireAccess, requireActor, teamRoles, type Actor } from '../../lib/access.ts';
import { errors } from '../../lib/errors.ts';
import type { OrganisationsRepository } from './organisations.repository.ts';

type Deps = { repo: Pick<OrganisationsRepository, 'listVisible' | 'findScope'> };

export function createOrganisationsService({ repo }: Deps) {
  return {
    async listVisible(actor: Actor | null): Promise<Organisation[]> {
      requireActor(actor);
      return repo.listVisible(
        isAdmin(actor) ? { all: true } : { all: false, ownIds: organisationIdsOf(actor), teamIds: organisationIdsOf(actor, teamRoles) },
      );
    },

    /** Loads an organisation's access facts and checks that the actor may see it (else 404). */
    async requireVisible(actor: Actor | null, organisationId: string) {
      requireActor(actor);
      const scope = await repo.findScope(organisationId);
      if (!scope) throw errors.notFound('Verksamheten finns inte, eller så har du inte tillgång till den.');
      requireAccess(actor, 'organisation:read', scope);
      return scope;
    },
  };
}

export type OrganisationsService = ReturnType<typeof createOrganisationsService>;
