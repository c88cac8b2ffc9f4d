import { defineModule } from '../registry.ts';
import { createCasesRepository, casesTransaction } from './cases.repository.ts';
import { casesRoutes } from './cases.routes.ts';
import { createCasesService, type CasesService } from './cases.service.ts';

declare module '../registry.ts' {
  interface Services {
    cases: CasesService;
  }
}

export default defineModule({
  name: 'cases',
  services: ({ db, clock }, { organisations, auditTrail }) => ({ cases: createCasesService({ repo: createCasesRepository(db), transaction: casesTransaction(db), organisations, clock, auditTrail }) }),
  routes: casesRoutes,
});
