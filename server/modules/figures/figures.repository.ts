import { and, eq, exists, gte, inArray, isNull, lt, ne, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { rowsOf, type DbOrTx } from '../../../db/client.ts';
import type { CaseEventKind } from '../../contracts/case-path.ts';
import { bookings, caseEvents, caseOrganisations, cases, caseWorkerChanges, caseWorkers, districts, meetings, meetingWorkers, organisations, slots } from '../../../db/schema/index.ts';

/** Whole Stockholm days from one instant to another, counted in the database (thousands of rows a request). */
export const stockholmDaysBetween = (from: AnyColumn | SQL, to: AnyColumn | SQL) =>
  sql<number>`((${to} at time zone 'Europe/Stockholm')::date - (${from} at time zone 'Europe/Stockholm')::date)`.mapWith(Number);

/** What the figures are about: the organisations' activity, the teams' cases and meetings (null: everything). */
export type FigureScope = { orgIds: string[] | null; teamIds: string[] | null };

export function createFiguresRepository(db: DbOrTx) {
  const ofOrgs = (column: typeof slots.organisationId | typeof meetings.organisationId, scope: FigureScope) => (scope.orgIds ? inArray(column, scope.orgIds) : undefined);
  // A team's meetings and cases are its own; an organisation's are those about it.
  const meetingsIn = (scope: FigureScope) => (scope.teamIds ? inArray(meetings.teamId, scope.teamIds) : ofOrgs(meetings.organisationId, scope));
  const casesIn = (scope: FigureScope) =>
    scope.teamIds
      ? inArray(cases.teamId, scope.teamIds)
      : scope.orgIds
        ? exists(db.select({ one: sql`1` }).from(caseOrganisations).where(and(eq(caseOrganisations.caseId, cases.id), inArray(caseOrganisations.organisationId, scope.orgIds))))
        : undefined;

  const ids = async (where: SQL | undefined) => (await db.select({ id: organisations.id }).from(organisations).where(where)).map((r) => r.id);

  return {
    /** An organisation's facts for deciding the scope: its kind, district, team and unit. */
    async organisation(id: string) {
      const [row] = await db.select({ id: organisations.id, kind: organisations.kind, districtId: organisations.districtId, servingTeamId: organisations.servingTeamId }).from(organisations).where(eq(organisations.id, id));
      return row;
    },

    /** The organisations a team serves. */
    servedBy: (teamId: string) => ids(eq(organisations.servingTeamId, teamId)),
    /** An organisation and, for a preschool unit, its preschools. */
    withPreschools: (id: string) => ids(or(eq(organisations.id, id), eq(organisations.parentId, id))),
    /** Organisations by name, in name order: a district's, a team's served ones, or those given. */
    async named(where: { districtIds?: string[]; servedBy?: string[]; ids?: string[] }) {
      const filters = [
        where.districtIds ? inArray(organisations.districtId, where.districtIds) : undefined,
        where.servedBy ? inArray(organisations.servingTeamId, where.servedBy) : undefined,
        where.ids ? inArray(organisations.id, where.ids) : undefined,
      ].filter((f) => f !== undefined);
      if (filters.length === 0) return [];
      return db.select({ id: organisations.id, name: organisations.name, kind: organisations.kind }).from(organisations).where(and(or(...filters), isNull(organisations.archivedAt))).orderBy(organisations.name);
    },
    /** Districts by name: those given, or all. */
    districts: (ids: string[] | 'all') => db.select({ id: districts.id, name: districts.name }).from(districts).where(ids === 'all' ? undefined : inArray(districts.id, ids)).orderBy(districts.name),
    /** Every social services team. */
    teams: () => ids(eq(organisations.kind, 'social_services')),
    /** A district's organisations, or only its social services teams. */
    inDistrict: (districtId: string, teamsOnly = false) => ids(and(eq(organisations.districtId, districtId), teamsOnly ? eq(organisations.kind, 'social_services') : undefined)),

    /** Walk-and-talk consultations booked (not cancelled) at times in the window. */
    async consultations(scope: FigureScope, start: Date, end: Date) {
      const [row] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(bookings)
        .innerJoin(slots, eq(slots.id, bookings.slotId))
        .where(and(eq(slots.kind, 'walk_and_talk'), ne(bookings.status, 'cancelled'), gte(slots.startsAt, start), lt(slots.startsAt, end), ofOrgs(slots.organisationId, scope)));
      return row!.n;
    },

    /** Anmälningsmöten held or booked in the window: the days from the request to the meeting, how many social workers. */
    async reportMeetings(scope: FigureScope, start: Date, end: Date) {
      return db
        .select({ days: stockholmDaysBetween(meetings.createdAt, meetings.startsAt), status: meetings.status, workers: sql<number>`count(${meetingWorkers.userId})::int`.mapWith(Number) })
        .from(meetings)
        .leftJoin(meetingWorkers, and(eq(meetingWorkers.meetingId, meetings.id), eq(meetingWorkers.active, true)))
        .groupBy(meetings.id)
        .where(and(eq(meetings.type, 'report_meeting'), inArray(meetings.status, ['scheduled', 'held']), gte(meetings.startsAt, start), lt(meetings.startsAt, end), meetingsIn(scope)));
    },

    /**
     * Cases opened in the window: how many social workers each family has met (everyone on the
     * case now or before any change) and whether the responsible worker was ever changed (a
     * handover: the first of a change's before and after differ). Counted in the database.
     */
    async casesOpened(scope: FigureScope, start: Date, end: Date) {
      const opened = db.select({ id: cases.id }).from(cases).where(and(gte(cases.createdAt, start), lt(cases.createdAt, end), casesIn(scope)));
      // Set-wise rather than a subquery a case: a district's two years are a thousand cases.
      const result = await db.execute(sql`with opened as (${opened}),
        people as (
          select cw.case_id, cw.user_id::text as person from ${caseWorkers} cw join opened o on o.id = cw.case_id
          union select ch.case_id, jsonb_array_elements_text(ch.before) from ${caseWorkerChanges} ch join opened o on o.id = ch.case_id
          union select ch.case_id, jsonb_array_elements_text(ch.after) from ${caseWorkerChanges} ch join opened o on o.id = ch.case_id),
        met as (select case_id, count(distinct person)::int as n from people group by case_id),
        handed as (select distinct ch.case_id from ${caseWorkerChanges} ch join opened o on o.id = ch.case_id where (ch.before->>0) is distinct from (ch.after->>0))
        select o.id, coalesce(met.n, 0) as workers_met, handed.case_id is null as kept
        from opened o left join met on met.case_id = o.id left join handed on handed.case_id = o.id`);
      return rowsOf<{ id: string; workers_met: number | string; kept: boolean | string }>(result).map((r) => ({ id: r.id, workersMet: Number(r.workers_met), keptResponsible: r.kept === true || r.kept === 't' }));
    },

    /**
     * The paths of the scope's cases that have a step in the window, one row a case: the date of
     * each step the figures use (a step is taken once) and the days from the yes to the start.
     */
    async paths(scope: FigureScope, from: string, to: string) {
      const step = (kind: CaseEventKind) => sql<string | null>`min(${caseEvents.on}) filter (where ${caseEvents.kind} = ${kind})`;
      return db
        .select({
          caseId: caseEvents.caseId,
          accepted: step('intervention_accepted'),
          declined: step('intervention_declined'),
          started: step('intervention_started'),
          completed: step('intervention_completed'),
          closed: step('case_closed'),
          daysToStart: sql<number | null>`(${step('intervention_started')} - ${step('intervention_accepted')})`.mapWith(Number),
        })
        .from(caseEvents)
        .innerJoin(cases, eq(cases.id, caseEvents.caseId))
        .where(casesIn(scope))
        .groupBy(caseEvents.caseId)
        .having(sql`bool_or(${caseEvents.on} between ${from} and ${to})`);
    },
  };
}

export type FiguresRepository = ReturnType<typeof createFiguresRepository>;
