import { defineModule } from '../registry.ts';
import { createDistrictsRepository, districtsTransaction } from './districts.repository.ts';
import { districtsRoutes } from './districts.routes.ts';
import { createDistrictsService, type DistrictsService } from './districts.service.ts';

declare module '../registry.ts' {
  interface Services {
    districts: DistrictsService;
  }
}

export default defineModule({
  name: 'districts',
  services: ({ db, clock }) => ({ districts: createDistrictsService({ repo: createDistrictsRepository(db), transaction: districtsTransaction(db), clock }) }),
  routes: districtsRoutes,
});
