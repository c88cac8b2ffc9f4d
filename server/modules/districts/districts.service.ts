import type { AdminOrganisation, OrganisationBody, OrganisationPatch } from '../../contracts/organisations.ts';
import { isAdmin, type Actor } from '../../lib/access.ts';
import type { Clock } from '../../lib/clock.ts';
import { errors } from '../../lib/errors.ts';
import { auditFacts } from '../audit/audit.models.ts';
import type { DistrictsRepository } from './districts.repository.ts';

type Deps = {
  repo: DistrictsRepository;
  transaction: <T>(work: (tx: DistrictsRepository) => Promise<T>) => Promise<T>;
  clock: Clock;
};

const nameField = (message: string) => errors.invalid(message, [{ field: 'name', message }]);

/** The districts (stadsdelar) of the installation and the organisations in them: the administrator's. */
export function createDistrictsService({ repo, transaction, clock }: Deps) {
  const onlyAdmin = (actor: Actor) => {
    if (!isAdmin(actor)) throw errors.forbidden('Bara administratören lägger upp stadsdelar och verksamheter.');
  };

  /** A team that may serve an organisation: a live social services team. */
  async function checkTeam(tx: DistrictsRepository, teamId: string) {
    const team = await tx.organisation(teamId);
    if (!team || team.kind !== 'social_services' || team.archivedAt) {
      const message = 'Välj ett av socialtjänstens team som betjänar verksamheten.';
      throw errors.invalid(message, [{ field: 'servingTeamId', message }]);
    }
  }

  return {
    async listDistricts(actor: Actor) {
      onlyAdmin(actor);
      return repo.listDistricts();
    },

    async createDistrict(actor: Actor, name: string) {
      onlyAdmin(actor);
      return transaction(async (tx) => {
        if (await tx.districtNamed(name)) throw nameField(`Det finns redan en stadsdel som heter ${name}.`);
        const now = clock.now();
        const district = await tx.createDistrict(name, now);
        await tx.audit.append([auditFacts(actor, { action: 'district.created', targetType: 'district', targetId: district.id, organisationIds: [] }, now)]);
        return district;
      });
    },

    async listOrganisations(actor: Actor, districtId?: string): Promise<AdminOrganisation[]> {
      onlyAdmin(actor);
      const rows = await repo.listOrganisations(districtId);
      return rows.map(({ archivedAt, ...o }) => ({ ...o, archived: archivedAt !== null }));
    },

    async createOrganisation(actor: Actor, body: OrganisationBody) {
      onlyAdmin(actor);
      return transaction(async (tx) => {
        if (!(await tx.districtExists(body.districtId))) throw errors.invalid('Stadsdelen finns inte.', [{ field: 'districtId', message: 'Stadsdelen finns inte.' }]);
        if (await tx.nameTaken(body.districtId, body.name)) throw nameField(`Det finns redan en verksamhet som heter ${body.name} i stadsdelen.`);
        if (body.parentId) {
          const parent = await tx.organisation(body.parentId);
          if (body.kind !== 'preschool' || !parent || parent.kind !== 'preschool_unit' || parent.archivedAt || parent.districtId !== body.districtId) {
            const message = 'Bara en förskola hör till en förskoleenhet, och enheten ska finnas i samma stadsdel.';
            throw errors.invalid(message, [{ field: 'parentId', message }]);
          }
        }
        if (body.servingTeamId) await checkTeam(tx, body.servingTeamId);
        const names = body.sections ?? [];
        if (new Set(names.map((n) => n.toLowerCase())).size !== names.length) throw errors.invalid('Två avdelningar har samma namn.', [{ field: 'sections', message: 'Två avdelningar har samma namn.' }]);
        const now = clock.now();
        const org = await tx.createOrganisation({ name: body.name, kind: body.kind, districtId: body.districtId, parentId: body.parentId ?? null, servingTeamId: body.servingTeamId ?? null, sections: names, at: now });
        await tx.audit.append([auditFacts(actor, { action: 'organisation.created', targetType: 'organisation', targetId: org.id, organisationIds: [org.id] }, now)]);
        return org;
      });
    },

    async updateOrganisation(actor: Actor, id: string, patch: OrganisationPatch) {
      onlyAdmin(actor);
      await transaction(async (tx) => {
        const org = await tx.organisation(id);
        if (!org) throw errors.notFound('Verksamheten finns inte.');
        if (org.archivedAt) throw errors.invalid('Verksamheten är arkiverad och kan inte ändras.');
        if (patch.name && org.districtId && (await tx.nameTaken(org.districtId, patch.name, id))) throw nameField(`Det finns redan en verksamhet som heter ${patch.name} i stadsdelen.`);
        if (patch.servingTeamId) await checkTeam(tx, patch.servingTeamId);
        await tx.updateOrganisation(id, patch);
        await tx.audit.append([auditFacts(actor, { action: 'organisation.changed', targetType: 'organisation', targetId: id, organisationIds: [id] }, clock.now())]);
      });
    },

    /** Archived, never deleted: its history stays, it leaves every list and picker. A team still serving someone stays. */
    async archiveOrganisation(actor: Actor, id: string) {
      onlyAdmin(actor);
      await transaction(async (tx) => {
        const org = await tx.organisation(id);
        if (!org) throw errors.notFound('Verksamheten finns inte.');
        if (org.archivedAt) return;
        const served = org.kind === 'social_services' ? await tx.servedBy(id) : 0;
        if (served > 0) throw errors.invalid(`${org.name} betjänar fortfarande ${served} ${served === 1 ? 'verksamhet' : 'verksamheter'}. Välj ett annat team för dem först.`);
        const now = clock.now();
        await tx.archive(id, now);
        await tx.audit.append([auditFacts(actor, { action: 'organisation.archived', targetType: 'organisation', targetId: id, organisationIds: [id] }, now)]);
      });
    },
  };
}
export type DistrictsService = ReturnType<typeof createDistrictsService>;
