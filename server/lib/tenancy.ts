import type { Tenancy } from '../../db/tenancy.ts';
import { feedbackReaderRoles } from '../contracts/auth.ts';
import { stockholmDate } from '../contracts/time.ts';
import { organisationIdsOf, teamRoles, type Actor } from './access.ts';
import type { Clock } from './clock.ts';

/** The actor's tenancy at the clock's instant: their teams, and the organisations they speak for. */
export function tenancyOf(actor: Actor, clock: Clock): Tenancy {
  const now = clock.now();
  return { teamIds: organisationIdsOf(actor, teamRoles), schoolOrganisationIds: organisationIdsOf(actor, feedbackReaderRoles), now, today: stockholmDate(now) };
}

/** The tenancy a use case may hold a transaction to (row-level security, db/tenancy.ts). */
export type { Tenancy } from '../../db/tenancy.ts';
