import type { HostedSlot, SeriesBody, SeriesPreview, SeriesSummary, Slot } from '../../contracts/slots.ts';
import { directoryVersionOf, leadsTeam, memberOfTeam, requireAccess, type Actor } from '../../lib/access.ts';
import type { Clock } from '../../lib/clock.ts';
import { errors, sqlState } from '../../lib/errors.ts';
import { addDays, daySpan, stockholmDate } from '../../contracts/time.ts';
import { versionedCache } from '../../lib/versioned-cache.ts';
import type { OrganisationsService, VisibleOrganisation as Scope } from '../organisations/organisations.service.ts';
import { movedEnd, planSeries, skipOf, type SeriesContext, type SeriesRule } from './slots.models.ts';
import { slotErrors } from './slots.errors.ts';
import { bookingMails } from '../mail/mail.templates.ts';
import type { SlotRow, SlotsRepository } from './slots.repository.ts';

type Deps = {
  repo: SlotsRepository;
  transaction: <T>(work: (repo: SlotsRepository) => Promise<T>) => Promise<T>;
  organisations: Pick<OrganisationsService, 'requireVisible' | 'requireOpen'>;
  clock: Clock;
  /** Where the links in mails point. */
  mailBaseUrl: string;
};

const DEFAULT_WEEKS = 8;
const MAX_WINDOW_DAYS = 366;

export function createSlotsService({ repo, transaction, organisations, clock, mailBaseUrl }: Deps) {
  // The staff's slot list is read on every visit to walk-and-talk, and by every booking that
  // lost its seat: a window is kept until the change count of the organisation's team (which
  // every booking, cancellation and slot change there moves) says otherwise.
  const windows = versionedCache<Awaited<ReturnType<SlotsRepository['listBetween']>>>();
  async function listed(actor: Actor, organisationId: string, from: Date, to: Date) {
    const place = await organisations.requireVisible(actor, organisationId);
    return windows.get(directoryVersionOf(actor, place), `${organisationId} ${from.toISOString()} ${to.toISOString()}`, () => repo.listBetween(organisationId, from, to));
  }

  /** Slots as the API shows them, hosts included. */
  async function present(tx: SlotsRepository, rows: SlotRow[]): Promise<Slot[]> {
    const hosts = await tx.hostsOf(rows.map((r) => r.id));
    return withHosts(rows.map((r) => ({ ...r, hosts: hosts.filter((h) => h.slotId === r.id).map(({ userId, name }) => ({ userId, name })) })));
  }

  function withHosts(rows: (SlotRow & { hosts: { userId: string; name: string }[] })[]): Slot[] {
    const now = clock.now();
    return rows.map((r) => ({
      id: r.id,
      organisationId: r.organisationId,
      organisationName: r.organisationName,
      kind: r.kind,
      startsAt: r.startsAt.toISOString(),
      endsAt: r.endsAt.toISOString(),
      location: r.location,
      hosts: r.hosts,
      capacity: r.capacity,
      booked: r.booked,
      bookable: r.kind === 'walk_and_talk' && !r.cancelledAt && r.startsAt > now && r.booked < r.capacity,
      cancelled: r.cancelledAt ? { reason: r.cancelReason ?? '' } : null,
    }));
  }

  async function hostedBy(userIds: string[], from?: string, to?: string): Promise<HostedSlot[]> {
    const first = from ?? stockholmDate(clock.now());
    const { start, end } = daySpan(first, to ?? addDays(first, 6));
    const ids = await repo.hostedIds(userIds, start, end);
    const [slots, bookings] = await Promise.all([present(repo, await repo.byIds(ids)), repo.bookingsOf(ids)]);
    return slots.map((s) => ({ ...s, bookings: bookings.filter((b) => b.slotId === s.id).map(({ slotId: _slot, ...b }) => b) }));
  }

  /** Who may publish for an organisation: the serving team's social workers and team lead. */
  async function requirePublisher(actor: Actor, body: Pick<SeriesBody, 'organisationId' | 'hostIds'>) {
    const scope = await organisations.requireOpen(actor, body.organisationId);
    if (!scope.servingTeamId || !memberOfTeam(actor, scope.servingTeamId)) throw slotErrors.notPublisher();
    if (!leadsTeam(actor, scope.servingTeamId) && !body.hostIds.includes(actor.userId)) throw slotErrors.ownSeries();
    const members = new Set((await repo.teamMembers(scope.servingTeamId)).map((m) => m.userId));
    if (!body.hostIds.every((id) => members.has(id))) throw slotErrors.unknownHost();
    return scope;
  }

  /** What decides a series' dates; under the hosts' locks when `claim`, for a use case that writes. */
  async function contextFor(tx: SlotsRepository, scope: Scope, hostIds: string[], from: string, until: string, opts: { claim?: boolean; exceptSlotId?: string } = {}): Promise<SeriesContext> {
    const query = { people: hostIds, from, until, except: opts.exceptSlotId ? { slotId: opts.exceptSlotId } : undefined };
    const schedule = await (opts.claim ? tx.schedule.claim(query) : tx.schedule.read(query));
    const periods = await tx.schoolPeriods(scope.id, scope.parentId);
    return {
      now: clock.now(),
      closedDays: schedule.closedDays,
      terms: periods.filter((p) => p.kind === 'term'),
      breaks: periods.filter((p) => p.kind === 'break'),
      absences: schedule.absences,
      dutyDays: schedule.dutyDays.map((d) => ({ name: d.name, startsOn: d.day, endsOn: d.day })),
      busy: schedule.commitments,
    };
  }

  /**
   * A slot cancelled or moved by its host or the team lead: each booker, and the other hosts,
   * get the booking's mail (never the reason: it is free text). The one who did it gets none.
   */
  async function mailBookers(tx: SlotsRepository, actor: Actor, event: 'cancelled' | 'moved', slot: Pick<SlotRow, 'id' | 'startsAt' | 'endsAt' | 'location' | 'organisationName'>, live: Awaited<ReturnType<SlotsRepository['liveBookings']>>) {
    if (live.length === 0) return;
    const hosts = await tx.hostsOf([slot.id]);
    const now = clock.now();
    const messages = live.flatMap((b) =>
      bookingMails(
        event,
        { bookingId: b.id, sequence: b.sequence, startsAt: slot.startsAt, endsAt: slot.endsAt, location: slot.location, organisationName: slot.organisationName, booker: { userId: b.bookerId, name: b.bookerName, email: b.bookerEmail }, hosts, stamp: now },
        mailBaseUrl,
      ).filter((m) => m.recipientId !== actor.userId),
    );
    await tx.mail.enqueue(messages, now);
  }

  const ruleOf = (b: SeriesBody): SeriesRule => ({ weekday: b.weekday, startTime: b.startTime, durationMinutes: b.durationMinutes, intervalWeeks: b.intervalWeeks, from: b.from, until: b.until });

  /** Loads a slot the actor may see, and says whether they may change it. */
  async function visibleSlot(actor: Actor, id: string) {
    const slot = await repo.find(id);
    if (!slot) throw errors.notFound('Tiden finns inte, eller så har du inte tillgång till den.');
    const scope = await organisations.requireVisible(actor, slot.organisationId);
    const hosts = await repo.hostsOf([id]);
    const mayChange = hosts.some((h) => h.userId === actor.userId) || leadsTeam(actor, scope.servingTeamId);
    return { slot, scope, hosts, mayChange };
  }

  return {
    async list(actor: Actor, organisationId: string, from?: string, to?: string): Promise<Slot[]> {
      const start = from ? new Date(from) : clock.now();
      const end = to ? new Date(to) : new Date(start.getTime() + DEFAULT_WEEKS * 7 * 86_400_000);
      // A year at most: every window asked for may be kept, so none may be unbounded.
      if (end <= start || end.getTime() - start.getTime() > MAX_WINDOW_DAYS * 86_400_000) throw slotErrors.window();
      if (from || to) return withHosts(await listed(actor, organisationId, start, end));
      // The coming weeks: the window read runs from today's midnight, so one serves the whole day.
      const today = stockholmDate(start);
      const weeks = daySpan(today, addDays(today, DEFAULT_WEEKS * 7));
      const rows = await listed(actor, organisationId, weeks.start, weeks.end);
      return withHosts(rows.filter((r) => r.startsAt >= start && r.startsAt < end));
    },

    async get(actor: Actor, id: string): Promise<Slot> {
      await visibleSlot(actor, id);
      return (await present(repo, await repo.byIds([id])))[0]!;
    },

    async preview(actor: Actor, body: SeriesBody): Promise<SeriesPreview> {
      const scope = await requirePublisher(actor, body);
      const { slots, skipped } = planSeries(ruleOf(body), await contextFor(repo, scope, body.hostIds, body.from, body.until));
      return { slots: slots.map((s) => ({ startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString() })), skipped };
    },

    async createSeries(actor: Actor, body: SeriesBody) {
      const scope = await requirePublisher(actor, body);
      try {
        return await transaction(async (tx) => {
          const { slots, skipped } = planSeries(ruleOf(body), await contextFor(tx, scope, body.hostIds, body.from, body.until, { claim: true }));
          if (slots.length === 0) throw slotErrors.empty();
          const id = await tx.insertSeries({ ...ruleOf(body), startsOn: body.from, endsOn: body.until, organisationId: body.organisationId, kind: body.kind, location: body.location, capacity: body.capacity, createdBy: actor.userId });
          const ids = await tx.insertSlots(
            id,
            slots.map((s) => ({ organisationId: body.organisationId, kind: body.kind, startsAt: s.startsAt, endsAt: s.endsAt, location: body.location, capacity: body.capacity })),
            body.hostIds,
          );
          return { id, slots: await present(tx, await tx.byIds(ids)), skipped };
        });
      } catch (err) {
        if (sqlState(err).code === '23P01') throw slotErrors.seriesClash();
        throw err;
      }
    },

    async cancel(actor: Actor, id: string, reason: string) {
      const { slot, mayChange } = await visibleSlot(actor, id);
      if (!mayChange) throw slotErrors.notHost();
      if (slot.cancelledAt) throw slotErrors.cancelled();
      await transaction(async (tx) => {
        await tx.lock(id);
        const live = await tx.liveBookings(id);
        await tx.cancel(id, reason, actor.userId, clock.now());
        // Read before the cancellation, which raised each booking's SEQUENCE by one.
        await mailBookers(tx, actor, 'cancelled', slot, live.map((b) => ({ ...b, sequence: b.sequence + 1 })));
      });
      return (await present(repo, await repo.byIds([id])))[0]!;
    },

    /** The series the actor published or hosts, with what is left of each. */
    async mySeries(actor: Actor): Promise<SeriesSummary[]> {
      return repo.seriesOf(actor.userId, clock.now());
    },

    /**
     * Stops a series: every time still to come is cancelled with the reason, its bookers get the
     * cancellation mail, and the series ends today. A host, the one who published it or the team
     * lead may; the times already held stay as they were.
     */
    async stopSeries(actor: Actor, id: string, reason: string) {
      const series = await repo.findSeries(id);
      if (!series) throw slotErrors.seriesNotFound();
      const scope = await organisations.requireVisible(actor, series.organisationId);
      const mayStop = series.createdBy === actor.userId || series.hostIds.includes(actor.userId) || leadsTeam(actor, scope.servingTeamId);
      if (!mayStop) throw slotErrors.notHost();
      const now = clock.now();
      return transaction(async (tx) => {
        const coming = await tx.comingOfSeries(id, now);
        let bookingsCancelled = 0;
        for (const slot of coming) {
          const live = await tx.liveBookings(slot.id);
          await tx.cancel(slot.id, reason, actor.userId, now);
          await mailBookers(tx, actor, 'cancelled', slot, live.map((b) => ({ ...b, sequence: b.sequence + 1 })));
          bookingsCancelled += live.length;
        }
        await tx.endSeries(id, stockholmDate(now));
        return { cancelled: coming.length, bookingsCancelled };
      });
    },

    /** Moves one slot; its bookings follow. The new time must be free for every host. */
    async move(actor: Actor, id: string, startsAtIso: string) {
      const { slot, scope, hosts, mayChange } = await visibleSlot(actor, id);
      if (!mayChange) throw slotErrors.notHost();
      if (slot.cancelledAt) throw slotErrors.cancelled();
      const startsAt = new Date(startsAtIso);
      const endsAt = movedEnd(startsAt, slot);
      const hostIds = hosts.map((h) => h.userId);
      try {
        await transaction(async (tx) => {
          await tx.lock(id);
          const date = stockholmDate(startsAt);
          const skip = skipOf(date, startsAt, endsAt, await contextFor(tx, scope, hostIds, date, date, { claim: true, exceptSlotId: id }));
          if (skip) throw slotErrors.moveNotAllowed(skip.label);
          await tx.move(id, startsAt, endsAt, clock.now());
          await mailBookers(tx, actor, 'moved', { ...slot, startsAt, endsAt }, await tx.liveBookings(id));
        });
      } catch (err) {
        if (sqlState(err).code === '23P01') throw slotErrors.hostBusy(hosts[0]!.name, startsAt);
        throw err;
      }
      return (await present(repo, await repo.byIds([id])))[0]!;
    },

    /** The actor's own hosted slots with every booking, topic and note: the host's week. */
    async hosted(actor: Actor, from?: string, to?: string): Promise<HostedSlot[]> {
      return hostedBy([actor.userId], from, to);
    },

    /** Every host's slots of the team with their bookings, topics and notes: the team lead's overview. */
    async teamHosted(actor: Actor, teamId: string, from?: string, to?: string): Promise<HostedSlot[]> {
      requireAccess(actor, 'team:manage', { teamId });
      return hostedBy((await repo.teamMembers(teamId)).map((m) => m.userId), from, to);
    },
  };
}

export type SlotsService = ReturnType<typeof createSlotsService>;
