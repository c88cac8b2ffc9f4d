import pg from 'pg';
import { createDb } from '../../db/client.ts';

/** On PostgreSQL, start every run from an empty schema with the committed migrations applied. */
export default async function setup() {
  const url = process.env.DATABASE_URL;
  if (!url) return;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('drop schema if exists public cascade; drop schema if exists drizzle cascade; create schema public;');
  await client.end();
  const handle = await createDb({ databaseUrl: url });
  await handle.migrate();
  await handle.close();
}
