import type { CreatePersonBody, Person } from '../../contracts/people.ts';
import { inDistrictScope, requireDistrictScope, type Actor, type DistrictScope } from '../../lib/access.ts';
import type { Clock } from '../../lib/clock.ts';
import { errors, type FieldError } from '../../lib/errors.ts';
import { unknowablePassword, type PasswordHasher } from '../../lib/passwords.ts';
import type { AccountsService } from '../accounts/accounts.service.ts';
import { auditFacts } from '../audit/audit.models.ts';
import { kindsOfRole, roleNames } from './people.models.ts';
import type { PeopleRepository } from './people.repository.ts';

type Deps = {
  repo: PeopleRepository;
  transaction: <T>(work: (tx: PeopleRepository) => Promise<T>) => Promise<T>;
  accounts: Pick<AccountsService, 'sendLink'>;
  clock: Clock;
  hasher: PasswordHasher;
};

export function createPeopleService({ repo, transaction, accounts, clock, hasher }: Deps) {
  /** The districts the actor may manage people in: all for the administrator, their own for a district's. */
  const scopeOf = (actor: Actor) => requireDistrictScope(actor, 'Bara administratörerna lägger upp och stänger av konton.');

  /**
   * Every membership names a live organisation of a kind the role belongs to, and a section of
   * it; a district's administrator only organisations of their district (others do not exist
   * for them). A district_admin membership names a district, and only the administrator grants it.
   */
  async function membershipProblems(tx: PeopleRepository, scope: DistrictScope, list: CreatePersonBody['memberships']): Promise<FieldError[]> {
    const orgIds = list.flatMap((m) => (m.organisationId ? [m.organisationId] : []));
    const orgs = new Map((await tx.organisationsByIds([...new Set(orgIds)])).map((o) => [o.id, o]));
    const sectionsOf = new Map((await tx.sectionsByIds(list.flatMap((m) => (m.sectionId ? [m.sectionId] : [])))).map((s) => [s.id, s.organisationId]));
    const districts = new Set(await tx.existingDistricts(list.flatMap((m) => (m.districtId ? [m.districtId] : []))));
    return list.flatMap((m, i): FieldError[] => {
      if (m.role === 'district_admin') {
        if (scope !== 'all') throw errors.forbidden('Bara systemförvaltaren lägger upp stadsdelsadministratörer.');
        return districts.has(m.districtId!) ? [] : [{ field: `memberships.${i}.districtId`, message: 'Stadsdelen finns inte.' }];
      }
      const org = orgs.get(m.organisationId!);
      if (!org || !inDistrictScope(scope, org.districtId)) return [{ field: `memberships.${i}.organisationId`, message: 'Verksamheten finns inte.' }];
      if (!kindsOfRole[m.role].includes(org.kind)) return [{ field: `memberships.${i}.role`, message: `${org.name} har ingen ${roleNames[m.role]}: välj en roll som hör till verksamheten.` }];
      if (m.sectionId && sectionsOf.get(m.sectionId) !== org.id) return [{ field: `memberships.${i}.sectionId`, message: `Avdelningen hör inte till ${org.name}.` }];
      return [];
    });
  }

  /**
   * The person, locked, when the actor may manage them: for a district's administrator every
   * membership must be in their district, and administrators are the administrator's alone.
   * Anyone else is reported as not found.
   */
  async function managed(tx: PeopleRepository, scope: DistrictScope, id: string) {
    const person = await tx.find(id);
    if (!person) throw errors.notFound('Personen finns inte.');
    if (scope !== 'all') {
      const held = await tx.membershipsOf(id);
      const ok = held.length > 0 && held.every((m) => m.role !== 'admin' && m.role !== 'district_admin' && inDistrictScope(scope, m.districtId));
      if (!ok) throw errors.notFound('Personen finns inte.');
    }
    return person;
  }

  return {
    /** A new member of staff with their memberships, and the invitation mail to choose a password: all or nothing. */
    async create(actor: Actor, body: CreatePersonBody) {
      const scope = scopeOf(actor);
      const unknowable = await unknowablePassword(hasher);
      return transaction(async (tx) => {
        if (await tx.emailTaken(body.email)) throw errors.invalid('Det finns redan ett konto med den e-postadressen.', [{ field: 'email', message: 'Adressen används redan av ett annat konto.' }]);
        const problems = await membershipProblems(tx, scope, body.memberships);
        if (problems.length) throw errors.invalid(problems.map((p) => p.message).join(' '), problems);
        const user = await tx.create({
          name: body.name,
          email: body.email,
          phone: body.phone ?? null,
          title: body.title ?? null,
          passwordHash: unknowable,
          memberships: body.memberships.map((m) => ({ organisationId: m.organisationId ?? null, districtId: m.districtId ?? null, role: m.role, sectionId: m.sectionId ?? null })),
        });
        await accounts.sendLink(tx.accounts, 'invitation', user, actor.name);
        const now = clock.now();
        await tx.audit.append([auditFacts(actor, { action: 'person.created', targetType: 'user', targetId: user.id, organisationIds: body.memberships.map((m) => m.organisationId ?? null) }, now)]);
        return { id: user.id };
      });
    },

    /** Disabled: every session ends at once, no mail goes out, sign-in is refused. Enabled: as before. */
    async setDisabled(actor: Actor, id: string, disabled: boolean) {
      const scope = scopeOf(actor);
      if (disabled && id === actor.userId) throw errors.invalid('Du kan inte stänga av ditt eget konto.');
      await transaction(async (tx) => {
        await managed(tx, scope, id);
        const now = clock.now();
        await tx.setDisabled(id, disabled ? now : null);
        const organisationIds = await tx.organisationIdsOf(id);
        await tx.audit.append([auditFacts(actor, { action: disabled ? 'person.disabled' : 'person.enabled', targetType: 'user', targetId: id, organisationIds }, now)]);
      });
    },

    /**
     * A new invitation (the old one lost, or its week gone): a new one-time link by mail. Its
     * password stays as it is until the link is used, so an invitation cannot lock anyone out.
     */
    async reinvite(actor: Actor, id: string) {
      const scope = scopeOf(actor);
      await transaction(async (tx) => {
        const person = await managed(tx, scope, id);
        if (person.disabledAt) throw errors.invalid(`Kontot för ${person.name} är avstängt. Öppna det först.`);
        await accounts.sendLink(tx.accounts, 'invitation', person, actor.name);
        const organisationIds = await tx.organisationIdsOf(id);
        await tx.audit.append([auditFacts(actor, { action: 'person.invited', targetType: 'user', targetId: id, organisationIds }, clock.now())]);
      });
    },

    /**
     * A lost phone and lost recovery codes: the person's second factor goes, and a role that
     * requires one sets up a new one at the next sign-in. Audited; their sessions stay.
     */
    async resetSecondFactor(actor: Actor, id: string) {
      const scope = scopeOf(actor);
      await transaction(async (tx) => {
        await managed(tx, scope, id);
        await tx.secondFactor.remove(id);
        const organisationIds = await tx.organisationIdsOf(id);
        await tx.audit.append([auditFacts(actor, { action: 'person.second_factor_reset', targetType: 'user', targetId: id, organisationIds }, clock.now())]);
      });
    },

    /** People whose name or address holds the words; a district's administrator finds those of their district. */
    async search(actor: Actor, q: string | undefined): Promise<Person[]> {
      const scope = scopeOf(actor);
      const rows = await repo.search(q ?? '', scope === 'all' ? null : scope);
      return rows.map((p) => ({
        id: p.id,
        name: p.name,
        email: p.email,
        disabled: p.disabledAt !== null,
        memberships: p.memberships.map(({ organisationId, organisationName, role }) => ({ organisationId, organisationName, role })),
      }));
    },
  };
}
export type PeopleService = ReturnType<typeof createPeopleService>;
