import { defineModule } from '../registry.ts';
import { createSlotsRepository, slotsTransaction, type SlotsRepository } from './slots.repository.ts';
import { slotsRoutes } from './slots.routes.ts';
import { createSlotsService, type SlotsService } from './slots.service.ts';

declare module '../registry.ts' {
  interface Services {
    slots: SlotsService;
    /** What bookings read of slots without going through the slot rules. */
    slotReads: Pick<SlotsRepository, 'find' | 'nextFree' | 'hostsOf'>;
  }
}

export default defineModule({
  name: 'slots',
  services: ({ db, clock }, { organisations, mail }) => {
    const repo = createSlotsRepository(db);
    return { slots: createSlotsService({ repo, transaction: slotsTransaction(db), organisations, clock, mailBaseUrl: mail.baseUrl }), slotReads: repo };
  },
  routes: slotsRoutes,
});
