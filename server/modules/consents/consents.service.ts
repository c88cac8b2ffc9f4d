import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Consent, consentBody } from '../../contracts/consents.ts';
import type { Actor } from '../../lib/access.ts';
import type { Clock } from '../../lib/clock.ts';
import { replayOf, requestOf } from '../idempotency/idempotency.models.ts';
import { auditFacts } from '../audit/audit.models.ts';
import { tenancyOf } from '../../lib/tenancy.ts';
import { caseAccess } from '../cases/cases.access.ts';
import { consentErrors } from './consents.errors.ts';
import { consentStatus } from './consents.models.ts';
import type { ConsentTx, consentsTransaction } from './consents.repository.ts';
import { oneByOne } from '../../lib/one-by-one.ts';

type Deps = { transaction: ReturnType<typeof consentsTransaction>; clock: Clock };
type Row = Awaited<ReturnType<ConsentTx['consents']['ofCase']>>[number];

export function createConsentsService({ transaction, clock }: Deps) {
  const audit = (tx: ConsentTx, actor: Actor, at: Date, e: { action: string; targetType: 'consent' | 'case'; targetId: string; caseId: string; organisationIds: string[] }) =>
    tx.audit.append([auditFacts(actor, e, at)]);

  const present = (r: Row, now: Date, today: string): Consent => ({
    ...r,
    scopes: r.scopes as Consent['scopes'],
    recordedAt: r.recordedAt.toISOString(),
    withdrawnAt: r.withdrawnAt?.toISOString() ?? null,
    ...consentStatus(r, now, today),
  });

  /** A consent and its case, for the case's workers; the team lead may read it, others get 404. */
  async function visibleConsent(tx: ConsentTx, actor: Actor, id: string) {
    const consent = await tx.consents.find(id);
    if (!consent) throw consentErrors.consentNotFound();
    const access = await caseAccess(tx, actor, consent.caseId).catch((err) => {
      throw err.code === 'not_found' ? consentErrors.consentNotFound() : err;
    });
    if (!access.isWorker && !access.isLead) throw consentErrors.consentNotFound();
    return { consent, ...access };
  }

  return {
    /** A case worker records the family's consent for one organisation on the case. */
    /** Records a consent; with an idempotency key, the same request sent again gets the first consent back. */
    async record(actor: Actor, caseId: string, body: z.infer<typeof consentBody>, key?: string) {
      const tenancy = tenancyOf(actor, clock);
      return transaction(tenancy, async (tx) => {
        const { c, organisations, isWorker } = await caseAccess(tx, actor, caseId);
        if (!isWorker) throw consentErrors.onlyWorkers();
        if (!organisations.some((o) => o.id === body.organisationId)) throw consentErrors.notOnCase();
        const newId = randomUUID();
        if (key) {
          const replay = replayOf(await tx.keys.claim(actor.userId, key, requestOf('consent', { caseId, ...body }), newId, tenancy.now));
          if (replay) {
            const first = (await tx.consents.find(replay))!;
            return { id: first.id, status: consentStatus(first, tenancy.now, tenancy.today).status };
          }
        }
        if (body.validUntil < tenancy.today) throw consentErrors.alreadyOver();
        const id = await tx.consents.insert({ ...body, id: newId, caseId, teamId: c.teamId, recordedBy: actor.userId, recordedAt: tenancy.now });
        await audit(tx, actor, tenancy.now, { action: 'consent.create', targetType: 'consent', targetId: id, caseId, organisationIds: [c.teamId] });
        return { id, status: consentStatus({ ...body, withdrawnAt: null }, tenancy.now, tenancy.today).status };
      });
    },

    /** The case's consents with their status now, for the team. */
    async list(actor: Actor, caseId: string): Promise<Consent[]> {
      const tenancy = tenancyOf(actor, clock);
      return transaction(tenancy, async (tx) => {
        const { c, isWorker, isLead } = await caseAccess(tx, actor, caseId);
        if (!isWorker && !isLead) throw consentErrors.teamOnly();
        const rows = await tx.consents.ofCase(caseId);
        await audit(tx, actor, tenancy.now, { action: 'consent.list', targetType: 'case', targetId: caseId, caseId, organisationIds: [c.teamId] });
        // Those that hold now first, then those to come, then those that ended; newest first within each.
        const rank = { active: 0, not_yet_valid: 1, expired: 2, withdrawn: 2 } as const;
        return rows.map((r) => present(r, tenancy.now, tenancy.today)).sort((a, b) => rank[a.status] - rank[b.status]);
      });
    },

    /** Withdrawal takes effect at this instant: from now on nothing more flows. */
    async withdraw(actor: Actor, id: string, reason: string) {
      const tenancy = tenancyOf(actor, clock);
      return transaction(tenancy, async (tx) => {
        const { consent, c, isWorker } = await visibleConsent(tx, actor, id);
        if (!isWorker) throw consentErrors.onlyWorkers();
        if (consent.withdrawnAt) throw consentErrors.alreadyWithdrawn();
        if (consent.validUntil < tenancy.today) throw consentErrors.alreadyEnded();
        if (!(await tx.consents.withdraw(id, actor.userId, tenancy.now, reason))) throw consentErrors.alreadyWithdrawn();
        await audit(tx, actor, tenancy.now, { action: 'consent.withdraw', targetType: 'consent', targetId: id, caseId: c.id, organisationIds: [c.teamId] });
        return { status: 'withdrawn' as const };
      });
    },

    /** What the printed receipt for the family says: who shares what with whom, until when, how to withdraw. */
    async receipt(actor: Actor, id: string) {
      const tenancy = tenancyOf(actor, clock);
      return transaction(tenancy, async (tx) => {
        const { consent, c, workers } = await visibleConsent(tx, actor, id);
        const [team, organisationName] = await oneByOne([() => tx.consents.teamContact(c.teamId), () => tx.consents.organisationName(consent.organisationId)] as const);
        const responsible = workers.find((w) => w.responsible);
        const contact = responsible ? await tx.consents.userContact(responsible.userId) : undefined;
        await audit(tx, actor, tenancy.now, { action: 'consent.receipt', targetType: 'consent', targetId: id, caseId: c.id, organisationIds: [c.teamId] });
        return {
          id: consent.id,
          teamName: team?.teamName ?? '',
          teamPhone: team?.dutyPhone ?? null,
          organisationName: organisationName ?? '',
          scopes: consent.scopes as Consent['scopes'],
          parties: consent.parties,
          form: consent.form,
          validFrom: consent.validFrom,
          validUntil: consent.validUntil,
          contactName: contact?.name ?? null,
          contactPhone: contact?.phone ?? null,
          withdrawnAt: consent.withdrawnAt?.toISOString() ?? null,
          ...consentStatus(consent, tenancy.now, tenancy.today),
        };
      });
    },
  };
}

export type ConsentsService = ReturnType<typeof createConsentsService>;
