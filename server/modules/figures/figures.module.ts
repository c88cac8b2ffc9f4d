import { defineModule } from '../registry.ts';
import { figuresConsentedTransaction } from './figures.consented.repository.ts';
import { createFiguresRepository } from './figures.repository.ts';
import { figuresRoutes } from './figures.routes.ts';
import { createFiguresService, type FiguresService } from './figures.service.ts';

declare module '../registry.ts' {
  interface Services {
    figures: FiguresService;
  }
}

export default defineModule({
  name: 'figures',
  services: ({ db, clock }) => ({
    figures: createFiguresService({ repo: createFiguresRepository(db), consented: figuresConsentedTransaction(db), clock }),
  }),
  routes: figuresRoutes,
});
