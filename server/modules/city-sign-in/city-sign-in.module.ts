import { defineModule } from '../registry.ts';
import { createCitySignInRepository } from './city-sign-in.repository.ts';
import { citySignInRoutes } from './city-sign-in.routes.ts';
import { createCitySignInService, type CitySignInService } from './city-sign-in.service.ts';

declare module '../registry.ts' {
  interface Services {
    citySignIn: CitySignInService;
  }
}

export default defineModule({
  name: 'city-sign-in',
  services: ({ config, db, clock }) => ({
    citySignIn: createCitySignInService({ settings: config.oidc, publicUrl: config.publicUrl, clock, repo: createCitySignInRepository(db) }),
  }),
  routes: citySignInRoutes,
});
