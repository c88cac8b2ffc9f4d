// npm run audit:verify: walks the audit log's hash chain and says where it breaks, if it does.
// Uses DATABASE_URL when set, else the embedded database in DATA_DIR (./data). Exit 0 = whole.
import { createDb } from '../db/client.ts';
import { createAuditRepository } from '../server/modules/audit/audit.repository.ts';
import { verifyAuditChain } from '../server/modules/audit/audit.verify.ts';

const database = await createDb({ databaseUrl: process.env.DATABASE_URL || undefined, dataDir: process.env.DATA_DIR || './data' });
try {
  const result = await verifyAuditChain(createAuditRepository(database.db));
  if (!result.broken) {
    console.log(`Granskningsloggen är hel: ${result.rows} rader, kedjan stämmer.`);
  } else {
    const { id, at, problem } = result.broken;
    const why =
      problem === 'changed'
        ? 'raden har ändrats efter att den skrevs'
        : 'raden pekar inte på raden före den (en tidigare rad har tagits bort eller ändrats)';
    console.error(`Granskningsloggen är bruten vid rad ${id} (${at.toISOString()}): ${why}. ${result.rows} rader före den stämmer.`);
    process.exitCode = 1;
  }
} finally {
  await database.close();
}
