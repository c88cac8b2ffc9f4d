import type { FreeBusy, Meeting } from '../../contracts/meetings.ts';
import type { Actor } from '../../lib/access.ts';
import { sqlState } from '../../lib/errors.ts';
import { lockedMeeting, type MeetingAccess } from './meetings.access.ts';
import { meetingErrors } from './meetings.errors.ts';
import type { MeetingMail } from './meetings.mail.ts';
import { clashesOf, daysOf, meetingInvite, workerCountProblem, type ScheduleFacts } from './meetings.models.ts';
import type { MeetingsRepository } from './meetings.repository.ts';
import type { MeetingsDeps } from './meetings.service.ts';

/** Finding a time every worker has, setting, moving and cancelling it, and the calendar invite. */
export function createMeetingScheduling({ repo, transaction, clock }: MeetingsDeps, { visible, audit }: MeetingAccess, mail: MeetingMail, get: (actor: Actor, id: string) => Promise<Meeting>) {
  /** Who is busy, away or on duty during a meeting; under their locks when `claim`, for a use case that writes. */
  async function scheduleFacts(tx: MeetingsRepository, userIds: string[], start: Date, end: Date, opts: { claim?: boolean; exceptMeetingId?: string } = {}): Promise<ScheduleFacts> {
    const days = daysOf(start, end);
    const query = { people: userIds, from: days[0]!, until: days.at(-1)!, between: { start, end }, except: opts.exceptMeetingId ? { meetingId: opts.exceptMeetingId } : undefined };
    return opts.claim ? tx.schedule.claim(query) : tx.schedule.read(query);
  }

  /** Under the people's locks: refuses a time when anyone is busy, absent or on duty. */
  async function claimTime(tx: MeetingsRepository, userIds: string[], start: Date, end: Date, exceptMeetingId?: string) {
    const clashes = clashesOf(userIds, start, end, await scheduleFacts(tx, userIds, start, end, { claim: true, exceptMeetingId }));
    if (clashes.length) throw meetingErrors.clash(clashes);
  }

  const onClash = (err: unknown): never => {
    if (sqlState(err).code === '23P01') throw meetingErrors.clashRace();
    throw err;
  };

  function requireFuture(start: Date, field: string) {
    if (start <= clock.now()) throw meetingErrors.pastTime(field);
  }

  /** Each of the team's social workers at each proposed time: free, or busy and why (no family details). */
  async function freeBusy(actor: Actor, id: string): Promise<FreeBusy> {
    const { m, access } = await visible(repo, actor, id);
    if (!access.isTeamSide) throw meetingErrors.mayNotSchedule();
    await transaction((tx) => audit(tx, actor, m, 'meeting.free_busy'));
    const workers = await repo.schedule.socialWorkers(m.teamId);
    const ids = workers.map((w) => w.userId);
    const times = m.proposedTimes.map((t) => ({ start: new Date(t.startsAt), end: new Date(t.endsAt) }));
    const facts = await Promise.all(times.map((t) => scheduleFacts(repo, ids, t.start, t.end, { exceptMeetingId: m.id })));
    return workers.map((w) => ({
      userId: w.userId,
      name: w.name,
      times: times.map((t, i) => {
        const [clash] = clashesOf([w.userId], t.start, t.end, facts[i]!);
        return { startsAt: t.start.toISOString(), endsAt: t.end.toISOString(), free: !clash, reason: clash?.reason ?? null };
      }),
    }));
  }

  async function schedule(actor: Actor, id: string, body: { startsAt: string; endsAt: string; socialWorkerIds: string[]; reason?: string }) {
    const { m, access } = await visible(repo, actor, id);
    if (!access.isLead && !access.isContact) throw meetingErrors.mayNotSchedule();
    const reason = body.reason?.trim() || null;
    const countProblem = workerCountProblem(m.type, body.socialWorkerIds.length, { isLead: access.isLead, reason: reason !== null });
    if (countProblem) throw meetingErrors.workers(countProblem, access.isLead && body.socialWorkerIds.length === 1 ? 'reason' : 'socialWorkerIds');
    const single = m.type === 'report_meeting' && body.socialWorkerIds.length === 1 ? reason : null;
    const team = new Set((await repo.schedule.socialWorkers(m.teamId)).map((w) => w.userId));
    if (!body.socialWorkerIds.every((w) => team.has(w))) throw meetingErrors.notAWorker();
    const start = new Date(body.startsAt);
    const end = new Date(body.endsAt);
    requireFuture(start, 'startsAt');
    await transaction(async (tx) => {
      await lockedMeeting(tx, id, ['requested'], meetingErrors.alreadyScheduled);
      await claimTime(tx, body.socialWorkerIds, start, end);
      await tx.setTime(id, start, end, body.socialWorkerIds, clock.now(), single);
      await audit(tx, actor, m, single ? 'meeting.schedule_single_worker' : 'meeting.schedule');
      await mail.changed(tx, 'scheduled', id);
    }).catch(onClash);
    return get(actor, id);
  }

  async function reschedule(actor: Actor, id: string, body: { startsAt: string; endsAt: string; reason: string }) {
    const { m, workers, access } = await visible(repo, actor, id);
    if (!access.isTeamSide) throw meetingErrors.mayNotChange();
    const start = new Date(body.startsAt);
    const end = new Date(body.endsAt);
    requireFuture(start, 'startsAt');
    await transaction(async (tx) => {
      await lockedMeeting(tx, id, ['scheduled'], (status) => (status === 'requested' ? meetingErrors.notScheduled() : meetingErrors.finished()));
      await claimTime(tx, workers.filter((w) => w.active).map((w) => w.userId), start, end, id);
      await tx.reschedule(id, start, end, body.reason, clock.now());
      await audit(tx, actor, m, 'meeting.reschedule');
      await mail.changed(tx, 'rescheduled', id);
    }).catch(onClash);
    return get(actor, id);
  }

  async function cancel(actor: Actor, id: string, reason: string) {
    const { m, access } = await visible(repo, actor, id);
    if (!access.isTeamSide && !access.isRequesterSide) throw meetingErrors.mayNotChange();
    await transaction(async (tx) => {
      await lockedMeeting(tx, id, ['requested', 'scheduled'], meetingErrors.finished);
      await tx.cancel(id, reason, actor.userId, clock.now());
      await audit(tx, actor, m, 'meeting.cancel');
      await mail.changed(tx, 'cancelled', id);
    });
    return get(actor, id);
  }

  /** The invite for the workers and the person who asked for the meeting. */
  async function invite(actor: Actor, id: string) {
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
  }

  return { freeBusy, schedule, reschedule, cancel, invite };
}
