import net from 'node:net';
import pino from 'pino';
import { createDb } from '../db/client.ts';
import { DEMO_PASSWORD } from '../db/demo-district.ts';
import { seedDemoDistrict } from '../db/seed.ts';
import { seedHistory } from '../db/seed-history.ts';
import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { demoCalendar, historyCalendar } from './lib/demo-calendar.ts';
import { passwordHasher } from './lib/passwords.ts';
import { checkAppRole, checkNoDemoPasswords } from './startup-checks.ts';

if (Number(process.versions.node.split('.')[0]) < 24) {
  console.error(`Samverkan behöver Node 24 (nu ${process.versions.node}). Starta med "npm start".`);
  process.exit(1);
}

async function main() {
  const startedAt = performance.now();
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }

  // Written without blocking: lines that come while a write is under way go out together.
  const logger = { level: config.logLevel, redact: ['req.headers.cookie', 'req.headers.authorization'], stream: pino.destination({ dest: 1, sync: false }) };
  const database = await createDb({
    databaseUrl: config.databaseUrl,
    migrationUrl: config.migrationDatabaseUrl,
    dataDir: config.dataDir,
    poolSize: config.poolSize,
    onPoolError: (err) => console.error(`Databasanslutningen gav ett fel: ${err.message}`),
  });
  await database.migrate();
  const seeded = config.demoData ? await seedDemoDistrict(database.db, passwordHasher.hash, demoCalendar(new Date())) : false;
  // A new demo district gets two years of history too, so Uppföljning has figures from the start.
  if (seeded) await seedHistory(database.db, historyCalendar(new Date()));

  const app = await buildApp({ config, database, logger, web: true });
  try {
    const production = config.env === 'production';
    checkAppRole(await database.role(), production, (message) => app.log.warn(message));
    if (production) await checkNoDemoPasswords(database.db, passwordHasher);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(err.message);
    await database.close();
    process.exit(1);
  }
  await app.housekeeping();
  const housekeeping = setInterval(() => app.housekeeping().catch(() => undefined), 24 * 3600 * 1000);
  housekeeping.unref();

  await app.listen({ port: config.port, host: config.host });
  const where = database.driver === 'pglite' ? `inbäddad databas i ${config.dataDir}` : 'PostgreSQL';
  const ms = Math.round(performance.now() - startedAt);
  app.log.info(`Samverkan kör på http://localhost:${config.port} (${where}), startade på ${ms} ms`);
  if (!config.smtpUrl) {
    app.log[config.demoData ? 'info' : 'warn'](
      config.demoData
        ? 'E-post går till den inbyggda brevlådan (GET /api/dev/outbox som systemförvaltare): SMTP_URL är inte satt.'
        : 'SMTP_URL är inte satt: ingen e-post skickas. Breven väntar i utkorgen och går iväg när SMTP_URL anges.',
    );
  }
  if (config.demoData) {
    app.log.info(
      `Demoläge${seeded ? ': demodistriktet laddades' : ''}. Logga in som t.ex. pedagog1@vallingbyskolan.example med lösenordet "${DEMO_PASSWORD}".`,
    );
  }

  // Stop taking connections, finish requests under way, then close the pool; a second signal, or
  // requests still running after SHUTDOWN_GRACE_MS, stop the process at once.
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) process.exit(1);
    closing = true;
    app.log.info(`${signal}: stänger ner`);
    setTimeout(() => {
      app.log.error(`Nedstängningen tog mer än ${SHUTDOWN_GRACE_MS} ms; avbryter.`);
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
    clearInterval(housekeeping);
    // First only the listener closes: new connections are refused, while a connection already
    // accepted may still send its request and be answered. (Node's HTTP close would at once drop
    // every connection whose request it has not read yet.) Then the app closes: requests under
    // way finish, anything later on a kept-alive connection is 503, idle connections close.
    net.Server.prototype.close.call(app.server);
    await new Promise((resolve) => setTimeout(resolve, SHUTDOWN_DRAIN_MS));
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

/** Within the 10 s a process manager (systemd, Kubernetes) waits before it kills. */
const SHUTDOWN_GRACE_MS = 9_000;
/** How long connections accepted before the signal have to send their request. */
const SHUTDOWN_DRAIN_MS = 1_000;

main().catch((err) => {
  console.error('Samverkan kunde inte starta:', err instanceof Error ? err.message : err);
  process.exit(1);
});
