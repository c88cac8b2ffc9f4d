import type { Coverage } from '../../contracts/team.ts';
import { requireAccess, type Actor } from '../../lib/access.ts';
import type { Clock } from '../../lib/clock.ts';
import { errors } from '../../lib/errors.ts';
import { stockholmDate } from '../../contracts/time.ts';
import { coverage } from './assignments.models.ts';
import type { AssignmentsRepository } from './assignments.repository.ts';

type Deps = { repo: AssignmentsRepository; clock: Clock };

const isOverlap = (err: unknown) => (err as { cause?: { code?: string } })?.cause?.code === '23P01';

export function createAssignmentsService({ repo, clock }: Deps) {
  return {
    async coverage(actor: Actor, teamId: string): Promise<Coverage> {
      requireAccess(actor, 'team:read', { teamId });
      const [{ orgs, secs }, assignments] = await Promise.all([repo.servedBy(teamId), repo.forTeam(teamId)]);
      return coverage(orgs, secs, assignments, stockholmDate(clock.now()));
    },

    /** Whom the team lead may name as contact: the team's people and those of other social services units in the district. */
    async candidates(actor: Actor, teamId: string) {
      requireAccess(actor, 'team:manage', { teamId });
      // The team's own people first.
      return (await repo.contactCandidates(teamId)).sort((a, b) => Number(a.unitName !== null) - Number(b.unitName !== null));
    },

    async assign(actor: Actor, a: { organisationId: string; sectionId?: string | null; userId: string; startsOn: string; endsOn?: string | null }) {
      if (!actor) throw errors.unauthenticated();
      const org = await repo.organisation(a.organisationId);
      if (!org?.servingTeamId) throw errors.notFound('Verksamheten finns inte, eller så har du inte tillgång till den.');
      requireAccess(actor, 'team:manage', { teamId: org.servingTeamId });
      if (a.sectionId && !(await repo.sectionBelongs(a.sectionId, a.organisationId))) {
        throw errors.invalid('Stadiet eller avdelningen hör inte till verksamheten.', [{ field: 'sectionId', message: 'Välj ett stadium i verksamheten.' }]);
      }
      const [worker] = await repo.contactCandidates(org.servingTeamId, a.userId);
      if (!worker) throw errors.invalid('Kontaktpersonen ska arbeta i teamet eller i en annan enhet inom socialtjänsten i stadsdelen.', [{ field: 'userId', message: 'Välj någon i teamet eller i en enhet inom socialtjänsten.' }]);
      try {
        return await repo.insert({ organisationId: a.organisationId, sectionId: a.sectionId ?? null, userId: a.userId, startsOn: a.startsOn, endsOn: a.endsOn ?? null });
      } catch (err) {
        if (isOverlap(err)) {
          throw errors.invalid(`${worker.name} är redan kontaktperson här under en del av den perioden.`, [{ field: 'startsOn', message: 'Välj en period som inte överlappar.' }]);
        }
        throw err;
      }
    },

    /** Ends a period (the row stays: history is kept). */
    async end(actor: Actor, id: string, endsOn: string) {
      if (!actor) throw errors.unauthenticated();
      const row = await repo.find(id);
      if (!row?.servingTeamId) throw errors.notFound();
      requireAccess(actor, 'team:manage', { teamId: row.servingTeamId });
      if (endsOn < row.startsOn) throw errors.invalid('Slutdatumet kan inte vara före startdatumet.', [{ field: 'endsOn', message: 'Välj ett senare datum.' }]);
      await repo.end(id, endsOn);
    },
  };
}

export type AssignmentsService = ReturnType<typeof createAssignmentsService>;
