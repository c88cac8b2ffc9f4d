import { defineModule } from '../registry.ts';
import { consentEndingJob } from './consents.jobs.ts';
import { consentsTransaction, createConsentsRepository } from './consents.repository.ts';
import { consentsRoutes } from './consents.routes.ts';
import { createConsentsService, type ConsentsService } from './consents.service.ts';

declare module '../registry.ts' {
  interface Services {
    consents: ConsentsService;
  }
}

export default defineModule({
  name: 'consents',
  services: ({ db, clock }, { mail }) => {
    const transaction = consentsTransaction(db);
    mail.worker.addJob(consentEndingJob({ repo: createConsentsRepository(db), transaction, mailBaseUrl: mail.baseUrl }));
    return { consents: createConsentsService({ transaction, clock }) };
  },
  routes: consentsRoutes,
});
