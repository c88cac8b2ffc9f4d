import { defineModule } from '../registry.ts';
import { createRosterRepository, rosterTransaction } from './roster.repository.ts';
import { rosterRoutes } from './roster.routes.ts';
import { createRosterService, type RosterService } from './roster.service.ts';

declare module '../registry.ts' {
  interface Services {
    roster: RosterService;
  }
}

export default defineModule({
  name: 'roster',
  services: ({ db, clock }) => ({ roster: createRosterService({ repo: createRosterRepository(db), transaction: rosterTransaction(db), clock }) }),
  routes: rosterRoutes,
});
