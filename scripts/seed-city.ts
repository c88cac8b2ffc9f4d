// npm run seed:city [-- <skala>] — a whole city's invented, pseudonymous data on PostgreSQL, for
// load tests (issue 20): 14 districts, 60 teams, 1 000 schools and preschools, 25 000 people
// (password: the demo's), a year of walk-and-talks, meetings and cases, a million audit rows.
// Writes as the schema owner (MIGRATION_DATABASE_URL, else DATABASE_URL), beside the demo district
// if it is there. Refuses the embedded database and production; does nothing when the city is there.
import { sql } from 'drizzle-orm';
import { createDb } from '../db/client.ts';
import { DEMO_PASSWORD } from '../db/demo-district.ts';
import { cityCalendar, cityExists, seedCity } from '../db/seed-city/index.ts';
import { ConfigError, loadConfig } from '../server/config.ts';
import { stockholmDate, stockholmInstant } from '../server/contracts/time.ts';
import { officeWindow } from '../server/lib/calendar.ts';
import { systemClock } from '../server/lib/clock.ts';
import { passwordHasher } from '../server/lib/passwords.ts';
import * as auditChain from '../server/modules/audit/audit.models.ts';

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
  console.error('seed:city skriver en påhittad stad för lasttester och körs inte i produktion.');
  process.exit(2);
}
if (!config.databaseUrl) {
  console.error('seed:city behöver PostgreSQL: ange DATABASE_URL. En hel stad läggs inte i den inbyggda databasen.');
  process.exit(2);
}
const scale = process.argv[2] === undefined ? 1 : Number(process.argv[2]);
if (!(scale > 0)) {
  console.error(`Skalan ska vara ett tal större än noll (1 är en hel stad), inte "${process.argv[2]}".`);
  process.exit(2);
}

const started = performance.now();
const ownerUrl = config.migrationDatabaseUrl ?? config.databaseUrl;
const database = await createDb({ databaseUrl: ownerUrl, migrationUrl: ownerUrl, poolSize: 2 });
try {
  await database.migrate();
  const counts = (await cityExists(database.db)) ? false : await write();
  if (!counts) console.log('Staden finns redan i databasen (stadsdelen "Provstaden 01"); inget skrevs.');
  else {
    const analyzing = performance.now();
    await database.db.execute(sql`analyze`);
    console.log(`  analyze: ${((performance.now() - analyzing) / 1000).toFixed(1)} s`);
    const n = (k: string) => String(counts[k] ?? 0).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
    console.log(
      [
        `Staden är skriven (skala ${scale}):`,
        `  ${n('districts')} stadsdelar, ${n('teams')} team, ${n('organisations')} skolor, förskoleenheter och förskolor (${n('sections')} stadier och avdelningar)`,
        `  ${n('users')} personer, ${n('contacts')} kontaktuppdrag, ${n('dutyDays')} jourdagar`,
        `  ${n('slots')} promenader (${n('slotHosts')} värdskap), ${n('bookings')} bokningar`,
        `  ${n('meetings')} möten (${n('meetingWorkers')} socialsekreterare på dem)`,
        `  ${n('cases')} ärenden med ${n('caseEvents')} steg, ${n('statutoryFeedback')} återkopplingar till anmälare, ${n('consents')} samtycken, ${n('feedback')} meddelanden`,
        `  ${n('auditRows')} rader i granskningsloggen`,
        `Det tog ${((performance.now() - started) / 1000).toFixed(1)} sekunder. Alla har lösenordet "${DEMO_PASSWORD}"; adresserna står i db/seed-city/names.ts.`,
      ].join('\n'),
    );
  }
} finally {
  await database.close();
}

async function write() {
  const hours = { opens: '08:00', closes: '16:30' };
  const calendar = cityCalendar(systemClock.now(), {
    stockholmDate,
    stockholmInstant,
    fullWorkingDay: (d) => officeWindow(d, hours, new Map())?.closes.getTime() === stockholmInstant(d, hours.closes).getTime(),
  });
  // Hashed once: argon2 is slow on purpose, and every account has the same password.
  const passwordHash = await passwordHasher.hash(DEMO_PASSWORD);
  console.log(`Skriver staden i skala ${scale}…`);
  return seedCity(database.db, { scale, calendar, passwordHash, auditChain, log: (phase, seconds) => console.log(`  ${phase}: ${seconds.toFixed(1)} s`) });
}
