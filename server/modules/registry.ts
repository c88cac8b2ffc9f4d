import type { FastifyBaseLogger } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.ts';
import type { Config } from '../config.ts';
import type { Clock } from '../lib/clock.ts';

/** What every module builds from: the configuration, the database (and the audit writer's own connection), its ping, the clock and the app's log. */
export type ModuleDeps = { config: Config; db: Db; writerDb: Db; ping: () => Promise<void>; clock: Clock; log: () => FastifyBaseLogger };

/**
 * The services the modules provide, one name each. Every `<feature>.module.ts` adds its own
 * (declaration merging), so a routes plugin or another module names what it uses, typed.
 */
export interface Services {}

/**
 * One feature folder's entry in the app: the services it builds (from the deps and the services
 * of modules listed before it in `modules/index.ts`) and its routes (given every service; each
 * routes plugin takes what it uses). Adding a module is a folder and one line in that list.
 */
export type AppModule = {
  /** The folder's name. */
  name: string;
  services?: (deps: ModuleDeps, services: Services) => Partial<Services> | Promise<Partial<Services>>;
  routes?: FastifyPluginAsyncZod<Services>;
};

export const defineModule = <M extends AppModule>(module: M): M => module;

/**
 * Builds every module's services in list order. A module that asks for a service no module
 * above it provides fails the start at once, naming both, instead of getting undefined.
 */
export async function buildServices(modules: readonly AppModule[], deps: ModuleDeps): Promise<Services> {
  const built: Record<string, unknown> = {};
  for (const module of modules) {
    const earlier = new Proxy(built, {
      get(target, key) {
        if (typeof key === 'string' && !(key in target)) throw new Error(`the module "${module.name}" uses the service "${key}", which no module listed before it provides`);
        return target[key as string];
      },
    });
    const made = (await module.services?.(deps, earlier as unknown as Services)) ?? {};
    for (const [key, service] of Object.entries(made)) {
      if (key in built) throw new Error(`the module "${module.name}" provides "${key}" again`);
      built[key] = service;
    }
  }
  return built as unknown as Services;
}
