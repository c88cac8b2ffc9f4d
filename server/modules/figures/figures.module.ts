import { defineModule } from '../registry.ts';
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
  services: ({ db }) => ({ figures: createFiguresService({ repo: createFiguresRepository(db) }) }),
  routes: figuresRoutes,
});
