import { defineModule } from '../registry.ts';
import { createMailRepository } from './mail.repository.ts';
import { mailRoutes } from './mail.routes.ts';
import { createMailService, type MailService } from './mail.service.ts';
import { devTransport, smtpTransport } from './mail.transport.ts';
import { createMailWorker } from './mail.worker.ts';

declare module '../registry.ts' {
  interface Services {
    mail: MailService;
  }
}

export default defineModule({
  name: 'mail',
  services: ({ config, db, clock, log }) => {
    const repo = createMailRepository(db);
    const transport = config.smtpUrl ? smtpTransport(config.smtpUrl, config.mailFrom) : devTransport;
    const worker = createMailWorker({ repo, transport, clock, log });
    const status = config.smtpUrl ? 'smtp' : config.demoData ? 'dev' : 'none';
    return { mail: createMailService({ repo, worker, clock, demoMode: config.demoData, baseUrl: config.publicUrl, transport: status }) };
  },
  routes: mailRoutes,
});
