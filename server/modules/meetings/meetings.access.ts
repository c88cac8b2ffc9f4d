import { organisationSideRoles, type Role } from '../../contracts/auth.ts';
import { familyMeetingTypes, type Meeting } from '../../contracts/meetings.ts';
import { stockholmDate } from '../../contracts/time.ts';
import { leadsTeam, memberOfTeam, type Actor } from '../../lib/access.ts';
import type { Clock } from '../../lib/clock.ts';
import { auditFacts, listViewFacts } from '../audit/audit.models.ts';
import { meetingErrors } from './meetings.errors.ts';
import type { MeetingRow, MeetingsRepository } from './meetings.repository.ts';

// Principal, elevhälsa and partners ask for meetings and follow their organisation's requests; a
// unit's leadership its preschools'.
export const followerRoles: readonly Role[] = organisationSideRoles;

/** Whether the actor speaks for the organisation or for its unit (principal, elevhälsa, partner). */
export function followsOrganisation(actor: Actor, organisationId: string, parentId: string | null) {
  return actor.memberships.some((mb) => followerRoles.includes(mb.role) && mb.organisationId !== null && (mb.organisationId === organisationId || mb.organisationId === parentId));
}

type Workers = Awaited<ReturnType<MeetingsRepository['workersOf']>>;

/** How much of a meeting the actor may see: everything (the team's people on it), a summary (the school side), or nothing. */
type Access = { actorId: string; view: 'full' | 'summary'; isWorker: boolean; isLead: boolean; isContact: boolean; isTeamSide: boolean; isRequesterSide: boolean };

type MeetingStatus = MeetingRow['status'];

/**
 * Locks the meeting's row for the use case's transaction and refuses unless its status is one
 * of `allowed`: a cancelled meeting says so, any other status gets `otherwise`'s error.
 */
export async function lockedMeeting(tx: MeetingsRepository, id: string, allowed: readonly MeetingStatus[], otherwise: (status: MeetingStatus) => Error) {
  const locked = (await tx.lock(id))!;
  if (locked.status === 'cancelled') throw meetingErrors.cancelled();
  if (!allowed.includes(locked.status)) throw otherwise(locked.status);
  return locked;
}

/** Who may see a meeting and how much, and the audit rows that seeing it writes: shared by every meetings use case. */
export function createMeetingAccess({ clock }: { clock: Clock }) {
  const isFamily = (m: Pick<MeetingRow, 'type'>) => familyMeetingTypes.includes(m.type);
  const orgIdsOf = (m: Pick<MeetingRow, 'organisationId' | 'organisationParentId' | 'teamId'>) => [m.teamId, m.organisationId, m.organisationParentId];

  async function contactOrgs(tx: MeetingsRepository, actor: Actor) {
    return new Set(await tx.contactOrganisations(actor.userId, stockholmDate(clock.now())));
  }

  function accessOf(actor: Actor, m: MeetingRow, workers: Workers, contacts: Set<string>): Access | null {
    const isWorker = workers.some((w) => w.userId === actor.userId);
    const isLead = leadsTeam(actor, m.teamId);
    const isContact =
      memberOfTeam(actor, m.teamId) && (contacts.has(m.organisationId) || (m.organisationParentId !== null && contacts.has(m.organisationParentId)));
    const isRequester = m.requestedById === actor.userId;
    // Police see their own requests, and the collaboration series the team plans with their area.
    const isPoliceOfArea = m.type === 'police_collaboration' && m.seriesId !== null && actor.memberships.some((mb) => mb.role === 'police' && mb.organisationId === m.organisationId);
    const isRequesterSide = isRequester || isPoliceOfArea || followsOrganisation(actor, m.organisationId, m.organisationParentId);
    const isTeamSide = isWorker || isLead || isContact;
    if (!isTeamSide && !isRequesterSide) return null;
    return { actorId: actor.userId, view: isTeamSide ? 'full' : 'summary', isWorker, isLead, isContact, isTeamSide, isRequesterSide };
  }

  function present(m: MeetingRow, workers: Workers, a: Access, now: Date): Meeting {
    const own = workers.filter((w) => w.meetingId === m.id);
    const open = m.status === 'requested' || m.status === 'scheduled';
    return {
      id: m.id,
      type: m.type,
      status: m.status,
      organisationId: m.organisationId,
      organisationName: m.organisationName,
      label: m.label,
      ageBand: m.ageBand,
      urgency: m.urgency,
      guardiansInformed: m.guardiansInformed,
      guardiansAttending: m.guardiansAttending,
      place: m.place,
      proposedTimes: m.proposedTimes,
      startsAt: m.startsAt?.toISOString() ?? null,
      endsAt: m.endsAt?.toISOString() ?? null,
      socialWorkers: own.map(({ userId, name }) => ({ userId, name })),
      requestedBy: m.requestedById ? { userId: m.requestedById, name: m.requestedByName ?? '' } : null,
      requestedAt: m.createdAt.toISOString(),
      changeReason: m.changeReason,
      caseId: a.view === 'full' ? m.caseId : null,
      seriesId: m.seriesId,
      audience: m.audience,
      outcome: a.view === 'full' && (m.status === 'held' || m.status === 'not_held') ? { reportFiled: m.reportFiled, notes: m.outcomeNotes } : null,
      can: {
        schedule: m.status === 'requested' && (a.isLead || a.isContact),
        reschedule: m.status === 'scheduled' && a.isTeamSide,
        cancel: open && (a.isTeamSide || a.isRequesterSide),
        recordOutcome: m.status === 'scheduled' && own.some((w) => w.active && w.userId === a.actorId) && !!m.startsAt && m.startsAt <= now,
        invite: m.status !== 'requested' && !!m.startsAt && (a.isWorker || m.requestedById === a.actorId),
      },
    };
  }
  /** Loads a meeting the actor may see (else 404), with its workers and the actor's rights. */
  async function visible(tx: MeetingsRepository, actor: Actor, id: string) {
    const m = await tx.find(id);
    if (!m) throw meetingErrors.notFound();
    const workers = await tx.workersOf([id]);
    const access = accessOf(actor, m, workers, memberOfTeam(actor, m.teamId) ? await contactOrgs(tx, actor) : new Set());
    if (!access) throw meetingErrors.notFound();
    return { m, workers, access };
  }

  /** The audit row for an action on a meeting about a family (police and staff meetings have none). */
  const factsOf = (actor: Actor, m: Pick<MeetingRow, 'id' | 'type' | 'caseId' | 'organisationId' | 'organisationParentId' | 'teamId'>, action: string) =>
    isFamily(m) ? [auditFacts(actor, { action, targetType: 'meeting', targetId: m.id, caseId: m.caseId, organisationIds: orgIdsOf(m) }, clock.now())] : [];
  /** Appends that row in the use case's transaction. */
  const audit = (tx: MeetingsRepository, actor: Actor, m: Pick<MeetingRow, 'id' | 'type' | 'caseId' | 'organisationId' | 'organisationParentId' | 'teamId'>, action: string) =>
    tx.audit.append(factsOf(actor, m, action));

  async function presentAll(tx: MeetingsRepository, actor: Actor, rows: MeetingRow[], action: string): Promise<Meeting[]> {
    const workers = await tx.workersOf(rows.map((r) => r.id));
    const contacts = actor.memberships.some((mb) => mb.role === 'social_worker') ? await contactOrgs(tx, actor) : new Set<string>();
    const now = clock.now();
    const shown: Meeting[] = [];
    let family = false;
    for (const m of rows) {
      const own = workers.filter((w) => w.meetingId === m.id);
      const access = accessOf(actor, m, own, contacts);
      if (!access) continue;
      shown.push(present(m, own, access, now));
      family ||= isFamily(m);
    }
    // One row per view of a list that showed a meeting about a family, not one per meeting.
    if (family) await tx.audit.append([listViewFacts(actor, action, actor.userId, [...new Set(rows.flatMap(orgIdsOf))], now)]);
    return shown;
  }
  return { isFamily, orgIdsOf, contactOrgs, visible, audit, factsOf, presentAll, present };
}

export type MeetingAccess = ReturnType<typeof createMeetingAccess>;
