import { secretBox } from '../../lib/secret-box.ts';
import { defineModule } from '../registry.ts';
import { createSecondFactorRepository } from './second-factor.repository.ts';
import { secondFactorRoutes } from './second-factor.routes.ts';
import { createSecondFactorService, type SecondFactorService } from './second-factor.service.ts';

declare module '../registry.ts' {
  interface Services {
    secondFactor: SecondFactorService;
  }
}

export default defineModule({
  name: 'second-factor',
  services: ({ config, db, clock }) => ({
    secondFactor: createSecondFactorService({
      repo: createSecondFactorRepository(db),
      clock,
      box: secretBox(config.sessionSecret, 'totp-secret'),
      requiredRoles: config.mfaRequiredRoles,
    }),
  }),
  routes: secondFactorRoutes,
});
