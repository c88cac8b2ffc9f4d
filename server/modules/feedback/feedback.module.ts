import { defineModule } from '../registry.ts';
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
  services: ({ db, clock }, { mail }) => ({ feedback: createFeedbackService({ transaction: feedbackTransaction(db), clock, mailBaseUrl: mail.baseUrl }) }),
  routes: feedbackRoutes,
});
