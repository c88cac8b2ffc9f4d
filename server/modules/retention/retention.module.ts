import { defineModule } from '../registry.ts';
import { createRetentionRepository } from './retention.repository.ts';
import { createRetentionService, type RetentionService } from './retention.service.ts';

declare module '../registry.ts' {
  interface Services {
    retention: RetentionService;
  }
}

export default defineModule({
  name: 'retention',
  services: ({ db, clock, config }) => ({
    retention: createRetentionService({
      clock,
      months: config.retentionMonths,
      repo: createRetentionRepository(db),
      transaction: (work) => db.transaction((tx) => work(createRetentionRepository(tx))),
    }),
  }),
});
