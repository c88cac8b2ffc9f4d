import { defineModule } from '../registry.ts';
import { createContactsRepository } from './contacts.repository.ts';
import { contactsRoutes } from './contacts.routes.ts';
import { createContactsService, type ContactsService } from './contacts.service.ts';

declare module '../registry.ts' {
  interface Services {
    contacts: ContactsService;
  }
}

export default defineModule({
  name: 'contacts',
  services: ({ db, clock }, { organisations }) => ({ contacts: createContactsService({ repo: createContactsRepository(db), organisations, clock }) }),
  routes: contactsRoutes,
});
