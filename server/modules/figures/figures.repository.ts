import { and, eq, exists, gte, inArray, isNull, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.ts';
import { bookings, caseEvents, caseOrganisations, cases, caseWorkerChanges, caseWorkers, districts, meetings, meetingWorkers, organisations, slots } from '../../../db/schema/index.ts';

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

    /** Anmälningsmöten held or booked in the window: when asked for, when held, how many social workers. */
    async reportMeetings(scope: FigureScope, start: Date, end: Date) {
      const workers = sql<number>`(select count(*)::int from ${meetingWorkers} where ${meetingWorkers.meetingId} = ${meetings.id} and ${meetingWorkers.active})`;
      return db
        .select({ createdAt: meetings.createdAt, startsAt: meetings.startsAt, status: meetings.status, workers })
        .from(meetings)
        .where(and(eq(meetings.type, 'report_meeting'), inArray(meetings.status, ['scheduled', 'held']), gte(meetings.startsAt, start), lt(meetings.startsAt, end), meetingsIn(scope)));
    },

    /** Cases opened in the window, with everyone who has been on them and each change of workers. */
    async casesOpened(scope: FigureScope, start: Date, end: Date) {
      const rows = await db.select({ id: cases.id }).from(cases).where(and(gte(cases.createdAt, start), lt(cases.createdAt, end), casesIn(scope)));
      const ids = rows.map((r) => r.id);
      if (ids.length === 0) return [];
      const [current, changes] = await Promise.all([
        db.select({ caseId: caseWorkers.caseId, userId: caseWorkers.userId }).from(caseWorkers).where(inArray(caseWorkers.caseId, ids)),
        db.select({ caseId: caseWorkerChanges.caseId, before: caseWorkerChanges.before, after: caseWorkerChanges.after }).from(caseWorkerChanges).where(inArray(caseWorkerChanges.caseId, ids)),
      ]);
      return ids.map((id) => ({ id, current: current.filter((w) => w.caseId === id).map((w) => w.userId), changes: changes.filter((c) => c.caseId === id) }));
    },

    /** The path steps of the scope's cases that have a step in the window (dates as Stockholm dates). */
    async paths(scope: FigureScope, from: string, to: string) {
      const inWindow = exists(db.select({ one: sql`1` }).from(caseEvents).where(and(eq(caseEvents.caseId, cases.id), gte(caseEvents.on, from), sql`${caseEvents.on} <= ${to}`)));
      return db
        .select({ caseId: caseEvents.caseId, kind: caseEvents.kind, on: caseEvents.on })
        .from(caseEvents)
        .innerJoin(cases, eq(cases.id, caseEvents.caseId))
        .where(and(inWindow, casesIn(scope)));
    },
  };
}

export type FiguresRepository = ReturnType<typeof createFiguresRepository>;
