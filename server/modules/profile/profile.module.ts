import { defineModule } from '../registry.ts';
import { createProfileRepository, profileTransaction } from './profile.repository.ts';
import { profileRoutes } from './profile.routes.ts';
import { createProfileService, type ProfileService } from './profile.service.ts';

declare module '../registry.ts' {
  interface Services {
    profile: ProfileService;
  }
}

export default defineModule({
  name: 'profile',
  services: ({ db, clock }) => ({ profile: createProfileService({ repo: createProfileRepository(db), transaction: profileTransaction(db), clock }) }),
  routes: profileRoutes,
});
