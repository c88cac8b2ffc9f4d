import { defineModule } from '../registry.ts';
import { healthRoutes } from './health.routes.ts';

declare module '../registry.ts' {
  interface Services {
    health: { ping: () => Promise<void> };
  }
}

export default defineModule({ name: 'health', services: ({ ping }) => ({ health: { ping } }), routes: healthRoutes });
