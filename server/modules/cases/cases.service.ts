import { randomUUID } from 'node:crypto';
import { nextSteps, pathProblem, type CaseEvent, type CaseEventBody } from '../../contracts/case-path.ts';
import type { Case, CaseSummary } from '../../contracts/cases.ts';
import { stockholmDate } from '../../contracts/time.ts';
import { leadsTeam, memberOfTeam, organisationIdsOf, teamRoles, type Actor } from '../../lib/access.ts';
import type { Clock } from '../../lib/clock.ts';
import { auditFacts, listViewFacts } from '../audit/audit.models.ts';
import type { AuditTrail } from '../audit/audit.service.ts';
import { replayOf, requestOf } from '../idempotency/idempotency.models.ts';
import type { OrganisationsService } from '../organisations/organisations.service.ts';
import { caseErrors } from './cases.errors.ts';
import { workerPeriods } from './cases.models.ts';
import type { casesTransaction, CasesRepository } from './cases.repository.ts';
import { oneByOne } from '../../lib/one-by-one.ts';

type Tx = Parameters<Parameters<ReturnType<typeof casesTransaction>>[0]>[0];
type Deps = {
  repo: CasesRepository;
  transaction: ReturnType<typeof casesTransaction>;
  organisations: Pick<OrganisationsService, 'requireVisible' | 'requireOpen'>;
  clock: Clock;
  /** Appends the rows of audited reads after they committed. */
  auditTrail: Pick<AuditTrail, 'read'>;
};

type CaseRow = NonNullable<Awaited<ReturnType<CasesRepository['find']>>>;

export function createCasesService({ repo, transaction, organisations, clock, auditTrail }: Deps) {
  const caseFacts = (actor: Actor, c: Pick<CaseRow, 'id' | 'teamId'>, action: string) =>
    auditFacts(actor, { action, targetType: 'case', targetId: c.id, caseId: c.id, organisationIds: [c.teamId] }, clock.now());
  const auditCase = (tx: Tx, actor: Actor, c: Pick<CaseRow, 'id' | 'teamId'>, action: string) => tx.audit.append([caseFacts(actor, c, action)]);

  /** A case is seen by its workers and the team lead; anyone else gets 404. */
  async function visible(tx: Tx, actor: Actor, id: string) {
    const c = await tx.find(id);
    if (!c) throw caseErrors.notFound();
    const workers = await tx.workersOf(id);
    const isWorker = workers.some((w) => w.userId === actor.userId);
    const isLead = leadsTeam(actor, c.teamId);
    if (!isWorker && !isLead) throw caseErrors.notFound();
    return { c, workers, isWorker, isLead };
  }

  async function requireTeamWorkers(tx: Pick<Tx, 'schedule'>, teamId: string, ids: string[], field: string) {
    const team = new Set((await tx.schedule.socialWorkers(teamId)).map((w) => w.userId));
    if (!ids.every((id) => team.has(id))) throw caseErrors.notAWorker(field);
  }

  /** The case as its page shows it, read inside the caller's transaction. */
  async function view(tx: Tx, actor: Actor, c: CaseRow, isLead: boolean): Promise<Case> {
    const [workers, orgs, met, meetings, changes, events] = await oneByOne(
      [() => tx.workersOf(c.id), () => tx.organisationsOf(c.id), () => tx.metFamily(c), () => tx.meetingsOf(c.id), () => tx.changes(c.id), () => tx.eventsOf(c.id)] as const,
    );
    const people = new Map((await tx.names([...new Set(changes.flatMap((ch) => [...ch.before, ...ch.after]))])).map((p) => [p.userId, p.name]));
    for (const w of workers) people.set(w.userId, w.name);
    const periods = workerPeriods(c.createdAt, workers.map((w) => w.userId), changes, stockholmDate);
    const named = (ids: string[]) => ids.map((userId) => ({ userId, name: people.get(userId) ?? 'Borttagen användare' }));
    const responsible = workers.find((w) => w.responsible)!;
    const isWorker = workers.some((w) => w.userId === actor.userId);
    return {
      id: c.id,
      label: c.label,
      teamId: c.teamId,
      createdAt: c.createdAt.toISOString(),
      organisations: orgs,
      responsible: { userId: responsible.userId, name: responsible.name },
      workers,
      metFamily: met,
      meetings: meetings.map((m) => ({ ...m, startsAt: m.startsAt?.toISOString() ?? null })),
      changes: changes.map((ch) => ({ at: ch.at.toISOString(), byName: ch.byName, before: named(ch.before), after: named(ch.after), reason: ch.reason, continuityOverridden: ch.continuityOverridden })),
      events,
      nextSteps: nextSteps(events),
      workerHistory: periods.map((p) => ({ ...p, name: people.get(p.userId) ?? 'Borttagen användare' })),
      can: { changeWorkers: isWorker || isLead, recordSteps: isWorker || isLead, readAudit: isLead },
    };
  }

  return {
    /** A case made by hand names who met the family (by default its workers): the continuity rule holds them.
     *  With an idempotency key, the same request sent again gets the first case back. */
    async create(actor: Actor, body: { label: string; organisationIds: string[]; workerIds: string[]; responsibleId?: string; metFamilyIds?: string[] }, key?: string) {
      const scopes = await Promise.all(body.organisationIds.map((id) => organisations.requireOpen(actor, id)));
      const teamId = scopes[0]!.servingTeamId;
      if (!teamId || scopes.some((s) => s.servingTeamId !== teamId)) throw caseErrors.oneTeam();
      if (!memberOfTeam(actor, teamId)) throw caseErrors.notTeam();
      return transaction(async (tx) => {
        const newId = randomUUID();
        const replay = key ? replayOf(await tx.keys.claim(actor.userId, key, requestOf('case', body), newId, clock.now())) : null;
        if (replay) return { id: replay };
        await requireTeamWorkers(tx, teamId, body.workerIds, 'workerIds');
        const metFamilyIds = body.metFamilyIds ?? body.workerIds;
        await requireTeamWorkers(tx, teamId, metFamilyIds, 'metFamilyIds');
        const id = await tx.insert({
          id: newId,
          teamId,
          label: body.label,
          reportMeetingId: null,
          createdBy: actor.userId,
          createdAt: clock.now(),
          organisations: [...new Set(body.organisationIds)].map((o) => ({ id: o, reporter: true })),
          responsibleId: body.responsibleId ?? body.workerIds[0]!,
          workerIds: body.workerIds,
          metFamilyIds,
        });
        await auditCase(tx, actor, { id, teamId }, 'case.create');
        return { id };
      });
    },

    async get(actor: Actor, id: string): Promise<Case> {
      // An audited read: its row goes to the log's group-commit writer once the read committed.
      return auditTrail.read(transaction, async (tx, log) => {
        const { c, isLead } = await visible(tx, actor, id);
        log([caseFacts(actor, c, 'case.read')]);
        return view(tx, actor, c, isLead);
      });
    },

    /** The cases of the actor's teams: all for a team lead, else the ones they work on. */
    async list(actor: Actor): Promise<CaseSummary[]> {
      const teams = [...new Set(organisationIdsOf(actor, teamRoles))];
      return auditTrail.read(transaction, async (tx, log) => {
        const rows = (await oneByOne(teams.map((t) => () => tx.listFor(t, leadsTeam(actor, t) ? null : actor.userId)))).flat();
        if (rows.length > 0) log([listViewFacts(actor, 'case.list', actor.userId, teams, clock.now())]);
        return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
      });
    },

    /**
     * Replaces the case's workers. Continuity rule: at least one social worker who met the family
     * at the anmälningsmöte stays, unless the team lead breaks it with a reason (kept and shown).
     */
    async changeWorkers(actor: Actor, id: string, body: { responsibleId: string; coWorkerIds: string[]; reason?: string }): Promise<Case> {
      // The answer is the case right after the change, also for a worker who just handed it on.
      return transaction(async (tx) => {
        const { c, workers, isWorker, isLead } = await visible(tx, actor, id);
        if (!isWorker && !isLead) throw caseErrors.mayNotChange();
        const after = [body.responsibleId, ...body.coWorkerIds];
        await requireTeamWorkers(tx, c.teamId, after, 'responsibleId');
        await tx.lock(id);
        const met = await tx.metFamily(c);
        const continuityHolds = met.length === 0 || after.some((u) => met.some((m) => m.userId === u));
        const reason = body.reason?.trim() || null;
        if (!continuityHolds && !(isLead && reason)) throw caseErrors.continuity(met.map((m) => m.name), isLead);
        await tx.replaceWorkers(id, body.responsibleId, body.coWorkerIds);
        await tx.insertChange({ caseId: id, changedBy: actor.userId, changedAt: clock.now(), before: workers.map((w) => w.userId), after, reason, continuityOverridden: !continuityHolds });
        await auditCase(tx, actor, c, continuityHolds ? 'case.workers' : 'case.workers_override');
        return view(tx, actor, c, isLead);
      });
    },

    /**
     * Records a step of the case's path on its Stockholm date. The steps come in their order,
     * each once, never in the future; a refusal says in Swedish what must come first.
     */
    async recordEvent(actor: Actor, id: string, body: CaseEventBody): Promise<CaseEvent> {
      return transaction(async (tx) => {
        const { c } = await visible(tx, actor, id);
        await tx.lock(id);
        const problem = pathProblem(await tx.eventsOf(id), body, stockholmDate(clock.now()));
        if (problem) throw caseErrors.path(problem);
        await tx.insertEvent({ caseId: id, kind: body.kind, on: body.on, recordedBy: actor.userId, recordedAt: clock.now() });
        await auditCase(tx, actor, c, `case.step.${body.kind}`);
        return { kind: body.kind, on: body.on };
      });
    },

    /** Cases where the team lead broke the continuity rule, and why. */
    async overrides(actor: Actor, teamId: string) {
      if (!leadsTeam(actor, teamId)) throw memberOfTeam(actor, teamId) ? caseErrors.onlyLead() : caseErrors.notFound();
      // The list shows case labels: its reading is logged, once per view.
      const rows = await transaction(async (tx) => {
        const found = await tx.overrides(teamId);
        await tx.audit.append([listViewFacts(actor, 'case.continuity_overrides', teamId, [teamId], clock.now())]);
        return found;
      });
      const people = new Map((await repo.names([...new Set(rows.flatMap((r) => r.after))])).map((p) => [p.userId, p.name]));
      return rows.map((r) => ({ caseId: r.caseId, label: r.label, at: r.at.toISOString(), byName: r.byName, reason: r.reason ?? '', after: r.after.map((u) => people.get(u) ?? 'Borttagen användare') }));
    },

    /** The case's audit log, for the team lead only; reading it is logged too. */
    async auditLog(actor: Actor, id: string) {
      return transaction(async (tx) => {
        const { c, isLead } = await visible(tx, actor, id);
        if (!isLead) throw caseErrors.onlyLead();
        await auditCase(tx, actor, c, 'case.audit_read');
        const meetingIds = (await tx.meetingsOf(id)).map((m) => m.id);
        const rows = await tx.audit.ofCase(id, meetingIds);
        return rows.map((r) => ({ at: r.at.toISOString(), actorName: r.actorName, actorRole: r.actorRole, action: r.action, organisationName: r.organisationName, address: r.address }));
      });
    },
  };
}

export type CasesService = ReturnType<typeof createCasesService>;
