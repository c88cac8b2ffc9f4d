import { spawn } from 'node:child_process';
import path from 'node:path';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { Db } from '../../../db/client.ts';
import { createAuditRepository } from '../audit/audit.repository.ts';
import { BackupRefused } from './backup.errors.ts';
import { takeInventory, type Inventory, type Rows } from './backup.inventory.ts';

export type PgTools = {
  /** The folder of pg_dump and pg_restore (PG_BIN); else they are looked up in PATH. */
  bin?: string;
};

/** libpq reads the password from PGPASSWORD, so it never shows in the process list. */
function libpq(url: string) {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  return { dbname: u.toString(), env: password ? { ...process.env, PGPASSWORD: password } : { ...process.env } };
}

function run(tools: PgTools, tool: 'pg_dump' | 'pg_restore', args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const command = tools.bin ? path.join(tools.bin, tool) : tool;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (err: NodeJS.ErrnoException) =>
      reject(
        err.code === 'ENOENT'
          ? new BackupRefused(`Hittar inte ${tool}. Installera PostgreSQL-klienten (samma huvudversion som servern eller nyare) eller ange mappen med PG_BIN.`)
          : err,
      ),
    );
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${tool} avbröts (kod ${code}):\n${stderr.trim()}`))));
  });
}

const rowsOf =
  (client: pg.Client): Rows =>
  async (text) =>
    (await client.query(text)).rows;

/**
 * Backup and check must see every row: row-level security would hide some from the schema owner
 * (it is forced on the family tables), and pg_dump stops rather than dump a part. With
 * row_security off a role that would be filtered gets an error, never a quietly short count.
 */
async function mustSeeEveryRow(client: pg.Client, what: string) {
  const [who] = (await client.query<{ name: string; sees: boolean }>(`select current_user as name, rolsuper or rolbypassrls as sees from pg_roles where rolname = current_user`)).rows;
  if (!who?.sees) {
    throw new BackupRefused(
      `${what} behöver en roll som ser alla rader: superanvändaren eller en roll med BYPASSRLS och pg_read_all_data. ` +
        `${who?.name ?? 'Rollen'} omfattas av radsäkerheten och skulle inte se allt. Ange en sådan anslutning i BACKUP_DATABASE_URL.`,
    );
  }
  await client.query('set row_security = off');
}

async function connected<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * pg_dump in custom format, in the snapshot the inventory was counted in: the app may go on
 * writing during the backup, and the description still matches the dump row for row.
 */
export async function dumpPostgres(url: string, file: string, tools: PgTools = {}) {
  return connected(url, async (client) => {
    await mustSeeEveryRow(client, 'Säkerhetskopieringen');
    await client.query('begin isolation level repeatable read read only');
    const [{ snapshot }] = (await client.query<{ snapshot: string }>('select pg_export_snapshot() as snapshot')).rows as [{ snapshot: string }];
    const started = performance.now();
    const inventory = await takeInventory(rowsOf(client), createAuditRepository(drizzle(client) as unknown as Db));
    const counted = performance.now();
    const { dbname, env } = libpq(url);
    await run(tools, 'pg_dump', ['--format=custom', `--snapshot=${snapshot}`, `--file=${file}`, '--no-password', `--dbname=${dbname}`], env);
    await client.query('commit');
    return { inventory, inventoryMs: counted - started, dumpMs: performance.now() - counted };
  });
}

/** Counts and guards of a restored database, its audit chain checked against the anchor. */
export async function checkPostgres(url: string, anchor: string | null) {
  return connected(url, async (client) => {
    await mustSeeEveryRow(client, 'Kontrollen');
    await client.query('begin isolation level repeatable read read only');
    const inventory = await takeInventory(rowsOf(client), createAuditRepository(drizzle(client) as unknown as Db), anchor);
    await client.query('commit');
    return inventory;
  });
}

const NOT_OURS = `n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg_toast%' and n.nspname not like 'pg_temp%'`;

/**
 * Restores a dump into an empty database (or, with `replace`, one whose schema is dropped first),
 * in one transaction: it comes back whole or not at all. Owners and grants are restored as they
 * were, so the roles must exist in this server beforehand (they are not in the dump), and the
 * schema's owner must be allowed to create in the database, as the migrations at start need.
 */
export async function restorePostgres(url: string, file: string, expected: Inventory, options: { replace?: boolean; tools?: PgTools } = {}) {
  return connected(url, async (client) => {
    await mustSeeEveryRow(client, 'Återställningen');
    const [target] = (
      await client.query<{ db: string; objects: number }>(
        `select current_database() as db, (select count(*)::int from pg_class c join pg_namespace n on n.oid = c.relnamespace where ${NOT_OURS})
          + (select count(*)::int from pg_namespace where nspname = 'drizzle') as objects`,
      )
    ).rows as [{ db: string; objects: number }];
    if (target.objects > 0 && !options.replace) {
      throw new BackupRefused(
        `Databasen ${target.db} är inte tom (${target.objects} tabeller, index och sekvenser). Återställ till en ny, tom databas, ` +
          'eller ange --replace för att ersätta innehållet (ta då först en säkerhetskopia av det som finns).',
      );
    }
    const missing = (await client.query<{ name: string }>(`select unnest($1::text[]) as name except select rolname from pg_roles order by 1`, [expected.roles])).rows.map((r) => r.name);
    if (missing.length) {
      const create = missing.map((r) => (r === 'samverkan_app' ? `  CREATE ROLE samverkan_app NOLOGIN NOSUPERUSER NOBYPASSRLS;` : `  CREATE ROLE ${r} LOGIN PASSWORD '…';`)).join('\n');
      throw new BackupRefused(`Rollerna ${missing.join(', ')} finns inte i den här servern (roller ingår inte i en säkerhetskopia). Skapa dem först, som db/docker-init.sh gör:\n${create}`);
    }
    const [{ may }] = (await client.query<{ may: boolean }>(`select has_database_privilege($1, current_database(), 'CREATE') as may`, [expected.owner])).rows as [{ may: boolean }];
    if (!may) {
      throw new BackupRefused(
        `${expected.owner} äger schemat och kör migreringarna vid start, men får inte skapa i databasen ${target.db}. Ge rätten först:\n  ALTER DATABASE ${target.db} OWNER TO ${expected.owner};`,
      );
    }
    if (target.objects > 0) await client.query('drop schema if exists drizzle cascade; drop schema if exists public cascade; create schema public');
    const started = performance.now();
    const { dbname, env } = libpq(url);
    await run(options.tools ?? {}, 'pg_restore', ['--single-transaction', '--exit-on-error', '--no-password', `--dbname=${dbname}`, file], env);
    return { database: target.db, replaced: target.objects > 0, restoreMs: performance.now() - started };
  });
}
