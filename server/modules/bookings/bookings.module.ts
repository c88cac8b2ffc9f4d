import { defineModule } from '../registry.ts';
import { createBookingsRepository, bookingsTransaction } from './bookings.repository.ts';
import { bookingsRoutes } from './bookings.routes.ts';
import { createBookingsService, type BookingsService } from './bookings.service.ts';

declare module '../registry.ts' {
  interface Services {
    bookings: BookingsService;
  }
}

export default defineModule({
  name: 'bookings',
  services: ({ db, clock }, { organisations, slots, slotReads, mail }) => {
    const bookings = createBookingsService({ repo: createBookingsRepository(db), slots: slotReads, transaction: bookingsTransaction(db), organisations, slotList: slots, clock, mailBaseUrl: mail.baseUrl });
    bookings.mailJobs.forEach(mail.worker.addJob);
    return { bookings };
  },
  routes: bookingsRoutes,
});
