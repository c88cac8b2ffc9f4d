import { passwordHasher } from '../../lib/passwords.ts';
import { defineModule } from '../registry.ts';
import { accountsTransaction } from './accounts.repository.ts';
import { accountsRoutes } from './accounts.routes.ts';
import { createAccountsService, type AccountsService } from './accounts.service.ts';

declare module '../registry.ts' {
  interface Services {
    accounts: AccountsService;
  }
}

export default defineModule({
  name: 'accounts',
  services: ({ db, clock }, { mail }) => ({ accounts: createAccountsService({ transaction: accountsTransaction(db), clock, hasher: passwordHasher, baseUrl: mail.baseUrl }) }),
  routes: accountsRoutes,
});
