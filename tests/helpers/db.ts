import { sql } from 'drizzle-orm';
import pg from 'pg';
import { createDb, type Db, type DbHandle } from '../../db/client.ts';

// On PostgreSQL the suite runs as the app does in production: migrations as an owner that is not
// a superuser, the app as a role that owns nothing (the global setup creates both), so forced
// row-level security, the column grants and the triggers hold in every test. DATABASE_URL names
// the server's superuser; only privileged() uses it, for what an attacker with the server could do.
export const OWNER_ROLE = 'samverkan_test_owner';
export const APP_ROLE = 'samverkan_test_app';

export function asRole(url: string, role: string) {
  const u = new URL(url);
  u.username = role;
  u.password = '';
  return u.toString();
}

let shared: Promise<DbHandle> | undefined;

/** The worker's database: PostgreSQL when DATABASE_URL is set, else an in-memory PGlite. */
export function testDb(): Promise<DbHandle> {
  shared ??= (async () => {
    const url = process.env.DATABASE_URL;
    if (url) return createDb({ databaseUrl: asRole(url, APP_ROLE), migrationUrl: asRole(url, OWNER_ROLE), poolSize: 20 });
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

let superPool: pg.Pool | undefined;

/**
 * Runs `work` in a transaction with the database superuser's powers: fixtures the app could never
 * write (a consent as it stood years ago), and tampering as someone holding the server would. On
 * PGlite the session user is the superuser, so the transaction switches back to it.
 */
export async function privileged<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    return db.transaction(async (tx) => {
      await tx.execute(sql`set local role postgres`);
      return work(tx as unknown as Db);
    });
  }
  superPool ??= new pg.Pool({ connectionString: url, max: 2 });
  const { drizzle } = await import('drizzle-orm/node-postgres');
  return (drizzle(superPool) as unknown as Db).transaction((tx) => work(tx as unknown as Db));
}
