import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema/index.ts';

export type Schema = typeof schema;
/** One interface over both drivers: the pg pool and embedded PGlite. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Repositories take either the database or a transaction. */
export type DbOrTx = Db | Tx;

/** Both drivers' `execute` results as rows. */
export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

export type DbOptions = {
  /** postgres://… – without it the embedded database is used. The app's role: it should own nothing. */
  databaseUrl?: string;
  /** The role that owns the schema and runs the migrations; defaults to databaseUrl. */
  migrationUrl?: string;
  /** Folder for the embedded database; `memory://` keeps it in memory (tests). */
  dataDir?: string;
  poolSize?: number;
  onPoolError?: (err: Error) => void;
};

export type DbHandle = {
  db: Db;
  /**
   * A connection of its own for the audit log's group-commit writer: on a pool shared with the
   * requests, each of its commits waited behind every read queued for a connection, and the reads
   * then waited for it (on the embedded database, the one connection there is).
   */
  writer: Db;
  driver: 'pg' | 'pglite';
  /** Applies the migrations as the owner, then lets the app's role act as samverkan_app. */
  migrate: () => Promise<void>;
  /** Who the app is in the database: a superuser or the owner of a table is more than it needs. */
  role: () => Promise<AppRole>;
  ping: () => Promise<void>;
  close: () => Promise<void>;
};

export type AppRole = { name: string; superuser: boolean; bypassesRls: boolean; ownedTables: number };

const migrationsFolder = path.join(import.meta.dirname, 'migrations');

/** On the embedded database everything connects as its superuser; after migrating, the session
 *  switches to this role, which owns nothing, so the embedded app is held like the served one. */
export const EMBEDDED_APP_ROLE = 'samverkan_runtime';

const roleQuery = `select current_user as name, r.rolsuper as superuser, r.rolbypassrls as "bypassesRls",
  (select count(*)::int from pg_class c where c.relowner = r.oid and c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')) as "ownedTables"
  from pg_roles r where r.rolname = current_user`;

type PgPool = import('pg').Pool;
type PgClient = import('pg').PoolClient;

/**
 * drizzle-orm (0.45.4) checks a client out for a transaction and sends `begin` before its
 * try/finally: when the connection is already dead, `begin` fails and the client is never given
 * back, so every outage would leave the pool one connection smaller (and `pool.end()` waiting
 * for ever). Only its transactions check clients out, and `begin` is the first thing each sends:
 * if that first query fails, the client is given back here, marked broken so the pool drops it.
 */
function safeCheckouts(pool: PgPool): PgPool {
  // pool.query checks out with a callback and gives the client back itself: that path is pg's own.
  const connect = (callback?: Parameters<PgPool['connect']>[0]) => (callback ? pool.connect(callback) : guarded());
  const guarded = async () => {
    const client: PgClient = await pool.connect();
    const query = client.query;
    (client as { query: unknown }).query = function first(this: PgClient, ...args: unknown[]) {
      delete (client as { query?: unknown }).query; // the next queries go straight to pg
      const sent = (query as (...a: unknown[]) => Promise<unknown>).apply(client, args);
      return sent.catch((err: Error) => {
        client.release(err);
        throw err;
      });
    };
    return client;
  };
  return new Proxy(pool, { get: (target, key) => (key === 'connect' ? connect : Reflect.get(target, key, target)) });
}

export async function createDb(options: DbOptions): Promise<DbHandle> {
  if (options.databaseUrl) {
    const { default: pg } = await import('pg');
    const { drizzle } = await import('drizzle-orm/node-postgres');
    const { migrate } = await import('drizzle-orm/node-postgres/migrator');
    // A connection that cannot be had in 3 s is an outage (503), not a request left hanging.
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10, connectionTimeoutMillis: 3000 });
    // A lost connection (server restart, crash, network) must not crash the process: an idle
    // client's error reaches the pool's listener, and a checked-out client's error between two
    // queries of a transaction reaches its own (the pool then discards the client on release).
    pool.on('error', (err) => options.onPoolError?.(err));
    pool.on('connect', (client) => client.on('error', (err) => options.onPoolError?.(err)));
    const db = drizzle(safeCheckouts(pool), { schema }) as unknown as Db;
    const writerPool = new pg.Pool({ connectionString: options.databaseUrl, max: 1, connectionTimeoutMillis: 3000 });
    writerPool.on('error', (err) => options.onPoolError?.(err));
    writerPool.on('connect', (client) => client.on('error', (err) => options.onPoolError?.(err)));
    const writer = drizzle(safeCheckouts(writerPool), { schema }) as unknown as Db;
    return {
      db,
      writer,
      driver: 'pg',
      migrate: async () => {
        const owner = new pg.Pool({ connectionString: options.migrationUrl ?? options.databaseUrl, max: 1 });
        try {
          await migrate(drizzle(owner, { schema }), { migrationsFolder });
          const app = (await pool.query<{ name: string }>('select current_user as name')).rows[0]!.name;
          const ownerName = (await owner.query<{ name: string }>('select current_user as name')).rows[0]!.name;
          if (app !== ownerName) await owner.query(`grant samverkan_app to ${pg.escapeIdentifier(app)}`);
        } finally {
          await owner.end();
        }
      },
      role: async () => (await pool.query<AppRole>(roleQuery)).rows[0]!,
      ping: async () => {
        await pool.query('select 1');
      },
      close: async () => {
        await Promise.all([pool.end(), writerPool.end()]);
      },
    };
  }

  const { PGlite } = await import('@electric-sql/pglite');
  // Exclusion constraints over uuid columns need btree_gist, which PGlite loads at construction.
  const { btree_gist } = await import('@electric-sql/pglite/contrib/btree_gist');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  const dir = options.dataDir ?? './data';
  let dataDir: string | undefined;
  if (dir !== 'memory://') {
    dataDir = path.resolve(dir, 'pglite');
    mkdirSync(dataDir, { recursive: true });
  }
  const client = await PGlite.create(dataDir, { extensions: { btree_gist } });
  const db = drizzle(client, { schema }) as unknown as Db;
  return {
    db,
    writer: db,
    driver: 'pglite',
    migrate: async () => {
      await client.exec('reset role');
      await migrate(drizzle(client, { schema }), { migrationsFolder });
      await client.exec(`do $$ begin
          if not exists (select from pg_roles where rolname = '${EMBEDDED_APP_ROLE}') then
            create role ${EMBEDDED_APP_ROLE} nologin nosuperuser nobypassrls;
          end if;
        end $$;
        grant samverkan_app to ${EMBEDDED_APP_ROLE};
        set role ${EMBEDDED_APP_ROLE};`);
    },
    role: async () => (await client.query<AppRole>(roleQuery)).rows[0]!,
    ping: async () => {
      await client.query('select 1');
    },
    close: () => client.close(),
  };
}
