import { defineModule } from '../registry.ts';
import { createTermsRepository, termsTransaction } from './terms.repository.ts';
import { termsRoutes } from './terms.routes.ts';
import { createTermsService, type TermsService } from './terms.service.ts';

declare module '../registry.ts' {
  interface Services {
    terms: TermsService;
  }
}

export default defineModule({
  name: 'terms',
  services: ({ db, clock }, { organisations }) => ({ terms: createTermsService({ repo: createTermsRepository(db), transaction: termsTransaction(db), organisations, clock }) }),
  routes: termsRoutes,
});
