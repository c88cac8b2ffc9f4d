// npm run seed:history — two years of pseudonymous activity for the first social services team
// (the demo's Vällingbyteamet), so Uppföljning has figures to show. Uses the app's own settings
// (DATABASE_URL, or the embedded database in DATA_DIR); refuses in production, and does nothing
// when the history is there already.
import { createDb } from '../db/client.ts';
import { seedHistory } from '../db/seed-history.ts';
import { ConfigError, loadConfig } from '../server/config.ts';
import { historyCalendar } from '../server/lib/demo-calendar.ts';
import { systemClock } from '../server/lib/clock.ts';

let config;
try {
  config = loadConfig();
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(2);
  }
  throw err;
}
if (config.env === 'production') {
  console.error('seed:history skriver påhittad historik och körs inte i produktion.');
  process.exit(2);
}
const database = await createDb({ databaseUrl: config.databaseUrl, migrationUrl: config.migrationDatabaseUrl, dataDir: config.dataDir, poolSize: 2 });
try {
  await database.migrate();
  const result = await seedHistory(database.db, historyCalendar(systemClock.now()));
  console.log(result ? `Historik skriven: ${result.consultations} konsultationer, ${result.meetings} anmälningsmöten, ${result.cases} ärenden.` : 'Historiken finns redan.');
} finally {
  await database.close();
}
