import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Feedback, feedbackBody, feedbackQuery, statutoryBody } from '../../contracts/consents.ts';
import { leadsTeam, memberOfTeam, type Actor } from '../../lib/access.ts';
import type { Clock } from '../../lib/clock.ts';
import { errors } from '../../lib/errors.ts';
import { daysBetween, stockholmDate } from '../../contracts/time.ts';
import { auditFacts, listViewFacts } from '../audit/audit.models.ts';
import { tenancyOf } from '../../lib/tenancy.ts';
import { caseAccess } from '../cases/cases.access.ts';
import { consentErrors } from '../consents/consents.errors.ts';
import type { FeedbackTx, feedbackTransaction } from './feedback.repository.ts';
import { feedbackErrors } from './feedback.errors.ts';
import { replayOf, requestOf } from '../idempotency/idempotency.models.ts';
import { feedbackMails } from '../mail/mail.templates.ts';
import { oneByOne } from '../../lib/one-by-one.ts';

type Deps = { transaction: ReturnType<typeof feedbackTransaction>; clock: Clock; mailBaseUrl: string };
type Target = 'case' | 'feedback' | 'statutory_feedback';


/**
 * Feedback during an intervention and statutory feedback to the reporter. Every read and write is
 * checked against the consents at this instant, in the same transaction, and the database's
 * row-level security checks it again.
 */
export function createFeedbackService({ transaction, clock, mailBaseUrl }: Deps) {
  const audit = (tx: FeedbackTx, actor: Actor, at: Date, action: string, targetType: Target, targetId: string, caseId: string, organisationIds: string[]) =>
    tx.audit.append([auditFacts(actor, { action, targetType, targetId, caseId, organisationIds }, at)]);

  const present = (r: Awaited<ReturnType<FeedbackTx['feedback']['ofCase']>>[number]): Feedback => ({
    ...r,
    scope: r.scope as Feedback['scope'],
    createdAt: r.createdAt.toISOString(),
    acknowledgedAt: r.acknowledgedAt?.toISOString() ?? null,
  });

  return {
    /** Writes a message; with an idempotency key, the same message sent again is written once. */
    async write(actor: Actor, caseId: string, body: z.infer<typeof feedbackBody>, key?: string) {
      const tenancy = tenancyOf(actor, clock);
      return transaction(tenancy, async (tx) => {
        const { c, organisations, isWorker, schoolOrganisationIds } = await caseAccess(tx, actor, caseId);
        const side = isWorker ? 'team' : schoolOrganisationIds.includes(body.organisationId) ? 'school' : null;
        if (!side) throw schoolOrganisationIds.length ? feedbackErrors.notYours() : feedbackErrors.teamReads();
        if (!organisations.some((o) => o.id === body.organisationId)) throw consentErrors.notOnCase();
        const newId = randomUUID();
        if (key) {
          const replay = replayOf(await tx.keys.claim(actor.userId, key, requestOf('feedback', { caseId, ...body }), newId, tenancy.now));
          if (replay) {
            const first = (await tx.feedback.find(replay))!;
            return { id: first.id, createdAt: first.createdAt.toISOString() };
          }
        }
        const covered = await tx.consents.coveredScopes(caseId, body.organisationId);
        if (!covered.includes(body.scope)) throw consentErrors.noConsent();
        const row = await tx.feedback.insert({ id: newId, caseId, organisationId: body.organisationId, teamId: c.teamId, scope: body.scope, body: body.body, authorId: actor.userId, authorName: actor.name, authorSide: side, createdAt: tenancy.now });
        await audit(tx, actor, tenancy.now, 'feedback.write', 'feedback', row.id, caseId, [c.teamId, body.organisationId]);
        const readers = side === 'team' ? await tx.feedback.schoolReaders(body.organisationId) : await tx.cases.workersOf(caseId);
        const to = readers.filter((r) => r.userId !== actor.userId);
        await tx.mail.enqueue(feedbackMails({ feedbackId: row.id, caseId, to: side === 'team' ? 'school' : 'team' }, to, mailBaseUrl), tenancy.now);
        return { id: row.id, createdAt: row.createdAt.toISOString() };
      });
    },

    /**
     * The case's workers read every message; the school side reads its own organisation's, only in
     * the scopes a consent covers now, and gets 403 no_consent when none does.
     */
    async read(actor: Actor, caseId: string, query: z.infer<typeof feedbackQuery>): Promise<Feedback[]> {
      const tenancy = tenancyOf(actor, clock);
      return transaction(tenancy, async (tx) => {
        const { c, isWorker, schoolOrganisationIds } = await caseAccess(tx, actor, caseId);
        if (isWorker) {
          const rows = await tx.feedback.ofCase(caseId, query);
          await audit(tx, actor, tenancy.now, 'feedback.read', 'case', caseId, caseId, [c.teamId]);
          return rows.map(present);
        }
        const organisationId = query.organisationId ?? schoolOrganisationIds[0];
        if (!organisationId || !schoolOrganisationIds.includes(organisationId)) throw schoolOrganisationIds.length ? feedbackErrors.notYours() : feedbackErrors.teamReads();
        const covered = await tx.consents.coveredScopes(caseId, organisationId);
        if (covered.length === 0 || (query.scope && !covered.includes(query.scope))) throw consentErrors.noConsent();
        const rows = (await tx.feedback.ofCase(caseId, { organisationId, scope: query.scope })).filter((r) => covered.includes(r.scope as Feedback['scope']));
        await audit(tx, actor, tenancy.now, 'feedback.read', 'case', caseId, caseId, [organisationId]);
        return rows.map(present);
      });
    },

    /** The other side marks a message read ("kvittens"); the writer sees when and by whom. */
    async acknowledge(actor: Actor, id: string) {
      const tenancy = tenancyOf(actor, clock);
      return transaction(tenancy, async (tx) => {
        const message = await tx.feedback.find(id);
        if (!message) throw feedbackErrors.notFound();
        const { c, isWorker, schoolOrganisationIds } = await caseAccess(tx, actor, message.caseId).catch((err) => {
          throw err.code === 'not_found' ? feedbackErrors.notFound() : err;
        });
        const side = isWorker ? 'team' : schoolOrganisationIds.includes(message.organisationId) ? 'school' : null;
        if (!side) throw feedbackErrors.notFound();
        if (side === message.authorSide) throw feedbackErrors.ownMessage();
        if (side === 'school' && !(await tx.consents.coveredScopes(message.caseId, message.organisationId)).includes(message.scope as Feedback['scope'])) throw consentErrors.noConsent();
        await tx.feedback.acknowledge(id, tenancy.now, actor.name);
        await audit(tx, actor, tenancy.now, 'feedback.acknowledge', 'feedback', id, c.id, [c.teamId, message.organisationId]);
        const after = await tx.feedback.find(id);
        return { id, acknowledgedAt: after!.acknowledgedAt!.toISOString(), acknowledgedBy: after!.acknowledgedBy! };
      });
    },

    /** Återkoppling till anmälare: one of three answers, once, to an organisation that reported. No consent needed. */
    async giveStatutory(actor: Actor, caseId: string, body: z.infer<typeof statutoryBody>) {
      const tenancy = tenancyOf(actor, clock);
      return transaction(tenancy, async (tx) => {
        const { c, isWorker } = await caseAccess(tx, actor, caseId);
        if (!isWorker) throw feedbackErrors.onlyWorkersStatutory();
        const reporters = await tx.feedback.statutoryOfCase(caseId);
        const reporter = reporters.find((r) => r.organisationId === body.organisationId);
        if (!reporter) throw consentErrors.notOnCase();
        if (!reporter.reporter) throw feedbackErrors.notReporter();
        const row = await tx.feedback.insertStatutory({ caseId, organisationId: body.organisationId, teamId: c.teamId, status: body.status, givenBy: actor.userId, givenAt: tenancy.now });
        if (!row) throw feedbackErrors.statutoryGiven();
        await audit(tx, actor, tenancy.now, 'statutory_feedback.give', 'statutory_feedback', row.id, caseId, [c.teamId]);
        return { id: row.id, caseId, organisationId: body.organisationId, status: body.status, givenAt: row.givenAt.toISOString() };
      });
    },

    /** The case's reporters and what each has been told, for the team. */
    async statutoryOfCase(actor: Actor, caseId: string) {
      const tenancy = tenancyOf(actor, clock);
      return transaction(tenancy, async (tx) => {
        const { c, isWorker, isLead } = await caseAccess(tx, actor, caseId);
        if (!isWorker && !isLead) throw consentErrors.teamOnly();
        const rows = await tx.feedback.statutoryOfCase(caseId);
        await audit(tx, actor, tenancy.now, 'statutory_feedback.read', 'case', caseId, caseId, [c.teamId]);
        return rows.map((r) => ({ organisationId: r.organisationId, organisationName: r.organisationName, reporter: r.reporter, status: r.status, givenAt: r.givenAt?.toISOString() ?? null }));
      });
    },

    /** Reports that still wait for statutory feedback: all of the team's for its lead, else the worker's own cases. */
    async pendingStatutory(actor: Actor, teamId: string) {
      const tenancy = tenancyOf(actor, clock);
      if (!memberOfTeam(actor, teamId)) throw errors.notFound('Teamet finns inte, eller så har du inte tillgång till det.');
      return transaction(tenancy, async (tx) => {
        const rows = await tx.feedback.pendingStatutory(teamId);
        const mine = leadsTeam(actor, teamId) ? rows : await onlyOwnCases(tx, actor, rows);
        if (mine.length > 0) await tx.audit.append([listViewFacts(actor, 'statutory_feedback.pending', teamId, [teamId], tenancy.now)]);
        return mine.map((r) => {
          const since = stockholmDate(r.since);
          return { caseId: r.caseId, label: r.label, organisationId: r.organisationId, organisationName: r.organisationName, since, days: daysBetween(since, tenancy.today) };
        });
      });
    },

    /** An organisation's Återkoppling page: its cases with consented scopes now, unread messages and statutory feedback. */
    async inbox(actor: Actor, organisationId: string, onlyCaseId?: string) {
      const tenancy = tenancyOf(actor, clock);
      return transaction(tenancy, async (tx) => {
        if (!(await tx.tenancy.schoolOrganisations()).includes(organisationId)) throw feedbackErrors.inboxNotFound();
        const cases = (await tx.feedback.casesOfOrganisation(organisationId)).filter((c) => !onlyCaseId || c.caseId === onlyCaseId);
        const entries = [];
        for (const c of cases) {
          const [activeScopes, everConsented, activeUntil, unread] = await oneByOne([
            () => tx.consents.coveredScopes(c.caseId, organisationId),
            () => tx.consents.everConsented(c.caseId, organisationId),
            () => tx.consents.activeUntil(c.caseId, organisationId),
            () => tx.feedback.unread(c.caseId, organisationId, 'school'),
          ] as const);
          const statutory = c.statutoryStatus ? { status: c.statutoryStatus, givenAt: c.statutoryGivenAt!.toISOString() } : null;
          entries.push({ caseId: c.caseId, label: c.label, activeScopes, activeUntil, ended: everConsented && activeScopes.length === 0, unread, statutory });
        }
        // A case the organisation has neither a consent nor statutory feedback for is not its business here.
        const shown = entries.filter((e) => e.activeScopes.length > 0 || e.ended || e.statutory);
        // The page of one case is a read of that case; the whole inbox is one list view.
        if (onlyCaseId) await tx.audit.append(shown.map((e) => auditFacts(actor, { action: 'feedback.inbox', targetType: 'case', targetId: e.caseId, caseId: e.caseId, organisationIds: [organisationId] }, tenancy.now)));
        else if (shown.length > 0) await tx.audit.append([listViewFacts(actor, 'feedback.inbox', organisationId, [organisationId], tenancy.now)]);
        return shown;
      });
    },
  };

  /** The rows of cases the actor works on. */
  async function onlyOwnCases<T extends { caseId: string }>(tx: FeedbackTx, actor: Actor, rows: T[]) {
    const own = new Set<string>();
    for (const caseId of new Set(rows.map((r) => r.caseId))) {
      if ((await tx.cases.workersOf(caseId)).some((w) => w.userId === actor.userId)) own.add(caseId);
    }
    return rows.filter((r) => own.has(r.caseId));
  }
}

export type FeedbackService = ReturnType<typeof createFeedbackService>;
