import { defineModule } from '../registry.ts';
import { consentsTransaction } from './consents.repository.ts';
import { consentsRoutes } from './consents.routes.ts';
import { createConsentsService, type ConsentsService } from './consents.service.ts';

declare module '../registry.ts' {
  interface Services {
    consents: ConsentsService;
  }
}

export default defineModule({
  name: 'consents',
  services: ({ db, clock }) => ({ consents: createConsentsService({ transaction: consentsTransaction(db), clock }) }),
  routes: consentsRoutes,
});
