import { createDb, type DbHandle } from '../../db/client.ts';

let shared: Promise<DbHandle> | undefined;

/** The worker's database: PostgreSQL when DATABASE_URL is set, else an in-memory PGlite. */
export function testDb(): Promise<DbHandle> {
  shared ??= (async () => {
    const url = process.env.DATABASE_URL;
    if (url) return createDb({ databaseUrl: url, poolSize: 20 });
    const handle = await createDb({ dataDir: 'memory://' });
    await handle.migrate();
    return handle;
  })();
  return shared;
}

/** A database of its own, for tests that need it empty (the demo district). */
export async function freshPglite(): Promise<DbHandle> {
  const handle = await createDb({ dataDir: 'memory://' });
  await handle.migrate();
  return handle;
}
