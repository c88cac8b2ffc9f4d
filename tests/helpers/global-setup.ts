import pg from 'pg';
import { createDb } from '../../db/client.ts';
import { APP_ROLE, asRole, OWNER_ROLE } from './db.ts';

/**
 * On PostgreSQL, start every run from an empty schema owned by a role that is not a superuser,
 * with the committed migrations applied by it; the tests then connect as a role that owns nothing.
 */
export default async function setup() {
  const url = process.env.DATABASE_URL;
  if (!url) return;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const database = pg.escapeIdentifier(new URL(url).pathname.slice(1));
  await client.query(`drop schema if exists public cascade; drop schema if exists drizzle cascade;
    do $$ begin
      if not exists (select from pg_roles where rolname = '${OWNER_ROLE}') then create role ${OWNER_ROLE} login nosuperuser createrole; end if;
      if not exists (select from pg_roles where rolname = '${APP_ROLE}') then create role ${APP_ROLE} login nosuperuser nobypassrls; end if;
    end $$;
    grant create on database ${database} to ${OWNER_ROLE};
    create schema public authorization ${OWNER_ROLE};`);
  await client.end();
  const handle = await createDb({ databaseUrl: asRole(url, APP_ROLE), migrationUrl: asRole(url, OWNER_ROLE) });
  await handle.migrate();
  await handle.close();
}
