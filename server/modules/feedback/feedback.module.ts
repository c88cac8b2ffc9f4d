import { defineModule } from '../registry.ts';
import { createConsentsRepository } from '../consents/consents.repository.ts';
import { statutoryDueJob } from './feedback.jobs.ts';
import { feedbackTransaction } from './feedback.repository.ts';
import { feedbackRoutes } from './feedback.routes.ts';
import { createFeedbackService, type FeedbackService } from './feedback.service.ts';

declare module '../registry.ts' {
  interface Services {
    feedback: FeedbackService;
  }
}

export default defineModule({
  name: 'feedback',
  services: ({ db, clock }, { mail }) => {
    const transaction = feedbackTransaction(db);
    mail.worker.addJob(statutoryDueJob({ teams: createConsentsRepository(db), transaction, mailBaseUrl: mail.baseUrl }));
    return { feedback: createFeedbackService({ transaction, clock, mailBaseUrl: mail.baseUrl }) };
  },
  routes: feedbackRoutes,
});
