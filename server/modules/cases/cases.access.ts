import type { tenancyReads } from '../../../db/tenancy.ts';
import { leadsTeam, type Actor } from '../../lib/access.ts';
import { oneByOne } from '../../lib/one-by-one.ts';
import { caseErrors } from './cases.errors.ts';
import type { CasesRepository } from './cases.repository.ts';

/** What deciding access to a case reads, inside a tenant transaction. */
export type CaseAccessReads = { cases: Pick<CasesRepository, 'find' | 'workersOf' | 'organisationsOf'>; tenancy: ReturnType<typeof tenancyReads> };

/**
 * Who the actor is to a case: one of its workers, the team lead, or the principal or elevhälsa of
 * organisations on it (a unit's for its preschools). Anyone else gets 404.
 */
export async function caseAccess(tx: CaseAccessReads, actor: Actor, caseId: string) {
  const c = await tx.cases.find(caseId);
  if (!c) throw caseErrors.notFound();
  const [workers, organisations, speaksFor] = await oneByOne([() => tx.cases.workersOf(caseId), () => tx.cases.organisationsOf(caseId), () => tx.tenancy.schoolOrganisations()] as const);
  const isWorker = workers.some((w) => w.userId === actor.userId);
  const isLead = leadsTeam(actor, c.teamId);
  const schoolOrganisationIds = organisations.filter((o) => speaksFor.includes(o.id)).map((o) => o.id);
  if (!isWorker && !isLead && schoolOrganisationIds.length === 0) throw caseErrors.notFound();
  return { c, workers, organisations, isWorker, isLead, schoolOrganisationIds };
}
