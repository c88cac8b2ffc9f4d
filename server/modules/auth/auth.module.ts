import { randomBytes } from 'node:crypto';
import { passwordHasher } from '../../lib/passwords.ts';
import { defineModule } from '../registry.ts';
import { createAuthRepository } from './auth.repository.ts';
import { authRoutes } from './auth.routes.ts';
import { createAuthService, type AuthService } from './auth.service.ts';

declare module '../registry.ts' {
  interface Services {
    auth: AuthService;
  }
}

export default defineModule({
  name: 'auth',
  services: async ({ config, db, clock }, { secondFactor }) => ({
    auth: createAuthService({
      repo: createAuthRepository(db),
      secondFactor,
      clock,
      hasher: passwordHasher,
      // Unknown accounts are checked against this, so they take as long as known ones.
      dummyHash: await passwordHasher.hash(randomBytes(24).toString('base64')),
      settings: {
        idleMinutes: config.sessionIdleMinutes,
        absoluteHours: config.sessionAbsoluteHours,
        maxFailuresPerAccount: config.loginMaxFailuresPerAccount,
        maxFailuresPerAddress: config.loginMaxFailuresPerAddress,
        maxSignInsPerAddress: config.loginMaxSignInsPerAddress,
      },
    }),
  }),
  routes: authRoutes,
});
