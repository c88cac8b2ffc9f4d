import { defineModule } from '../registry.ts';
import { createOrganisationsImport } from './districts.import.ts';
import { createDistrictsRepository, districtsTransaction } from './districts.repository.ts';
import { districtsRoutes } from './districts.routes.ts';
import { createDistrictsService, type DistrictsService } from './districts.service.ts';

declare module '../registry.ts' {
  interface Services {
    districts: DistrictsService & { importOrganisations: ReturnType<typeof createOrganisationsImport> };
  }
}

export default defineModule({
  name: 'districts',
  services: ({ db, clock }) => ({
    districts: {
      ...createDistrictsService({ repo: createDistrictsRepository(db), transaction: districtsTransaction(db), clock }),
      importOrganisations: createOrganisationsImport({ transaction: districtsTransaction(db), clock }),
    },
  }),
  routes: districtsRoutes,
});
