import { createMailRepository } from '../mail/mail.repository.ts';
import { defineModule } from '../registry.ts';
import { createAgendaRepository } from './agenda.repository.ts';
import { agendaRoutes } from './agenda.routes.ts';
import { createAgendaService, type AgendaService } from './agenda.service.ts';

declare module '../registry.ts' {
  interface Services {
    agenda: AgendaService;
  }
}

export default defineModule({
  name: 'agenda',
  services: ({ db, clock, config }) => ({
    agenda: createAgendaService({ repo: createAgendaRepository(db), clock, baseUrl: config.publicUrl, checkInMonths: config.checkInMonths, enqueue: createMailRepository(db).enqueue }),
  }),
  routes: agendaRoutes,
});
