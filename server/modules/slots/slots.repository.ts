import { and, asc, eq, gt, gte, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../../db/client.ts';
import { bookings, memberships, organisations, schoolPeriods, slotHosts, slotSeries, slots, users } from '../../../db/schema/index.ts';
import { createScheduleRepository } from '../schedule/schedule.repository.ts';
import { createMailRepository } from '../mail/mail.repository.ts';

export type SlotRow = typeof slots.$inferSelect & { organisationName: string };
export type NewSlot = { organisationId: string; kind: 'walk_and_talk' | 'on_site'; startsAt: Date; endsAt: Date; location: string; capacity: number };

const slotColumns = {
  id: slots.id,
  seriesId: slots.seriesId,
  organisationId: slots.organisationId,
  organisationName: organisations.name,
  kind: slots.kind,
  startsAt: slots.startsAt,
  endsAt: slots.endsAt,
  location: slots.location,
  capacity: slots.capacity,
  booked: slots.booked,
  cancelledAt: slots.cancelledAt,
  cancelReason: slots.cancelReason,
  createdAt: slots.createdAt,
};

/** A slot's hosts as JSON, in name order: folded into the list's one statement. */
const hostsJson = sql<{ userId: string; name: string }[]>`coalesce((select json_agg(json_build_object('userId', u.id, 'name', u.name) order by u.name)
  from slot_hosts h join users u on u.id = h.user_id where h.slot_id = ${slots.id}), '[]'::json)`;
/** The same with their addresses, for the mails about one slot's booking. */
const hostsWithEmailJson = sql<{ userId: string; name: string; email: string }[]>`coalesce((select json_agg(json_build_object('userId', u.id, 'name', u.name, 'email', u.email) order by u.name)
  from slot_hosts h join users u on u.id = h.user_id where h.slot_id = ${slots.id}), '[]'::json)`;

export function createSlotsRepository(db: DbOrTx) {
  // The staff's slot list is read most: one prepared statement, hosts included.
  const listed = db
    .select({ ...slotColumns, hosts: hostsJson })
    .from(slots)
    .innerJoin(organisations, eq(organisations.id, slots.organisationId))
    .where(and(eq(slots.organisationId, sql.placeholder('organisationId')), gte(slots.startsAt, sql.placeholder('from')), lt(slots.startsAt, sql.placeholder('to'))))
    .orderBy(asc(slots.startsAt))
    .prepare('slots_between');
  const byId = db
    .select({ ...slotColumns, hosts: hostsWithEmailJson })
    .from(slots)
    .innerJoin(organisations, eq(organisations.id, slots.organisationId))
    .where(eq(slots.id, sql.placeholder('id')))
    .limit(1)
    .prepare('slot_by_id');

  return {
    /** The organisation's slots in [from, to) with their hosts. */
    listBetween: (organisationId: string, from: Date, to: Date) => listed.execute({ organisationId, from: from.toISOString(), to: to.toISOString() }),

    schedule: createScheduleRepository(db),
    mail: createMailRepository(db),

    /** Terms and breaks of the organisation, or of its unit when it has none of its own. */
    async schoolPeriods(organisationId: string, parentId: string | null) {
      const rows = await db
        .select({ organisationId: schoolPeriods.organisationId, kind: schoolPeriods.kind, name: schoolPeriods.name, startsOn: schoolPeriods.startsOn, endsOn: schoolPeriods.endsOn })
        .from(schoolPeriods)
        .where(inArray(schoolPeriods.organisationId, parentId ? [organisationId, parentId] : [organisationId]));
      const own = rows.filter((r) => r.organisationId === organisationId);
      return own.length > 0 ? own : rows;
    },

    /** The people who may host for a team: its social workers and team leads. */
    async teamMembers(teamId: string) {
      return db
        .selectDistinct({ userId: users.id, name: users.name })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(and(eq(memberships.organisationId, teamId), inArray(memberships.role, ['social_worker', 'team_lead']), isNull(users.disabledAt)));
    },

    async insertSeries(values: typeof slotSeries.$inferInsert) {
      const [row] = await db.insert(slotSeries).values(values).returning({ id: slotSeries.id });
      return row!.id;
    },

    async insertSlots(seriesId: string | null, rows: NewSlot[], hostIds: string[]) {
      if (rows.length === 0) return [];
      const inserted = await db
        .insert(slots)
        .values(rows.map((r) => ({ ...r, seriesId })))
        .returning({ id: slots.id, startsAt: slots.startsAt, endsAt: slots.endsAt });
      await db.insert(slotHosts).values(inserted.flatMap((s) => hostIds.map((userId) => ({ slotId: s.id, userId, startsAt: s.startsAt, endsAt: s.endsAt }))));
      return inserted.map((s) => s.id);
    },

    async byIds(ids: string[]): Promise<SlotRow[]> {
      if (ids.length === 0) return [];
      return db.select(slotColumns).from(slots).innerJoin(organisations, eq(organisations.id, slots.organisationId)).where(inArray(slots.id, ids)).orderBy(asc(slots.startsAt));
    },

    /** One slot and its hosts (with their addresses, for a booking's mails): every booking starts here, so it is prepared. */
    async find(id: string): Promise<(SlotRow & { hosts: { userId: string; name: string; email: string }[] }) | undefined> {
      const [row] = await byId.execute({ id });
      return row;
    },

    /** The slot row locked for the rest of the transaction (cancel, move). */
    async lock(id: string) {
      const [row] = await db.select({ id: slots.id }).from(slots).where(eq(slots.id, id)).for('update');
      return row;
    },

    /** The hosts of the slots; the e-mail is for the calendar invite's organiser. */
    async hostsOf(slotIds: string[]) {
      if (slotIds.length === 0) return [];
      return db
        .select({ slotId: slotHosts.slotId, userId: slotHosts.userId, name: users.name, email: users.email })
        .from(slotHosts)
        .innerJoin(users, eq(users.id, slotHosts.userId))
        .where(inArray(slotHosts.slotId, slotIds))
        .orderBy(asc(users.name));
    },

    /** Slot ids a person hosts in [from, to), cancelled ones included (the host's week). */
    async hostedIds(userIds: string[], from: Date, to: Date) {
      if (userIds.length === 0) return [];
      const rows = await db
        .selectDistinct({ id: slotHosts.slotId })
        .from(slotHosts)
        .where(and(inArray(slotHosts.userId, userIds), gte(slotHosts.startsAt, from), lt(slotHosts.startsAt, to)));
      return rows.map((r) => r.id);
    },

    async bookingsOf(slotIds: string[]) {
      if (slotIds.length === 0) return [];
      return db
        .select({ id: bookings.id, slotId: bookings.slotId, bookerName: users.name, topic: bookings.topic, note: bookings.note, status: bookings.status })
        .from(bookings)
        .innerJoin(users, eq(users.id, bookings.bookerId))
        .where(inArray(bookings.slotId, slotIds))
        .orderBy(asc(bookings.createdAt));
    },

    /** A slot's live bookings with their bookers, for the mails a cancelled or moved slot sends. */
    async liveBookings(slotId: string) {
      return db
        .select({ id: bookings.id, sequence: bookings.sequence, bookerId: users.id, bookerName: users.name, bookerEmail: users.email })
        .from(bookings)
        .innerJoin(users, eq(users.id, bookings.bookerId))
        .where(and(eq(bookings.slotId, slotId), eq(bookings.status, 'booked')));
    },

    /** Free bookable slots of an organisation after an instant, soonest first. */
    async nextFree(organisationId: string, after: Date, limit: number, exceptId?: string) {
      return db
        .select({ id: slots.id, startsAt: slots.startsAt })
        .from(slots)
        .where(
          and(
            eq(slots.organisationId, organisationId),
            eq(slots.kind, 'walk_and_talk'),
            isNull(slots.cancelledAt),
            gt(slots.startsAt, after),
            lt(slots.booked, slots.capacity),
            exceptId ? sql`${slots.id} <> ${exceptId}` : undefined,
          ),
        )
        .orderBy(asc(slots.startsAt))
        .limit(limit);
    },

    /** Cancels a slot: hosts are free again and every live booking is cancelled with it. */
    async cancel(id: string, reason: string, byUserId: string, at: Date) {
      await db.update(slots).set({ cancelledAt: at, cancelReason: reason, booked: 0 }).where(eq(slots.id, id));
      await db.update(slotHosts).set({ active: false }).where(eq(slotHosts.slotId, id));
      await db
        .update(bookings)
        .set({ status: 'cancelled', cancelReason: reason, cancelledBy: byUserId, sequence: sql`${bookings.sequence} + 1`, updatedAt: at })
        .where(and(eq(bookings.slotId, id), eq(bookings.status, 'booked')));
    },

    /**
     * The series a person published or hosts, newest first, with how many of their times are
     * still to come and how many of those are booked.
     */
    async seriesOf(userId: string, now: Date) {
      const mine = sql`(${slotSeries.createdBy} = ${userId} or exists (select 1 from ${slots} s join ${slotHosts} h on h.slot_id = s.id where s.series_id = ${slotSeries.id} and h.user_id = ${userId}))`;
      const coming = (what: SQL) => sql<number>`(select ${what} from ${slots} s where s.series_id = ${slotSeries.id} and s.cancelled_at is null and s.starts_at > ${now.toISOString()}::timestamptz)`.mapWith(Number);
      return db
        .select({
          id: slotSeries.id,
          organisationId: slotSeries.organisationId,
          organisationName: organisations.name,
          kind: slotSeries.kind,
          weekday: slotSeries.weekday,
          startTime: slotSeries.startTime,
          durationMinutes: slotSeries.durationMinutes,
          intervalWeeks: slotSeries.intervalWeeks,
          startsOn: slotSeries.startsOn,
          endsOn: slotSeries.endsOn,
          location: slotSeries.location,
          upcoming: coming(sql`count(*)::int`),
          booked: coming(sql`coalesce(sum(s.booked), 0)::int`),
        })
        .from(slotSeries)
        .innerJoin(organisations, eq(organisations.id, slotSeries.organisationId))
        .where(mine)
        .orderBy(sql`${slotSeries.createdAt} desc`)
        .limit(100);
    },

    /** A series, and who hosts its times. */
    async findSeries(id: string) {
      const [row] = await db.select({ id: slotSeries.id, organisationId: slotSeries.organisationId, startsOn: slotSeries.startsOn, endsOn: slotSeries.endsOn, createdBy: slotSeries.createdBy }).from(slotSeries).where(eq(slotSeries.id, id));
      if (!row) return undefined;
      const hosts = await db.selectDistinct({ userId: slotHosts.userId }).from(slotHosts).innerJoin(slots, eq(slots.id, slotHosts.slotId)).where(eq(slots.seriesId, id));
      return { ...row, hostIds: hosts.map((h) => h.userId) };
    },

    /** The series' times still to come and not cancelled, locked for the caller's transaction. */
    async comingOfSeries(id: string, now: Date) {
      return db
        .select(slotColumns)
        .from(slots)
        .innerJoin(organisations, eq(organisations.id, slots.organisationId))
        .where(and(eq(slots.seriesId, id), isNull(slots.cancelledAt), gt(slots.startsAt, now)))
        .orderBy(asc(slots.startsAt))
        .for('update', { of: slots });
    },

    /** Ends a series on a day (never before it began). */
    async endSeries(id: string, on: string) {
      await db.update(slotSeries).set({ endsOn: sql`greatest(${slotSeries.startsOn}, least(${slotSeries.endsOn}, ${on}::date))` }).where(eq(slotSeries.id, id));
    },

    /** Moves a slot; its hosts move with it and bookers' calendars learn of it (SEQUENCE). */
    async move(id: string, startsAt: Date, endsAt: Date, at: Date) {
      await db.update(slots).set({ startsAt, endsAt }).where(eq(slots.id, id));
      await db.update(slotHosts).set({ startsAt, endsAt }).where(eq(slotHosts.slotId, id));
      await db
        .update(bookings)
        .set({ sequence: sql`${bookings.sequence} + 1`, updatedAt: at })
        .where(and(eq(bookings.slotId, id), or(eq(bookings.status, 'booked'), eq(bookings.status, 'attended'))));
    },
  };
}

export type SlotsRepository = ReturnType<typeof createSlotsRepository>;

export const slotsTransaction = (db: Db) => <T>(work: (repo: SlotsRepository) => Promise<T>) =>
  db.transaction((tx) => work(createSlotsRepository(tx)));
