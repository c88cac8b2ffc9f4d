import { addDays, stockholmDate } from '../../contracts/time.ts';
import { consentEndingMails } from '../mail/mail.templates.ts';
import type { ConsentsRepository, consentsTransaction } from './consents.repository.ts';

/** How long before a consent ends its case's workers hear of it. */
export const CONSENT_WARNING_DAYS = 14;

type Deps = { repo: Pick<ConsentsRepository, 'allTeams'>; transaction: ReturnType<typeof consentsTransaction>; mailBaseUrl: string };

/**
 * The mail worker's check for consents that end within two weeks. It acts for every team, under
 * row-level security like any use case; each consent and worker gets one mail per end date.
 */
export function consentEndingJob({ repo, transaction, mailBaseUrl }: Deps) {
  return {
    name: 'consents-ending',
    async run(now: Date) {
      const today = stockholmDate(now);
      const teamIds = await repo.allTeams();
      await transaction({ teamIds, schoolOrganisationIds: [], now, today }, async (tx) => {
        const rows = await tx.consents.endingBetween(today, addDays(today, CONSENT_WARNING_DAYS));
        const byConsent = Map.groupBy(rows, (r) => r.consentId);
        const messages = [...byConsent.values()].flatMap((workers) =>
          consentEndingMails({ consentId: workers[0]!.consentId, caseId: workers[0]!.caseId, validUntil: workers[0]!.validUntil }, workers, mailBaseUrl),
        );
        await tx.mail.enqueue(messages, now);
      });
    },
  };
}
