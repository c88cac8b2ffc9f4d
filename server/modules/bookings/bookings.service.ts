import { randomUUID } from 'node:crypto';
import type { MyBooking, Topic } from '../../contracts/bookings.ts';
import type { Role } from '../../contracts/auth.ts';
import { leadsTeam, type Actor } from '../../lib/access.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError, sqlState } from '../../lib/errors.ts';
import type { OrganisationsService } from '../organisations/organisations.service.ts';
import { bookingErrors } from './bookings.errors.ts';
import { bookingInvite } from './bookings.models.ts';
import { addDays, daySpan, stockholmDate, stockholmInstant } from '../../contracts/time.ts';
import { DEFAULT_REMINDER_TIME } from '../mail/mail.repository.ts';
import { bookingMails, type BookingEvent, type BookingMailFacts } from '../mail/mail.templates.ts';
import type { BookingRow, BookingsRepository } from './bookings.repository.ts';
import { replayOf, requestOf } from '../idempotency/idempotency.models.ts';
import type { SlotsRepository } from '../slots/slots.repository.ts';
import type { SlotsService } from '../slots/slots.service.ts';

type Deps = {
  repo: BookingsRepository;
  slots: Pick<SlotsRepository, 'find' | 'nextFree' | 'hostsOf'>;
  transaction: <T>(work: (repo: BookingsRepository) => Promise<T>) => Promise<T>;
  organisations: Pick<OrganisationsService, 'requireVisible' | 'requireOpen'>;
  slotList: Pick<SlotsService, 'list'>;
  clock: Clock;
  /** Where the links in mails point. */
  mailBaseUrl: string;
};

const staffRoles: readonly Role[] = ['pedagogue', 'principal', 'pupil_health'];
/** A full slot inside a keyed booking's transaction: thrown so that the key is rolled back too. */
class SeatTaken extends Error {}
const TAKEN = (): never => {
  throw new SeatTaken();
};
const ALTERNATIVES = 3;
// "Mina bokningar" shows what is coming and what happened in the last month.
const HISTORY_DAYS = 30;

export function createBookingsService({ repo, slots, transaction, organisations, slotList, clock, mailBaseUrl }: Deps) {
  type Host = { userId: string; name: string; email: string };
  /** The mails about a booking as it now stands, written in the transaction that changed it. */
  const mailAbout = (tx: BookingsRepository, event: BookingEvent, b: Omit<BookingMailFacts, 'stamp'>) =>
    tx.mail.enqueue(bookingMails(event, { ...b, stamp: clock.now() }, mailBaseUrl), clock.now());

  /** The same, read back after a change (a move takes the new slot's time, place and hosts). */
  async function mailAfterChange(tx: BookingsRepository, event: BookingEvent, id: string) {
    const b = (await tx.find(id))!;
    // Through the transaction: on the embedded database a read beside it would wait for it forever.
    const hosts: Host[] = await tx.hostsOf(b.slotId);
    const booker = { userId: b.bookerId, name: b.bookerName, email: b.bookerEmail };
    await mailAbout(tx, event, { bookingId: b.id, sequence: b.sequence, startsAt: b.startsAt, endsAt: b.endsAt, location: b.location, organisationName: b.organisationName, booker, hosts });
  }

  const isStaffOf = (actor: Actor, scope: { id: string; parentId: string | null }) =>
    actor.memberships.some((m) => staffRoles.includes(m.role) && (m.organisationId === scope.id || m.organisationId === scope.parentId));

  /** A booking is seen by its booker, the slot's hosts and the serving team's lead; else 404. */
  async function visibleBooking(actor: Actor, id: string) {
    const booking = await repo.find(id);
    if (!booking) throw bookingErrors.notFound();
    const hosts = await slots.hostsOf([booking.slotId]);
    const isBooker = booking.bookerId === actor.userId;
    const isHost = hosts.some((h) => h.userId === actor.userId);
    // Anyone else must be the serving team's lead; a place they cannot see at all is simply not
    // theirs (404 below), but a database failure must still surface as one.
    const scope =
      isBooker || isHost
        ? null
        : await organisations.requireVisible(actor, booking.organisationId).catch((err) => {
            if (err instanceof AppError && err.code === 'not_found') return null;
            throw err;
          });
    const isLead = !!scope && leadsTeam(actor, scope.servingTeamId);
    if (!isBooker && !isHost && !isLead) throw bookingErrors.notFound();
    return { booking, hosts, isBooker, isHost, isLead };
  }

  /** The next free slots to offer instead: from the kept slot list, else (past its weeks) the database. */
  async function alternatives(actor: Actor, organisationId: string, exceptId: string) {
    const listed = (await slotList.list(actor, organisationId)).filter((s) => s.bookable && s.id !== exceptId).slice(0, ALTERNATIVES);
    if (listed.length === ALTERNATIVES) return listed.map((s) => ({ id: s.id, startsAt: s.startsAt }));
    const rows = await slots.nextFree(organisationId, clock.now(), ALTERNATIVES, exceptId);
    return rows.map((r) => ({ id: r.id, startsAt: r.startsAt.toISOString() }));
  }

  /** Why a slot takes no booking whatever its seats: a drop-in, cancelled, or begun. */
  function closedFor(slot: { kind: string; cancelledAt: Date | null; startsAt: Date }) {
    if (slot.kind === 'on_site') return bookingErrors.dropIn();
    if (slot.cancelledAt) return bookingErrors.slotCancelled();
    if (slot.startsAt <= clock.now()) return bookingErrors.past();
    return null;
  }

  /** Why a seat could not be taken, read after the failed attempt rolled back. */
  async function refusal(actor: Actor, slotId: string) {
    const slot = (await slots.find(slotId))!;
    return closedFor(slot) ?? bookingErrors.taken(await alternatives(actor, slot.organisationId, slotId));
  }

  const mine = (b: BookingRow, hosts: { slotId: string; userId: string; name: string }[]): MyBooking => ({
    id: b.id,
    slotId: b.slotId,
    topic: b.topic,
    status: b.status,
    note: b.note,
    startsAt: b.startsAt.toISOString(),
    endsAt: b.endsAt.toISOString(),
    location: b.location,
    organisationId: b.organisationId,
    organisationName: b.organisationName,
    hosts: hosts.filter((h) => h.slotId === b.slotId).map(({ userId, name }) => ({ userId, name })),
    cancelled: b.status === 'cancelled' ? { reason: b.cancelReason, byName: b.cancelledByName } : null,
  });

  async function get(actor: Actor, id: string): Promise<MyBooking> {
    const { booking, hosts } = await visibleBooking(actor, id);
    return mine(booking, hosts);
  }

  return {
    /**
     * Books a seat. With an idempotency key the booking and the key are written together: the
     * same request sent again gets the same booking back and changes nothing; another request
     * under the same key is refused.
     */
    async book(actor: Actor, slotId: string, input: { topic: Topic; note?: string }, key?: string) {
      const slot = await slots.find(slotId);
      if (!slot) throw bookingErrors.slotNotFound();
      // The slot comes with its hosts, so the mails are written with the booking in its one
      // statement: the slot's row is locked for a single round trip, and nothing more is read.
      const scope = await organisations.requireOpen(actor, slot.organisationId);
      if (!isStaffOf(actor, scope)) throw bookingErrors.notStaff();
      const closed = closedFor(slot);
      if (closed) throw closed;
      const id = randomUUID();
      const booker = { userId: actor.userId, name: actor.name, email: actor.email };
      const where = { startsAt: slot.startsAt, endsAt: slot.endsAt, location: slot.location, organisationName: slot.organisationName };
      const now = clock.now();
      const mails = bookingMails('booked', { bookingId: id, sequence: 0, ...where, booker, hosts: slot.hosts, stamp: now }, mailBaseUrl);
      const values = { id, slotId, bookerId: actor.userId, topic: input.topic, note: input.note || null };
      const outcome = await (key
        ? transaction(async (tx) => {
            const replay = replayOf(await tx.keys.claim(actor.userId, key, requestOf('booking', { slotId, topic: input.topic, note: input.note ?? null }), id, now));
            if (!replay) return (await tx.book(values, now, mails)) ?? TAKEN();
            const first = await tx.find(replay);
            return first ? { id: first.id, slotId: first.slotId, topic: first.topic, status: first.status } : TAKEN();
          })
        : repo.book(values, now, mails)
      ).catch((err) => {
        if (err instanceof SeatTaken) return null;
        if (sqlState(err).code === '23505') throw bookingErrors.alreadyBooked();
        throw err;
      });
      // The slot was open when read just above, so a refusal now means its seats went first (or,
      // rarely, it closed in between: the slot list then says so, and another time is offered).
      if (!outcome) throw bookingErrors.taken(await alternatives(actor, slot.organisationId, slotId));
      return { id: outcome.id, slotId: outcome.slotId, topic: outcome.topic, status: outcome.status };
    },

    /** Housekeeping: keys older than a day are forgotten. */
    async forgetOldKeys() {
      await repo.keys.purge(clock.now());
    },

    async mine(actor: Actor): Promise<MyBooking[]> {
      const rows = await repo.ofBooker(actor.userId, new Date(clock.now().getTime() - HISTORY_DAYS * 86_400_000));
      const hosts = await slots.hostsOf([...new Set(rows.map((r) => r.slotId))]);
      return rows.map((r) => mine(r, hosts));
    },

    get,

    /** The day before, once the team's reminder time has come: to the booker and the hosts, once each. */
    mailJobs: [
      {
        name: 'booking-reminders',
        run: async (now: Date) => {
          const today = stockholmDate(now);
          const { start, end } = daySpan(addDays(today, 1), addDays(today, 1));
          const due = (await repo.startingBetween(start, end)).filter((b) => now >= stockholmInstant(today, b.reminderTime ?? DEFAULT_REMINDER_TIME));
          if (due.length === 0) return;
          const hosts = await slots.hostsOf([...new Set(due.map((b) => b.slotId))]);
          const messages = due.flatMap((b) =>
            bookingMails(
              'reminder',
              {
                bookingId: b.id,
                sequence: b.sequence,
                startsAt: b.startsAt,
                endsAt: b.endsAt,
                location: b.location,
                organisationName: b.organisationName,
                booker: { userId: b.bookerId, name: b.bookerName, email: b.bookerEmail },
                hosts: hosts.filter((h) => h.slotId === b.slotId),
                stamp: now,
              },
              mailBaseUrl,
            ),
          );
          await repo.mail.enqueue(messages, now);
        },
      },
    ],

    /** Booker, host or team lead; the seat is free again at once. */
    async cancel(actor: Actor, id: string, reason?: string) {
      await visibleBooking(actor, id);
      await transaction(async (tx) => {
        const locked = await tx.lockBooking(id);
        if (!locked || locked.status !== 'booked') throw bookingErrors.alreadyCancelled();
        await tx.cancel(id, actor.userId, reason || null, clock.now());
        await tx.releaseSeat(locked.slotId);
        await mailAfterChange(tx, 'cancelled', id);
      });
      return get(actor, id);
    },

    /** One transaction: the new seat is taken and the old one freed together, or neither. */
    async move(actor: Actor, id: string, slotId: string) {
      const { booking, isBooker } = await visibleBooking(actor, id);
      if (!isBooker) throw bookingErrors.notBooker();
      if (booking.slotId === slotId) throw bookingErrors.sameSlot();
      const target = await slots.find(slotId);
      if (!target) throw bookingErrors.slotNotFound();
      await organisations.requireVisible(actor, target.organisationId);
      if (target.organisationId !== booking.organisationId) throw bookingErrors.otherOrganisation();
      const moved = await transaction(async (tx) => {
        await tx.lockSlots([booking.slotId, slotId]);
        const locked = await tx.lockBooking(id);
        if (!locked || locked.status !== 'booked') throw bookingErrors.alreadyCancelled();
        if (!(await tx.takeSeat(slotId, clock.now()))) return false;
        await tx.releaseSeat(locked.slotId);
        await tx.moveTo(id, slotId, clock.now());
        await mailAfterChange(tx, 'moved', id);
        return true;
      }).catch((err) => {
        if (sqlState(err).code === '23505') throw bookingErrors.alreadyBooked();
        throw err;
      });
      if (!moved) throw await refusal(actor, slotId);
      return get(actor, id);
    },

    async markAttendance(actor: Actor, id: string, status: 'attended' | 'no_show') {
      const { booking, isHost, isLead } = await visibleBooking(actor, id);
      if (!isHost && !isLead) throw bookingErrors.notHost();
      if (booking.status === 'cancelled') throw bookingErrors.alreadyCancelled();
      if (booking.startsAt > clock.now()) throw bookingErrors.notYet();
      await repo.setAttendance(id, status, clock.now());
      return get(actor, id);
    },

    /** The booking's invite for the booker or a host (the team lead has no calendar entry). */
    async invite(actor: Actor, id: string) {
      const { booking, hosts, isBooker, isHost } = await visibleBooking(actor, id);
      if (!isBooker && !isHost) throw bookingErrors.notFound();
      return bookingInvite({
        bookingId: booking.id,
        sequence: booking.sequence,
        cancelled: booking.status === 'cancelled' || !!booking.slotCancelledAt,
        startsAt: booking.startsAt,
        endsAt: booking.endsAt,
        location: booking.location,
        organisationName: booking.organisationName,
        hosts,
        stamp: booking.updatedAt,
      });
    },
  };
}

export type BookingsService = ReturnType<typeof createBookingsService>;
