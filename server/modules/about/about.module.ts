import { defineModule } from '../registry.ts';
import { aboutRoutes } from './about.routes.ts';

declare module '../registry.ts' {
  interface Services {
    about: { contact: string };
  }
}

export default defineModule({ name: 'about', services: ({ config }) => ({ about: { contact: config.accessibilityContact } }), routes: aboutRoutes });
