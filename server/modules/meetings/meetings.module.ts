import { defineModule } from '../registry.ts';
import { createMeetingsRepository, meetingsTransaction } from './meetings.repository.ts';
import { meetingsRoutes } from './meetings.routes.ts';
import { createMeetingsService, type MeetingsService } from './meetings.service.ts';

declare module '../registry.ts' {
  interface Services {
    meetings: MeetingsService;
  }
}

export default defineModule({
  name: 'meetings',
  services: ({ db, clock }, { organisations, mail, auditTrail }) => {
    const meetings = createMeetingsService({ repo: createMeetingsRepository(db), transaction: meetingsTransaction(db), organisations, clock, auditTrail, mailBaseUrl: mail.baseUrl });
    meetings.mailJobs.forEach(mail.worker.addJob);
    return { meetings };
  },
  routes: meetingsRoutes,
});
