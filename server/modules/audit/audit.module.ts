import { defineModule } from '../registry.ts';
import { createAuditTrail, type AuditTrail } from './audit.service.ts';

declare module '../registry.ts' {
  interface Services {
    auditTrail: AuditTrail;
  }
}

/** The writer that appends the rows of audited reads in group commits (see audit.service.ts). */
export default defineModule({
  name: 'audit',
  services: ({ writerDb }) => ({ auditTrail: createAuditTrail(writerDb) }),
});
