import type { MeetingSeries, MeetingSeriesBody } from '../../contracts/meeting-series.ts';
import { leadsTeam, memberOfTeam, organisationIdsOf, teamRoles, type Actor } from '../../lib/access.ts';
import type { Clock } from '../../lib/clock.ts';
import { sqlState } from '../../lib/errors.ts';
import type { OrganisationsService } from '../organisations/organisations.service.ts';
import { planSeries, type SeriesContext } from '../slots/slots.models.ts';
import { seriesErrors } from './meeting-series.errors.ts';
import type { MeetingSeriesRepository, meetingSeriesTransaction } from './meeting-series.repository.ts';

type Deps = {
  repo: MeetingSeriesRepository;
  transaction: ReturnType<typeof meetingSeriesTransaction>;
  organisations: Pick<OrganisationsService, 'requireVisible' | 'requireOpen'>;
  clock: Clock;
};

/**
 * Recurring meetings the team plans itself, like a walk-and-talk series: dates in Stockholm wall
 * time every N weeks, skipping holidays, the workers' absences and duty days and anything they
 * already have; each date becomes an ordinary scheduled meeting, written under the same
 * per-person locks as any other.
 */
export function createMeetingSeriesService({ repo, transaction, organisations, clock }: Deps) {
  async function requirePlanner(actor: Actor, body: MeetingSeriesBody) {
    const scope = await organisations.requireOpen(actor, body.organisationId);
    const teamId = scope.servingTeamId;
    if (!teamId || !memberOfTeam(actor, teamId)) throw seriesErrors.notTeam();
    if (body.type === 'police_collaboration' && scope.kind !== 'police') throw seriesErrors.policeOnly();
    if (body.type === 'staff_visit' && !['school', 'preschool', 'preschool_unit'].includes(scope.kind)) throw seriesErrors.staffVisitPlace();
    if (!leadsTeam(actor, teamId) && !body.socialWorkerIds.includes(actor.userId)) throw seriesErrors.ownSeries();
    const team = new Set((await repo.schedule.socialWorkers(teamId)).map((w) => w.userId));
    if (!body.socialWorkerIds.every((id) => team.has(id))) throw seriesErrors.notWorker();
    return { teamId };
  }

  /** What decides a series' dates; under the workers' locks when `claim`, for a use case that writes. */
  async function contextFor(tx: MeetingSeriesRepository, body: MeetingSeriesBody, claim: boolean): Promise<SeriesContext> {
    const query = { people: body.socialWorkerIds, from: body.from, until: body.until };
    const schedule = await (claim ? tx.schedule.claim(query) : tx.schedule.read(query));
    // Meetings with the police and with staff follow the office's calendar, not the school's terms.
    return { now: clock.now(), closedDays: schedule.closedDays, terms: [], breaks: [], absences: schedule.absences, dutyDays: schedule.dutyDays.map((d) => ({ name: d.name, startsOn: d.day, endsOn: d.day })), busy: schedule.commitments };
  }

  const plan = async (tx: MeetingSeriesRepository, body: MeetingSeriesBody, claim = false) =>
    planSeries({ weekday: body.weekday, startTime: body.startTime, durationMinutes: body.durationMinutes, intervalWeeks: body.intervalWeeks, from: body.from, until: body.until }, await contextFor(tx, body, claim));

  const iso = (t: { startsAt: Date; endsAt: Date }) => ({ startsAt: t.startsAt.toISOString(), endsAt: t.endsAt.toISOString() });

  return {
    async preview(actor: Actor, body: MeetingSeriesBody) {
      await requirePlanner(actor, body);
      const { slots, skipped } = await plan(repo, body);
      return { meetings: slots.map(iso), skipped };
    },

    async create(actor: Actor, body: MeetingSeriesBody) {
      const { teamId } = await requirePlanner(actor, body);
      try {
        return await transaction(async (tx) => {
          const { slots, skipped } = await plan(tx, body, true);
          if (slots.length === 0) throw seriesErrors.empty();
          const now = clock.now();
          const id = await tx.insertSeries({
            type: body.type,
            organisationId: body.organisationId,
            teamId,
            label: body.label,
            audience: body.audience ?? null,
            weekday: body.weekday,
            startTime: body.startTime,
            durationMinutes: body.durationMinutes,
            intervalWeeks: body.intervalWeeks,
            startsOn: body.from,
            endsOn: body.until,
            createdBy: actor.userId,
            createdAt: now,
          });
          const created = await tx.insertMeetings(
            slots.map((s) => ({
              type: body.type,
              organisationId: body.organisationId,
              teamId,
              requestedBy: actor.userId,
              label: body.label,
              audience: body.audience ?? null,
              guardiansInformed: false,
              place: body.place,
              proposedTimes: [iso(s)],
              status: 'scheduled' as const,
              startsAt: s.startsAt,
              endsAt: s.endsAt,
              seriesId: id,
              createdAt: now,
              scheduledAt: now,
              updatedAt: now,
            })),
            body.socialWorkerIds,
          );
          return { id, meetings: created.map((m) => ({ id: m.id, ...iso(m) })), skipped };
        });
      } catch (err) {
        if (sqlState(err).code === '23P01') throw seriesErrors.clashRace();
        throw err;
      }
    },

    /** The series of the actor's teams, with their workers and the meetings still to come. */
    async list(actor: Actor): Promise<MeetingSeries[]> {
      const rows = await repo.ofTeams([...new Set(organisationIdsOf(actor, teamRoles))]);
      const ids = rows.map((r) => r.id);
      const [workers, upcoming] = await Promise.all([repo.workersOf(ids), repo.upcoming(ids, clock.now())]);
      return rows.map((r) => ({
        id: r.id,
        type: r.type,
        organisationId: r.organisationId,
        organisationName: r.organisationName,
        label: r.label,
        audience: r.audience,
        weekday: r.weekday,
        startTime: r.startTime,
        durationMinutes: r.durationMinutes,
        intervalWeeks: r.intervalWeeks,
        from: r.startsOn,
        until: r.endsOn,
        cancelled: r.cancelledAt !== null,
        socialWorkers: workers.filter((w) => w.seriesId === r.id).map(({ userId, name }) => ({ userId, name })),
        upcoming: upcoming.filter((m) => m.seriesId === r.id).map((m) => ({ id: m.id, startsAt: m.startsAt!.toISOString(), endsAt: m.endsAt!.toISOString() })),
      }));
    },

    /** Cancels every meeting of the series still to come, with a reason: by someone in it or the team lead. */
    async cancel(actor: Actor, id: string, reason: string) {
      return transaction(async (tx) => {
        const series = await tx.find(id);
        if (!series || !memberOfTeam(actor, series.teamId)) throw seriesErrors.notFound();
        const inIt = (await tx.workersOf([id])).some((w) => w.userId === actor.userId);
        if (!inIt && !leadsTeam(actor, series.teamId)) throw seriesErrors.mayNotCancel();
        if (series.cancelledAt) throw seriesErrors.cancelled();
        return { cancelled: await tx.cancelFuture(id, reason, actor.userId, clock.now()) };
      });
    },
  };
}

export type MeetingSeriesService = ReturnType<typeof createMeetingSeriesService>;
