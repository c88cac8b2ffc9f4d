import { randomBytes } from 'node:crypto';
import Fastify, { LogController, type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { DbHandle } from '../db/client.ts';
import type { Config } from './config.ts';
import { systemClock, type Clock } from './lib/clock.ts';
import { errors } from './lib/errors.ts';
import { passwordHasher } from './lib/passwords.ts';
import { createAuthRepository } from './modules/auth/auth.repository.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { createAuthService } from './modules/auth/auth.service.ts';
import { healthRoutes } from './modules/health/health.routes.ts';
import { createContactsRepository } from './modules/contacts/contacts.repository.ts';
import { contactsRoutes } from './modules/contacts/contacts.routes.ts';
import { createContactsService } from './modules/contacts/contacts.service.ts';
import { createAssignmentsRepository } from './modules/assignments/assignments.repository.ts';
import { assignmentsRoutes } from './modules/assignments/assignments.routes.ts';
import { createAssignmentsService } from './modules/assignments/assignments.service.ts';
import { createSettingsRepository } from './modules/settings/settings.repository.ts';
import { settingsRoutes } from './modules/settings/settings.routes.ts';
import { createSettingsService } from './modules/settings/settings.service.ts';
import { createProfileRepository, profileTransaction } from './modules/profile/profile.repository.ts';
import { profileRoutes } from './modules/profile/profile.routes.ts';
import { createProfileService } from './modules/profile/profile.service.ts';
import { createRosterRepository, rosterTransaction } from './modules/roster/roster.repository.ts';
import { rosterRoutes } from './modules/roster/roster.routes.ts';
import { createRosterService } from './modules/roster/roster.service.ts';
import { anonymityRoutes } from './modules/anonymity/anonymity.routes.ts';
import { bookingsRoutes } from './modules/bookings/bookings.routes.ts';
import { createBookingsRepository, bookingsTransaction } from './modules/bookings/bookings.repository.ts';
import { createBookingsService } from './modules/bookings/bookings.service.ts';
import { createSlotsRepository, slotsTransaction } from './modules/slots/slots.repository.ts';
import { slotsRoutes } from './modules/slots/slots.routes.ts';
import { createSlotsService } from './modules/slots/slots.service.ts';
import { createCasesRepository, casesTransaction } from './modules/cases/cases.repository.ts';
import { casesRoutes } from './modules/cases/cases.routes.ts';
import { createCasesService } from './modules/cases/cases.service.ts';
import { consentsTransaction } from './modules/consents/consents.repository.ts';
import { consentsRoutes } from './modules/consents/consents.routes.ts';
import { createConsentsService } from './modules/consents/consents.service.ts';
import { feedbackRoutes } from './modules/feedback/feedback.routes.ts';
import { createFeedbackService } from './modules/feedback/feedback.service.ts';
import { createTermsRepository, termsTransaction } from './modules/terms/terms.repository.ts';
import { termsRoutes } from './modules/terms/terms.routes.ts';
import { createTermsService } from './modules/terms/terms.service.ts';
import { createMeetingSeriesRepository, meetingSeriesTransaction } from './modules/meeting-series/meeting-series.repository.ts';
import { meetingSeriesRoutes } from './modules/meeting-series/meeting-series.routes.ts';
import { createMeetingSeriesService } from './modules/meeting-series/meeting-series.service.ts';
import { createMeetingsRepository, meetingsTransaction } from './modules/meetings/meetings.repository.ts';
import { meetingsRoutes } from './modules/meetings/meetings.routes.ts';
import { createMeetingsService } from './modules/meetings/meetings.service.ts';
import { createOrganisationsRepository } from './modules/organisations/organisations.repository.ts';
import { organisationsRoutes } from './modules/organisations/organisations.routes.ts';
import { createOrganisationsService } from './modules/organisations/organisations.service.ts';
import { clientInfo, newBridgeSecret } from './plugins/client.ts';
import errorsPlugin, { sendProblem } from './plugins/errors.ts';
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
    /** Forgets expired sessions and old failed sign-ins; run at start and daily. */
    housekeeping: () => Promise<void>;
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

  const auth = createAuthService({
    repo: createAuthRepository(database.db),
    clock,
    hasher: passwordHasher,
    dummyHash: await passwordHasher.hash(randomBytes(24).toString('base64')),
    settings: {
      idleMinutes: config.sessionIdleMinutes,
      absoluteHours: config.sessionAbsoluteHours,
      maxFailuresPerAccount: config.loginMaxFailuresPerAccount,
      maxFailuresPerAddress: config.loginMaxFailuresPerAddress,
      maxSignInsPerAddress: config.loginMaxSignInsPerAddress,
    },
  });
  const organisations = createOrganisationsService({ repo: createOrganisationsRepository(database.db) });
  const roster = createRosterService({
    repo: createRosterRepository(database.db),
    transaction: rosterTransaction(database.db),
    clock,
  });
  const assignments = createAssignmentsService({ repo: createAssignmentsRepository(database.db), clock });
  const settings = createSettingsService({ repo: createSettingsRepository(database.db) });
  const profile = createProfileService({ repo: createProfileRepository(database.db), transaction: profileTransaction(database.db), clock });
  const contacts = createContactsService({ repo: createContactsRepository(database.db), organisations, clock });
  const slotsRepo = createSlotsRepository(database.db);
  const slots = createSlotsService({ repo: slotsRepo, transaction: slotsTransaction(database.db), organisations, clock });
  const bookings = createBookingsService({
    repo: createBookingsRepository(database.db),
    slots: slotsRepo,
    transaction: bookingsTransaction(database.db),
    organisations,
    slotList: slots,
    clock,
  });
  const meetings = createMeetingsService({ repo: createMeetingsRepository(database.db), transaction: meetingsTransaction(database.db), organisations, clock });
  const terms = createTermsService({ repo: createTermsRepository(database.db), transaction: termsTransaction(database.db), organisations, clock });
  const meetingSeries = createMeetingSeriesService({ repo: createMeetingSeriesRepository(database.db), transaction: meetingSeriesTransaction(database.db), organisations, clock });
  const cases = createCasesService({ repo: createCasesRepository(database.db), transaction: casesTransaction(database.db), organisations, clock });
  const consents = createConsentsService({ transaction: consentsTransaction(database.db), clock });
  const feedback = createFeedbackService({ transaction: consentsTransaction(database.db), clock });

  const bridgeSecret = newBridgeSecret();
  await app.register(errorsPlugin);
  await app.register(clientInfo, { secret: bridgeSecret });
  await app.register(securityPlugin);
  await app.register(swaggerPlugin, { serve: config.apiDocs });
  await app.register(sessionPlugin, { secret: config.sessionSecret, auth, lifetimeSeconds: config.sessionAbsoluteHours * 3600 });
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

  await app.register(healthRoutes, { ping: database.ping });
  await app.register(authRoutes, { auth });
  await app.register(organisationsRoutes, { organisations });
  await app.register(contactsRoutes, { contacts });
  await app.register(rosterRoutes, { roster });
  await app.register(profileRoutes, { profile });
  await app.register(assignmentsRoutes, { assignments });
  await app.register(settingsRoutes, { settings });
  await app.register(slotsRoutes, { slots });
  await app.register(bookingsRoutes, { bookings });
  await app.register(meetingsRoutes, { meetings });
  await app.register(termsRoutes, { terms });
  await app.register(meetingSeriesRoutes, { series: meetingSeries });
  await app.register(casesRoutes, { cases });
  await app.register(consentsRoutes, { consents });
  await app.register(feedbackRoutes, { feedback });
  await app.register(anonymityRoutes);

  // Unknown API paths answer JSON, also when the web app catches every other path.
  const apiNotFound = () => errors.notFound('Det finns ingen sådan adress i API:et.');
  app.all('/api/*', { schema: { hide: true }, config: { access: 'public' } }, async (_request, reply) => sendProblem(reply, apiNotFound()));
  app.setNotFoundHandler((_request, reply) => sendProblem(reply, apiNotFound()));

  if (web) await mountWeb(app, bridgeSecret, clock, typeof web === 'object' ? web.buildDir : undefined);

  app.decorate('housekeeping', () => auth.prune());
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
