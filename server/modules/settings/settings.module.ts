import { defineModule } from '../registry.ts';
import { createSettingsRepository } from './settings.repository.ts';
import { settingsRoutes } from './settings.routes.ts';
import { createSettingsService, type SettingsService } from './settings.service.ts';

declare module '../registry.ts' {
  interface Services {
    settings: SettingsService;
  }
}

export default defineModule({
  name: 'settings',
  services: ({ db }) => ({ settings: createSettingsService({ repo: createSettingsRepository(db) }) }),
  routes: settingsRoutes,
});
