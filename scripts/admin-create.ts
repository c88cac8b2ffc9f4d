// npm run admin:create -- --email <e-post> --name "<namn>"
// The first administrator of an installation (production has no demo accounts): creates the
// account and prints a one-time link, valid 7 days, to choose a password. The same mail goes
// through the outbox when the app runs with SMTP. Uses the app's own settings (DATABASE_URL …).
import { parseArgs } from 'node:util';
import { createDb } from '../db/client.ts';
import { email } from '../server/contracts/text.ts';
import { z } from '../server/contracts/zod.ts';
import { ConfigError, loadConfig } from '../server/config.ts';
import { systemClock } from '../server/lib/clock.ts';
import { AppError } from '../server/lib/errors.ts';
import { passwordHasher } from '../server/lib/passwords.ts';
import { accountsTransaction } from '../server/modules/accounts/accounts.repository.ts';
import { createAccountsService } from '../server/modules/accounts/accounts.service.ts';
import { formatDay, formatTime } from '../server/contracts/time.ts';

const args = z.object({
  email,
  name: z.string().trim().min(2, { message: 'Skriv administratörens namn (--name).' }).max(200, { message: 'Namnet är för långt.' }),
});

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

const { values } = parseArgs({ options: { email: { type: 'string' }, name: { type: 'string' } }, strict: false });
const parsed = args.safeParse({ email: values.email ?? '', name: values.name ?? '' });
if (!parsed.success) fail(`${parsed.error.issues.map((i) => i.message).join('\n')}\nAnvändning: npm run admin:create -- --email <e-post> --name "<namn>"`);

let config;
try {
  config = loadConfig();
} catch (err) {
  if (err instanceof ConfigError) fail(err.message);
  throw err;
}
const database = await createDb({ databaseUrl: config.databaseUrl, migrationUrl: config.migrationDatabaseUrl, dataDir: config.dataDir, poolSize: 2 });
try {
  await database.migrate();
  const accounts = createAccountsService({ transaction: accountsTransaction(database.db), clock: systemClock, hasher: passwordHasher, baseUrl: config.publicUrl });
  const { url, expiresAt } = await accounts.createFirstAdmin(parsed.data);
  console.log(`Administratören ${parsed.data.name} <${parsed.data.email}> är skapad.`);
  console.log(`Öppna länken och välj ett lösenord (gäller en gång, till ${formatDay(expiresAt)} kl. ${formatTime(expiresAt)}):\n${url}`);
} catch (err) {
  if (err instanceof AppError) fail(err.message);
  throw err;
} finally {
  await database.close();
}
