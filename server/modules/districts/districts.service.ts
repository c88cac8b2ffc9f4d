import type { AdminOrganisation, OrganisationBody, OrganisationPatch } from '../../contracts/organisations.ts';
import { inDistrictScope, isAdmin, requireDistrictScope, type Actor, type DistrictScope } from '../../lib/access.ts';
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
  /** The districts the actor administers: all for the administrator, their own for a district's administrator. */
  const scopeOf = (actor: Actor) => requireDistrictScope(actor, 'Bara administratörerna lägger upp verksamheter.');
  /** An organisation the actor administers, locked; one of another district does not exist for them. */
  async function administered(tx: DistrictsRepository, scope: DistrictScope, id: string) {
    const org = await tx.organisation(id);
    if (!org || !inDistrictScope(scope, org.districtId)) throw errors.notFound('Verksamheten finns inte.');
    return org;
  }

  /** A team that may serve an organisation: a live social services team (of their district, for a district's administrator). */
  async function checkTeam(tx: DistrictsRepository, scope: DistrictScope, teamId: string) {
    const team = await tx.organisation(teamId);
    if (!team || team.kind !== 'social_services' || team.archivedAt || !inDistrictScope(scope, team.districtId)) {
      const message = 'Välj ett av socialtjänstens team som betjänar verksamheten.';
      throw errors.invalid(message, [{ field: 'servingTeamId', message }]);
    }
  }

  return {
    async listDistricts(actor: Actor) {
      const scope = scopeOf(actor);
      return (await repo.listDistricts()).filter((d) => inDistrictScope(scope, d.id));
    },

    /** Only the administrator makes districts. */
    async createDistrict(actor: Actor, name: string) {
      if (!isAdmin(actor)) throw errors.forbidden('Bara systemförvaltaren lägger upp stadsdelar.');
      return transaction(async (tx) => {
        if (await tx.districtNamed(name)) throw nameField(`Det finns redan en stadsdel som heter ${name}.`);
        const now = clock.now();
        const district = await tx.createDistrict(name, now);
        await tx.audit.append([auditFacts(actor, { action: 'district.created', targetType: 'district', targetId: district.id, organisationIds: [] }, now)]);
        return district;
      });
    },

    async listOrganisations(actor: Actor, districtId?: string): Promise<AdminOrganisation[]> {
      const scope = scopeOf(actor);
      if (districtId && !inDistrictScope(scope, districtId)) throw errors.notFound('Stadsdelen finns inte.');
      const rows = await repo.listOrganisations(districtId ? [districtId] : scope === 'all' ? null : scope);
      return rows.map(({ archivedAt, ...o }) => ({ ...o, archived: archivedAt !== null }));
    },

    async createOrganisation(actor: Actor, body: OrganisationBody) {
      const scope = scopeOf(actor);
      return transaction(async (tx) => {
        if (!inDistrictScope(scope, body.districtId) || !(await tx.districtExists(body.districtId))) throw errors.invalid('Stadsdelen finns inte.', [{ field: 'districtId', message: 'Stadsdelen finns inte.' }]);
        if (await tx.nameTaken(body.districtId, body.name)) throw nameField(`Det finns redan en verksamhet som heter ${body.name} i stadsdelen.`);
        if (body.parentId) {
          const parent = await tx.organisation(body.parentId);
          if (body.kind !== 'preschool' || !parent || parent.kind !== 'preschool_unit' || parent.archivedAt || parent.districtId !== body.districtId) {
            const message = 'Bara en förskola hör till en förskoleenhet, och enheten ska finnas i samma stadsdel.';
            throw errors.invalid(message, [{ field: 'parentId', message }]);
          }
        }
        if (body.servingTeamId) await checkTeam(tx, scope, body.servingTeamId);
        const names = body.sections ?? [];
        if (new Set(names.map((n) => n.toLowerCase())).size !== names.length) throw errors.invalid('Två avdelningar har samma namn.', [{ field: 'sections', message: 'Två avdelningar har samma namn.' }]);
        const now = clock.now();
        const org = await tx.createOrganisation({ name: body.name, kind: body.kind, districtId: body.districtId, parentId: body.parentId ?? null, servingTeamId: body.servingTeamId ?? null, sections: names, at: now });
        await tx.audit.append([auditFacts(actor, { action: 'organisation.created', targetType: 'organisation', targetId: org.id, organisationIds: [org.id] }, now)]);
        return org;
      });
    },

    async updateOrganisation(actor: Actor, id: string, patch: OrganisationPatch) {
      const scope = scopeOf(actor);
      await transaction(async (tx) => {
        const org = await administered(tx, scope, id);
        if (org.archivedAt) throw errors.invalid('Verksamheten är arkiverad och kan inte ändras.');
        if (patch.name && org.districtId && (await tx.nameTaken(org.districtId, patch.name, id))) throw nameField(`Det finns redan en verksamhet som heter ${patch.name} i stadsdelen.`);
        if (patch.servingTeamId) await checkTeam(tx, scope, patch.servingTeamId);
        await tx.updateOrganisation(id, patch);
        await tx.audit.append([auditFacts(actor, { action: 'organisation.changed', targetType: 'organisation', targetId: id, organisationIds: [id] }, clock.now())]);
      });
    },

    /** Archived, never deleted: its history stays, it leaves every list and picker. A team still serving someone stays. */
    async archiveOrganisation(actor: Actor, id: string) {
      const scope = scopeOf(actor);
      await transaction(async (tx) => {
        const org = await administered(tx, scope, id);
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
