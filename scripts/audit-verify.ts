// npm run audit:verify: walks the audit log's hash chain and says where it breaks, if it does.
// Uses DATABASE_URL when set, else the embedded database in DATA_DIR (./data). Exit 0 = whole.
import { createDb } from '../db/client.ts';
import { createAuditRepository } from '../server/modules/audit/audit.repository.ts';
import { describeCheck, verifyAuditChain } from '../server/modules/audit/audit.verify.ts';

const database = await createDb({ databaseUrl: process.env.DATABASE_URL || undefined, dataDir: process.env.DATA_DIR || './data' });
try {
  // A database the app has never started on has no log yet: bring its schema up to date first.
  await database.migrate();
  const { whole, text } = describeCheck(await verifyAuditChain(createAuditRepository(database.db)));
  (whole ? console.log : console.error)(text);
  if (!whole) process.exitCode = 1;
} finally {
  await database.close();
}
