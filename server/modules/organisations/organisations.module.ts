import { defineModule } from '../registry.ts';
import { createOrganisationsRepository } from './organisations.repository.ts';
import { organisationsRoutes } from './organisations.routes.ts';
import { createOrganisationsService, type OrganisationsService } from './organisations.service.ts';

declare module '../registry.ts' {
  interface Services {
    organisations: OrganisationsService;
  }
}

export default defineModule({
  name: 'organisations',
  services: ({ db }) => ({ organisations: createOrganisationsService({ repo: createOrganisationsRepository(db) }) }),
  routes: organisationsRoutes,
});
