import type { Role } from '../../contracts/auth.ts';
import { familyMeetingTypes, type FreeBusy, type Meeting, type MeetingBody } from '../../contracts/meetings.ts';
import { leadsTeam, memberOfTeam, type Actor } from '../../lib/access.ts';
import type { Clock } from '../../lib/clock.ts';
import { sqlState } from '../../lib/errors.ts';
import { addDays, daySpan, stockholmDate } from '../../contracts/time.ts';
import { auditFacts, listViewFacts } from '../audit/audit.models.ts';
import type { OrganisationsService } from '../organisations/organisations.service.ts';
import { meetingErrors } from './meetings.errors.ts';
import { clashesOf, daysOf, meetingInvite, workerCountProblem, type ScheduleFacts } from './meetings.models.ts';
import type { MeetingRow, MeetingsRepository } from './meetings.repository.ts';
import { oneByOne } from '../../lib/one-by-one.ts';

type Deps = {
  repo: MeetingsRepository;
  transaction: <T>(work: (repo: MeetingsRepository) => Promise<T>) => Promise<T>;
  organisations: Pick<OrganisationsService, 'requireVisible'>;
  clock: Clock;
};

// Principal and elevhälsa ask for meetings and follow their organisation's requests; a unit's
// leadership its preschools'.
const followerRoles: readonly Role[] = ['principal', 'pupil_health'];

/** Whether the actor is principal or elevhälsa of the organisation or of its unit. */
function followsOrganisation(actor: Actor, organisationId: string, parentId: string | null) {
  return actor.memberships.some((mb) => followerRoles.includes(mb.role) && mb.organisationId !== null && (mb.organisationId === organisationId || mb.organisationId === parentId));
}

type Workers = Awaited<ReturnType<MeetingsRepository['workersOf']>>;

/** How much of a meeting the actor may see: everything (the team's people on it), a summary (the school side), or nothing. */
type Access = { actorId: string; view: 'full' | 'summary'; isWorker: boolean; isLead: boolean; isContact: boolean; isTeamSide: boolean; isRequesterSide: boolean };

export function createMeetingsService({ repo, transaction, organisations, clock }: Deps) {
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

  /** One audit row for an action on a meeting about a family (police and staff meetings are not). */
  const audit = (tx: MeetingsRepository, actor: Actor, m: MeetingRow | (Pick<MeetingRow, 'id' | 'type' | 'caseId' | 'organisationId' | 'organisationParentId' | 'teamId'>), action: string) =>
    isFamily(m)
      ? tx.audit.append([auditFacts(actor, { action, targetType: 'meeting', targetId: m.id, caseId: m.caseId, organisationIds: orgIdsOf(m) }, clock.now())])
      : Promise.resolve();

  async function scheduleFacts(tx: MeetingsRepository, userIds: string[], start: Date, end: Date, exceptMeetingId?: string): Promise<ScheduleFacts> {
    const days = daysOf(start, end);
    const [commitments, absences, dutyDays] = await oneByOne([
      () => tx.schedule.commitmentsBetween(userIds, start, end, exceptMeetingId ? { meetingId: exceptMeetingId } : undefined),
      () => tx.schedule.absences(userIds, days[0]!, days.at(-1)!),
      () => tx.schedule.dutyDays(userIds, days[0]!, days.at(-1)!),
    ] as const);
    return { commitments, absences, dutyDays };
  }

  /** Under the people's locks: refuses a time when anyone is busy, absent or on duty. */
  async function claimTime(tx: MeetingsRepository, userIds: string[], start: Date, end: Date, exceptMeetingId?: string) {
    await tx.schedule.lockPeople(userIds);
    const clashes = clashesOf(userIds, start, end, await scheduleFacts(tx, userIds, start, end, exceptMeetingId));
    if (clashes.length) throw meetingErrors.clash(clashes);
  }

  const onClash = (err: unknown): never => {
    if (sqlState(err).code === '23P01') throw meetingErrors.clashRace();
    throw err;
  };

  function requireFuture(start: Date, field: string) {
    if (start <= clock.now()) throw meetingErrors.pastTime(field);
  }

  return {
    async request(actor: Actor, body: MeetingBody) {
      const scope = await organisations.requireVisible(actor, body.organisationId);
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
        const created = await tx.insert({
          type: body.type,
          organisationId: scope.id,
          teamId,
          requestedBy: actor.userId,
          label: body.label,
          ageBand: body.ageBand ?? null,
          urgency: body.urgency,
          guardiansInformed: body.guardiansInformed,
          guardiansAttending: body.guardiansAttending ?? null,
          place: body.place,
          proposedTimes: body.proposedTimes.map((t) => ({ startsAt: new Date(t.startsAt).toISOString(), endsAt: new Date(t.endsAt).toISOString() })),
          createdAt: clock.now(),
          updatedAt: clock.now(),
        });
        await audit(tx, actor, { id: created.id, type: body.type, caseId: null, organisationId: scope.id, organisationParentId: scope.parentId, teamId }, 'meeting.request');
        return created;
      });
    },

    async get(actor: Actor, id: string): Promise<Meeting> {
      return transaction(async (tx) => {
        const { m, workers, access } = await visible(tx, actor, id);
        await audit(tx, actor, m, 'meeting.read');
        return present(m, workers, access, clock.now());
      });
    },

    /** "Mina möten": the actor's meetings in whole Stockholm days [from, to], and requests still waiting. */
    async list(actor: Actor, from?: string, to?: string): Promise<Meeting[]> {
      const first = from ?? stockholmDate(clock.now());
      const { start, end } = daySpan(first, to ?? addDays(first, 6));
      // The police follow their area's collaboration meetings, also those the team planned as a series.
      const followed = actor.memberships.filter((m) => (followerRoles.includes(m.role) || m.role === 'police') && m.organisationId).map((m) => m.organisationId!);
      return transaction(async (tx) => {
        const rows = await tx.listFor(actor.userId, followed, start, end);
        return presentAll(tx, actor, rows, 'meeting.list');
      });
    },

    /** The team's requests waiting for a time: the team lead sees all, a contact those of their organisations. */
    async queue(actor: Actor, teamId: string): Promise<Meeting[]> {
      if (!memberOfTeam(actor, teamId)) throw meetingErrors.notFound();
      return transaction(async (tx) => {
        const rows = await tx.queue(teamId, leadsTeam(actor, teamId) ? 'all' : [...(await contactOrgs(tx, actor))]);
        return presentAll(tx, actor, rows, 'meeting.list');
      });
    },

    /** Each of the team's social workers at each proposed time: free, or busy and why (no family details). */
    async freeBusy(actor: Actor, id: string): Promise<FreeBusy> {
      const { m, access } = await visible(repo, actor, id);
      if (!access.isTeamSide) throw meetingErrors.mayNotSchedule();
      await transaction((tx) => audit(tx, actor, m, 'meeting.free_busy'));
      const workers = await repo.schedule.socialWorkers(m.teamId);
      const ids = workers.map((w) => w.userId);
      const times = m.proposedTimes.map((t) => ({ start: new Date(t.startsAt), end: new Date(t.endsAt) }));
      const facts = await Promise.all(times.map((t) => scheduleFacts(repo, ids, t.start, t.end, m.id)));
      return workers.map((w) => ({
        userId: w.userId,
        name: w.name,
        times: times.map((t, i) => {
          const [clash] = clashesOf([w.userId], t.start, t.end, facts[i]!);
          return { startsAt: t.start.toISOString(), endsAt: t.end.toISOString(), free: !clash, reason: clash?.reason ?? null };
        }),
      }));
    },

    async schedule(actor: Actor, id: string, body: { startsAt: string; endsAt: string; socialWorkerIds: string[] }) {
      const { m, access } = await visible(repo, actor, id);
      if (!access.isLead && !access.isContact) throw meetingErrors.mayNotSchedule();
      const countProblem = workerCountProblem(m.type, body.socialWorkerIds.length);
      if (countProblem) throw meetingErrors.workers(countProblem);
      const team = new Set((await repo.schedule.socialWorkers(m.teamId)).map((w) => w.userId));
      if (!body.socialWorkerIds.every((w) => team.has(w))) throw meetingErrors.notAWorker();
      const start = new Date(body.startsAt);
      const end = new Date(body.endsAt);
      requireFuture(start, 'startsAt');
      await transaction(async (tx) => {
        const locked = await tx.lock(id);
        if (locked!.status === 'cancelled') throw meetingErrors.cancelled();
        if (locked!.status !== 'requested') throw meetingErrors.alreadyScheduled();
        await claimTime(tx, body.socialWorkerIds, start, end);
        await tx.setTime(id, start, end, body.socialWorkerIds, clock.now());
        await audit(tx, actor, m, 'meeting.schedule');
      }).catch(onClash);
      return this.get(actor, id);
    },

    async reschedule(actor: Actor, id: string, body: { startsAt: string; endsAt: string; reason: string }) {
      const { m, workers, access } = await visible(repo, actor, id);
      if (!access.isTeamSide) throw meetingErrors.mayNotChange();
      const start = new Date(body.startsAt);
      const end = new Date(body.endsAt);
      requireFuture(start, 'startsAt');
      await transaction(async (tx) => {
        const locked = await tx.lock(id);
        if (locked!.status === 'cancelled') throw meetingErrors.cancelled();
        if (locked!.status !== 'scheduled') throw locked!.status === 'requested' ? meetingErrors.notScheduled() : meetingErrors.finished();
        await claimTime(tx, workers.filter((w) => w.active).map((w) => w.userId), start, end, id);
        await tx.reschedule(id, start, end, body.reason, clock.now());
        await audit(tx, actor, m, 'meeting.reschedule');
      }).catch(onClash);
      return this.get(actor, id);
    },

    async cancel(actor: Actor, id: string, reason: string) {
      const { m, access } = await visible(repo, actor, id);
      if (!access.isTeamSide && !access.isRequesterSide) throw meetingErrors.mayNotChange();
      await transaction(async (tx) => {
        const locked = await tx.lock(id);
        if (locked!.status === 'cancelled') throw meetingErrors.cancelled();
        if (locked!.status !== 'requested' && locked!.status !== 'scheduled') throw meetingErrors.finished();
        await tx.cancel(id, reason, actor.userId, clock.now());
        await audit(tx, actor, m, 'meeting.cancel');
      });
      return this.get(actor, id);
    },

    /**
     * An assigned worker records how it went. A held anmälningsmöte opens a case in the same
     * transaction; its responsible worker is the one recording, who met the family.
     */
    async recordOutcome(actor: Actor, id: string, body: { held: boolean; reportFiled?: boolean; notes?: string }) {
      const { m, workers } = await visible(repo, actor, id);
      if (!workers.some((w) => w.active && w.userId === actor.userId)) throw meetingErrors.notAssigned();
      return transaction(async (tx) => {
        const locked = await tx.lock(id);
        if (locked!.status === 'cancelled') throw meetingErrors.cancelled();
        if (locked!.status !== 'scheduled') throw meetingErrors.finished();
        if (locked!.startsAt! > clock.now()) throw meetingErrors.notStarted();
        let caseId: string | null = null;
        if (body.held && m.type === 'report_meeting') {
          const workerIds = workers.filter((w) => w.active).map((w) => w.userId);
          caseId = await tx.cases.insert({
            teamId: m.teamId,
            label: m.label,
            reportMeetingId: m.id,
            createdBy: actor.userId,
            createdAt: clock.now(),
            // The school reported unless the outcome says no report of concern was filed.
            organisations: [{ id: m.organisationId, reporter: body.reportFiled ?? true }],
            responsibleId: actor.userId,
            workerIds: [actor.userId, ...workerIds.filter((w) => w !== actor.userId)],
          });
        }
        await tx.recordOutcome(id, { held: body.held, reportFiled: body.reportFiled ?? null, notes: body.notes || null, byUserId: actor.userId, caseId }, clock.now());
        await audit(tx, actor, { ...m, caseId }, 'meeting.outcome');
        if (caseId) {
          await tx.audit.append([auditFacts(actor, { action: 'case.open', targetType: 'case', targetId: caseId, caseId, organisationIds: orgIdsOf(m) }, clock.now())]);
        }
        return { status: body.held ? ('held' as const) : ('not_held' as const), ...(caseId ? { caseId } : {}) };
      });
    },

    /** The invite for the workers and the person who asked for the meeting. */
    async invite(actor: Actor, id: string) {
      const { m, workers, access } = await visible(repo, actor, id);
      if (!access.isWorker && m.requestedById !== actor.userId) throw meetingErrors.notFound();
      if (!m.startsAt || !m.endsAt) throw meetingErrors.notScheduled();
      await transaction((tx) => audit(tx, actor, m, 'meeting.invite'));
      return meetingInvite({
        meetingId: m.id,
        type: m.type,
        sequence: m.sequence,
        cancelled: m.status === 'cancelled',
        startsAt: m.startsAt,
        endsAt: m.endsAt,
        place: m.place,
        organisationName: m.organisationName,
        workers: workers.filter((w) => w.active || m.status === 'cancelled'),
        stamp: m.updatedAt,
      });
    },
  };

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
}

export type MeetingsService = ReturnType<typeof createMeetingsService>;
