import { leadsTeam, organisationIdsOf, teamRoles, type Actor } from '../../lib/access.ts';
import type { Clock } from '../../lib/clock.ts';
import { stockholmDate } from '../../lib/time.ts';
import { consentErrors } from './consents.errors.ts';
import type { ConsentTx, Tenancy } from './consents.repository.ts';
import { oneByOne } from '../../lib/one-by-one.ts';

/** The school-side roles that may read and write consented feedback. Pedagogues never do. */
const schoolRoles = ['principal', 'pupil_health'] as const;

/** The actor's tenancy at the clock's instant: their teams, and the organisations they speak for. */
export function tenancyOf(actor: Actor, clock: Clock): Tenancy {
  const now = clock.now();
  return { teamIds: organisationIdsOf(actor, teamRoles), schoolOrganisationIds: organisationIdsOf(actor, schoolRoles), now, today: stockholmDate(now) };
}

/**
 * Who the actor is to a case: one of its workers, the team lead, or the principal or elevhälsa of
 * organisations on it (a unit's for its preschools). Anyone else gets 404.
 */
export async function caseAccess(tx: ConsentTx, actor: Actor, caseId: string) {
  const c = await tx.cases.find(caseId);
  if (!c) throw consentErrors.caseNotFound();
  const [workers, organisations, speaksFor] = await oneByOne([() => tx.cases.workersOf(caseId), () => tx.cases.organisationsOf(caseId), () => tx.consents.schoolOrganisations()] as const);
  const isWorker = workers.some((w) => w.userId === actor.userId);
  const isLead = leadsTeam(actor, c.teamId);
  const schoolOrganisationIds = organisations.filter((o) => speaksFor.includes(o.id)).map((o) => o.id);
  if (!isWorker && !isLead && schoolOrganisationIds.length === 0) throw consentErrors.caseNotFound();
  return { c, workers, organisations, isWorker, isLead, schoolOrganisationIds };
}
