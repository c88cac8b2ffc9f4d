import { stockholmDate } from '../../contracts/time.ts';
import type { ConsentsRepository } from '../consents/consents.repository.ts';
import { statutoryDueMails } from '../mail/mail.templates.ts';
import type { feedbackTransaction } from './feedback.repository.ts';

/** Ten days after the report, four before the förhandsbedömning's 14 are up. */
export const STATUTORY_WARNING_DAYS = 10;

type Deps = { teams: Pick<ConsentsRepository, 'allTeams'>; transaction: ReturnType<typeof feedbackTransaction>; mailBaseUrl: string };

/** The mail worker's check for statutory feedback still owed: acts for every team, under row-level security. */
export function statutoryDueJob({ teams, transaction, mailBaseUrl }: Deps) {
  return {
    name: 'statutory-feedback-due',
    async run(now: Date) {
      const teamIds = await teams.allTeams();
      await transaction({ teamIds, schoolOrganisationIds: [], now, today: stockholmDate(now) }, async (tx) => {
        const waiting = await tx.feedback.statutoryWaitingSince(new Date(now.getTime() - STATUTORY_WARNING_DAYS * 86_400_000));
        for (const w of waiting) {
          await tx.mail.enqueue(statutoryDueMails(w, await tx.cases.workersOf(w.caseId), mailBaseUrl), now);
        }
      });
    },
  };
}
