import { passwordHasher } from '../../lib/passwords.ts';
import { defineModule } from '../registry.ts';
import { createPeopleImport } from './people.import.ts';
import { createPeopleRepository, peopleTransaction } from './people.repository.ts';
import { peopleRoutes } from './people.routes.ts';
import { createPeopleService } from './people.service.ts';

declare module '../registry.ts' {
  interface Services {
    people: ReturnType<typeof createPeopleService> & { importStaff: ReturnType<typeof createPeopleImport> };
  }
}

export default defineModule({
  name: 'people',
  services: ({ db, clock }, { accounts }) => ({
    people: {
      ...createPeopleService({ repo: createPeopleRepository(db), transaction: peopleTransaction(db), accounts, clock, hasher: passwordHasher }),
      importStaff: createPeopleImport({ transaction: peopleTransaction(db), accounts, clock, hasher: passwordHasher }),
    },
  }),
  routes: peopleRoutes,
});
