import { randomUUID } from 'node:crypto';
import { familyMeetingTypes, type Meeting, type MeetingBody } from '../../contracts/meetings.ts';
import { addDays, daySpan, stockholmDate } from '../../contracts/time.ts';
import { leadsTeam, memberOfTeam, type Actor } from '../../lib/access.ts';
import { replayOf, requestOf } from '../idempotency/idempotency.models.ts';
import { followerRoles, followsOrganisation, type MeetingAccess } from './meetings.access.ts';
import { meetingErrors } from './meetings.errors.ts';
import type { MeetingMail } from './meetings.mail.ts';
import type { MeetingsDeps } from './meetings.service.ts';

/** Asking for a meeting, reading one, "Mina möten" and the team's queue of requests. */
export function createMeetingRequests({ transaction, organisations, clock, auditTrail }: MeetingsDeps, { visible, audit, factsOf, present, presentAll, contactOrgs }: MeetingAccess, mail: MeetingMail) {
  function requireFuture(start: Date, field: string) {
    if (start <= clock.now()) throw meetingErrors.pastTime(field);
  }

  /** With an idempotency key, the same request sent again gets the first meeting back and changes nothing. */
  async function request(actor: Actor, body: MeetingBody, key?: string) {
    const scope = await organisations.requireOpen(actor, body.organisationId);
    const teamSide = scope.servingTeamId !== null && memberOfTeam(actor, scope.servingTeamId);
    const police = scope.kind === 'police' && actor.memberships.some((m) => m.role === 'police' && m.organisationId === scope.id);
    const school = followsOrganisation(actor, scope.id, scope.parentId);
    if (!teamSide && !police && !school) throw meetingErrors.mayNotRequest();
    if (!teamSide && police && body.type !== 'police_collaboration') throw meetingErrors.policeType();
    if (!teamSide && !police && body.type === 'police_collaboration') throw meetingErrors.schoolPoliceType();
    if (!scope.servingTeamId) throw meetingErrors.noTeam();
    body.proposedTimes.forEach((t, i) => requireFuture(new Date(t.startsAt), `proposedTimes.${i}.startsAt`));
    const teamId = scope.servingTeamId;
    return transaction(async (tx) => {
      const id = randomUUID();
      if (key) {
        const replay = replayOf(await tx.keys.claim(actor.userId, key, requestOf('meeting', body), id, clock.now()));
        if (replay) return { id: replay, status: (await tx.find(replay))!.status };
      }
      const created = await tx.insert({
        id,
        type: body.type,
        organisationId: scope.id,
        teamId,
        requestedBy: actor.userId,
        label: body.label,
        ageBand: body.ageBand ?? null,
        urgency: body.urgency,
        // Not asked of a meeting without a family: recorded as not informed, and never shown.
        guardiansInformed: familyMeetingTypes.includes(body.type) ? body.guardiansInformed! : false,
        guardiansAttending: familyMeetingTypes.includes(body.type) ? (body.guardiansAttending ?? null) : null,
        place: body.place,
        proposedTimes: body.proposedTimes.map((t) => ({ startsAt: new Date(t.startsAt).toISOString(), endsAt: new Date(t.endsAt).toISOString() })),
        createdAt: clock.now(),
        updatedAt: clock.now(),
      });
      await audit(tx, actor, { id: created.id, type: body.type, caseId: null, organisationId: scope.id, organisationParentId: scope.parentId, teamId }, 'meeting.request');
      await mail.requested(tx, created.id);
      return created;
    });
  }

  async function get(actor: Actor, id: string): Promise<Meeting> {
    // An audited read: its row goes to the log's group-commit writer once the read committed.
    return auditTrail.read(transaction, async (tx, log) => {
      const { m, workers, access } = await visible(tx, actor, id);
      log(factsOf(actor, m, 'meeting.read'));
      return present(m, workers, access, clock.now());
    });
  }

  /** "Mina möten": the actor's meetings in whole Stockholm days [from, to], and requests still waiting. */
  async function list(actor: Actor, from?: string, to?: string): Promise<Meeting[]> {
    const first = from ?? stockholmDate(clock.now());
    const { start, end } = daySpan(first, to ?? addDays(first, 6));
    // The police follow their area's collaboration meetings, also those the team planned as a series.
    const followed = actor.memberships.filter((m) => (followerRoles.includes(m.role) || m.role === 'police') && m.organisationId).map((m) => m.organisationId!);
    return transaction(async (tx) => {
      const rows = await tx.listFor(actor.userId, followed, start, end);
      return presentAll(tx, actor, rows, 'meeting.list');
    });
  }

  /** The team's requests waiting for a time: the team lead sees all, a contact those of their organisations. */
  async function queue(actor: Actor, teamId: string): Promise<Meeting[]> {
    if (!memberOfTeam(actor, teamId)) throw meetingErrors.notFound();
    return transaction(async (tx) => {
      const rows = await tx.queue(teamId, leadsTeam(actor, teamId) ? 'all' : [...(await contactOrgs(tx, actor))]);
      return presentAll(tx, actor, rows, 'meeting.list');
    });
  }


  return { request, get, list, queue };
}
