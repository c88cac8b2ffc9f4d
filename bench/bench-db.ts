import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The benches' own PostgreSQL database, beside the tests' (BENCH_ADMIN_URL to point elsewhere). */
export const ADMIN_URL = process.env.BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const DB_NAME = 'samverkan_bench';
export const DATABASE_URL = ADMIN_URL.replace(/\/[^/]*$/, `/${DB_NAME}`);

export async function ensureDatabase() {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [DB_NAME]);
  if (!rowCount) await admin.query(`create database ${DB_NAME}`);
  await admin.end();
}

/** The app as the benches run it: the demo district on PostgreSQL, the per-person limits lifted. */
export const benchEnv = {
  DATABASE_URL, SESSION_SECRET: randomBytes(48).toString('base64url'), DEMO_DATA: 'true', PORT: '3900', HOST: '127.0.0.1', LOG_LEVEL: 'warn', NODE_ENV: 'development', API_REQUESTS_PER_MINUTE: '100000000',
  // Every bench person signs in from the one loopback address, 100 of them at once in the storm:
  // the per-address throttle (which counts attempts still being checked) is not what is measured.
  LOGIN_MAX_FAILURES_PER_ADDRESS: '100000', LOGIN_MAX_SIGN_INS_PER_ADDRESS: '100000',
};
