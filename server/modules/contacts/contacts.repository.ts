import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.ts';
import { photoVersionOf } from '../profile/profile.repository.ts';
import { closedDays, contactAssignments, dutyRoster, organisations, sections, teamSettings, users } from '../../../db/schema/index.ts';

export type AbsencePeriod = { startsOn: string; endsOn: string };

// Absences that have not ended by the date, as a JSON list per person: dates only, never the
// private reason.
const absencesOf = (userId: unknown, date: unknown) => sql<AbsencePeriod[]>`(
  select coalesce(json_agg(json_build_object('startsOn', a.starts_on, 'endsOn', a.ends_on) order by a.starts_on), '[]'::json)
  from absences a where a.user_id = ${userId} and a.ends_on >= ${date}::date)`;

export type BusyPeriod = { from: string; until: string; label: string };

// What the person does during the day: walk-and-talks they host, hours on site at a school, and
// meetings (only that it is one: never what about). The status picks the one under way.
const busyOf = (userId: unknown, from: unknown, until: unknown) => sql<BusyPeriod[]>`(
  select coalesce(json_agg(b), '[]'::json) from (
    select h.starts_at as "from", h.ends_at as "until",
      case when s.kind = 'on_site' then 'På ' || o.name else 'I walk-and-talk' end as "label"
    from slot_hosts h join slots s on s.id = h.slot_id join organisations o on o.id = s.organisation_id
    where h.user_id = ${userId} and h.active and h.starts_at < ${until}::timestamptz and h.ends_at > ${from}::timestamptz
    union all
    select w.starts_at, w.ends_at, 'I möte'
    from meeting_workers w
    where w.user_id = ${userId} and w.active and w.starts_at < ${until}::timestamptz and w.ends_at > ${from}::timestamptz
  ) b)`;

// The contacts and reach endpoints are the most read in the product: every query is prepared,
// and what they read is a whole Stockholm day, so the service can keep it until the directory
// changes (see contacts.service.ts).
export function createContactsRepository(db: DbOrTx) {
  const date = sql.placeholder('date');
  const from = sql.placeholder('from');
  const until = sql.placeholder('until');

  const assignments = db
    .select({
      userId: users.id,
      name: users.name,
      title: users.title,
      phone: users.phone,
      email: users.email,
      photoVersion: photoVersionOf(users.id),
      organisationId: contactAssignments.organisationId,
      organisationName: organisations.name,
      sectionId: contactAssignments.sectionId,
      sectionName: sections.name,
      absences: absencesOf(users.id, date),
      busy: busyOf(users.id, from, until),
    })
    .from(contactAssignments)
    .innerJoin(users, eq(users.id, contactAssignments.userId))
    .innerJoin(organisations, eq(organisations.id, contactAssignments.organisationId))
    .leftJoin(sections, eq(sections.id, contactAssignments.sectionId))
    .where(
      and(
        sql`${contactAssignments.organisationId} = any(${sql.placeholder('places')}::uuid[])`,
        sql`${contactAssignments.startsOn} <= ${date}::date`,
        sql`(${contactAssignments.endsOn} is null or ${contactAssignments.endsOn} >= ${date}::date)`,
        isNull(users.disabledAt),
      ),
    )
    .orderBy(asc(sections.sortOrder), asc(users.name))
    .prepare('contacts_active_assignments');

  const teamDay = db
    .select({
      officeOpens: teamSettings.officeOpens,
      officeCloses: teamSettings.officeCloses,
      dutyPhone: teamSettings.dutyPhone,
      afterHoursName: teamSettings.afterHoursName,
      afterHoursPhone: teamSettings.afterHoursPhone,
      holderId: users.id,
      holderName: users.name,
      holderPhone: users.phone,
      holderAbsences: absencesOf(users.id, date),
      holderBusy: busyOf(users.id, from, until),
    })
    .from(teamSettings)
    .leftJoin(dutyRoster, and(eq(dutyRoster.teamId, teamSettings.teamId), sql`${dutyRoster.day} = ${date}::date`))
    .leftJoin(users, eq(users.id, dutyRoster.userId))
    .where(eq(teamSettings.teamId, sql.placeholder('teamId')))
    .prepare('contacts_team_day');

  const closed = db.select({ day: closedDays.day, name: closedDays.name }).from(closedDays).prepare('contacts_closed_days');
  const children = db.select({ id: organisations.id }).from(organisations).where(and(eq(organisations.parentId, sql.placeholder('parentId')), isNull(organisations.archivedAt))).prepare('contacts_unit_children');

  return {
    /** Contacts named for these places on a day, with profile, coming absences and the day's commitments. */
    activeAssignments: (places: string[], day: StockholmDay) => assignments.execute({ places, ...params(day) }),
    /** The team's settings and who holds the duty phone on the day (with absences and commitments). */
    teamDay: async (teamId: string, day: StockholmDay) => (await teamDay.execute({ teamId, ...params(day) }))[0],
    closedDays: () => closed.execute(),
    /** A preschool unit's preschools (not archived). */
    childrenOf: async (parentId: string) => (await children.execute({ parentId })).map((r) => r.id),
  };
}

/** A Stockholm calendar date and the instants it starts and ends (23 or 25 hours at DST changes). */
export type StockholmDay = { date: string; from: Date; until: Date };
const params = (day: StockholmDay) => ({ date: day.date, from: day.from.toISOString(), until: day.until.toISOString() });

export type ContactsRepository = ReturnType<typeof createContactsRepository>;
