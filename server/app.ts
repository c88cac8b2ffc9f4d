import Fastify, { LogController, type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { DbHandle } from '../db/client.ts';
import type { Config } from './config.ts';
import { systemClock, type Clock } from './lib/clock.ts';
import { errors } from './lib/errors.ts';
import { modules } from './modules/index.ts';
import { buildServices, type Services } from './modules/registry.ts';
import { clientInfo, newBridgeSecret } from './plugins/client.ts';
import errorsPlugin, { frameworkErrors, sendProblem } from './plugins/errors.ts';
import pressurePlugin from './plugins/pressure.ts';
import securityPlugin from './plugins/security.ts';
import sessionPlugin from './plugins/session.ts';
import rateLimit from '@fastify/rate-limit';
import { AppError } from './lib/errors.ts';
import swaggerPlugin from './plugins/swagger.ts';
import { mountWeb } from './web.ts';

export type AppDeps = {
  config: Config;
  database: DbHandle;
  clock?: Clock;
  logger?: FastifyServerOptions['logger'];
  /** Mount the built SvelteKit app on every non-API path (the production shape). */
  web?: boolean | { buildDir: string };
};

declare module 'fastify' {
  interface FastifyInstance {
    /** Forgets expired sessions, old failed sign-ins and old sent mail; run at start and daily. */
    housekeeping: () => Promise<void>;
    /** The outbox and its worker (tests send with `app.mail.worker.drain()`). */
    mail: Services['mail'];
  }
}

// Requests are small JSON documents; anything bigger is a mistake or an attack.
const BODY_LIMIT = 64 * 1024;

export async function buildApp({ config, database, clock = systemClock, logger = false, web = false }: AppDeps) {
  const app = Fastify({
    logger,
    // One line per request, written when it is answered (see below), instead of two.
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: config.trustProxy,
    bodyLimit: BODY_LIMIT,
    routerOptions: { maxParamLength: 200 },
    frameworkErrors,
  }).withTypeProvider<ZodTypeProvider>();
  // Method, path, status and time only: no query, address, header or body, so nothing about a
  // family or a person reaches the log. Paths carry ids, never names.
  app.addHook('onResponse', (request, reply, done) => {
    const path = request.url.split('?', 1)[0];
    request.log.info({ method: request.method, path, statusCode: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'svar');
    done();
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const services = await buildServices(modules, { config, db: database.db, writerDb: database.writer, ping: database.ping, clock, log: () => app.log });
  // Mail is sent by every copy that may (rows are claimed, never sent twice at once). Without an
  // SMTP server outside demo mode nothing is sent: the mails wait in the outbox (main.ts warns).
  if (config.mailWorker && (config.smtpUrl || config.demoData)) app.addHook('onReady', async () => services.mail.worker.start(config.mailPollSeconds * 1000));
  app.addHook('onClose', () => services.mail.worker.close());

  const bridgeSecret = newBridgeSecret();
  await app.register(errorsPlugin);
  await app.register(clientInfo, { secret: bridgeSecret });
  await app.register(securityPlugin);
  // Before the session: a shed request costs no session read and no query (it keeps its security headers).
  await app.register(pressurePlugin, config.overload);
  await app.register(swaggerPlugin, { serve: config.apiDocs });
  await app.register(sessionPlugin, { secret: config.sessionSecret, auth: services.auth, lifetimeSeconds: config.sessionAbsoluteHours * 3600 });
  // After the session hook: a signed-in caller is counted per session, anyone else per address.
  // Per copy of the app (memory store): a ceiling against floods, far above what a person does.
  await app.register(rateLimit, {
    global: true,
    max: config.apiRequestsPerMinute,
    timeWindow: 60_000,
    allowList: (request) => !request.url.startsWith('/api/') || request.url === '/api/health',
    keyGenerator: (request) => (request.actor ? `session ${request.actor.sessionId}` : `address ${request.ip}`),
    errorResponseBuilder: (_request, context) =>
      new AppError('rate_limited', `För många anrop på kort tid. Vänta ${Math.max(1, Math.ceil(context.ttl / 1000))} sekunder och försök igen.`, { status: 429 }),
  });

  for (const module of modules) if (module.routes) await app.register(module.routes, services);

  // Unknown API paths answer JSON, also when the web app catches every other path.
  const apiNotFound = () => errors.notFound('Det finns ingen sådan adress i API:et.');
  app.all('/api/*', { schema: { hide: true }, config: { access: 'public' } }, async (_request, reply) => sendProblem(reply, apiNotFound()));
  app.setNotFoundHandler((_request, reply) => sendProblem(reply, apiNotFound()));

  if (web) await mountWeb(app, bridgeSecret, clock, typeof web === 'object' ? web.buildDir : undefined);

  app.decorate('housekeeping', async () => {
    await services.auth.prune();
    await services.mail.prune();
    await services.agenda.remindCheckIns();
    await services.retention.purgeDue();
    await services.bookings.forgetOldKeys();
  });
  app.decorate('mail', services.mail);
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
