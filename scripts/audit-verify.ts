// npm run audit:verify: walks the audit log's hash chain and says where it breaks, if it does.
// Uses DATABASE_URL when set, else the embedded database in DATA_DIR (./data). With an anchor
// written down from an earlier run (`npm run audit:verify -- 1234:<hash>`, or AUDIT_ANCHOR) it
// also checks that rows were neither removed from the end nor rewritten. Exit 0 = whole.
import { createDb } from '../db/client.ts';
import { createAuditRepository } from '../server/modules/audit/audit.repository.ts';
import { parseAnchor, runAuditVerify, unreadableAnchor } from '../server/modules/audit/audit.verify.ts';

const given = process.argv[2] ?? process.env.AUDIT_ANCHOR;
if (given && !parseAnchor(given)) {
  console.error(unreadableAnchor(given));
  process.exit(2);
}
const database = await createDb({ databaseUrl: process.env.DATABASE_URL || undefined, dataDir: process.env.DATA_DIR || './data' });
try {
  // A database the app has never started on has no log yet: bring its schema up to date first.
  await database.migrate();
  const { code, text } = await runAuditVerify(createAuditRepository(database.db), given);
  (code === 0 ? console.log : console.error)(text);
  process.exitCode = code;
} finally {
  await database.close();
}
