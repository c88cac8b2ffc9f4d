import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { Db } from '../../../db/client.ts';
import { createAuditRepository } from '../audit/audit.repository.ts';
import { BackupRefused } from './backup.errors.ts';
import { takeInventory, type Inventory, type Rows } from './backup.inventory.ts';

/** Where createDb keeps the embedded database under DATA_DIR. */
export const embeddedDir = (dataDir: string) => path.resolve(dataDir, 'pglite');

const holds = (dir: string) => existsSync(path.join(dir, 'PG_VERSION'));

/**
 * PGlite is one process's database: a second process that opens the folder while the app has it
 * open writes past it and can corrupt it, and nothing in PGlite stops that. While it is open the
 * folder holds postmaster.pid (removed when it closes), so its presence means "the app runs" or
 * "the app did not stop cleanly"; either way this process keeps out.
 */
function mustBeClosed(dir: string) {
  if (existsSync(path.join(dir, 'postmaster.pid'))) {
    throw new BackupRefused(
      `Den inbäddade databasen i ${dir} är öppen: appen kör, eller stängdes inte rent. Stoppa appen först ` +
        '(har den kraschat: starta den och stoppa den igen), och kör sedan om.',
    );
  }
}

async function open(dir: string, loadDataDir?: Blob): Promise<PGlite> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { btree_gist } = await import('@electric-sql/pglite/contrib/btree_gist');
  return PGlite.create(dir, { extensions: { btree_gist }, loadDataDir });
}

async function inventoryOf(client: PGlite, anchor?: string | null): Promise<Inventory> {
  const { drizzle } = await import('drizzle-orm/pglite');
  // The session is PGlite's superuser, which sees every row.
  await client.exec('set row_security = off');
  const rows: Rows = async (text) => (await client.query<Record<string, unknown>>(text)).rows;
  return takeInventory(rows, createAuditRepository(drizzle(client) as unknown as Db), anchor);
}

/** The whole data folder as a gzipped tarball (PGlite's dumpDataDir), with the app stopped. */
export async function dumpEmbedded(dataDir: string, file: string) {
  const dir = embeddedDir(dataDir);
  if (!holds(dir)) throw new BackupRefused(`Det finns ingen inbäddad databas i ${dir}. Ange DATA_DIR, eller DATABASE_URL för PostgreSQL.`);
  mustBeClosed(dir);
  const client = await open(dir);
  try {
    const started = performance.now();
    const inventory = await inventoryOf(client);
    const counted = performance.now();
    // Everything committed is written to the data files first, so the tarball needs no replay.
    await client.exec('checkpoint');
    const tarball = await client.dumpDataDir('gzip');
    writeFileSync(file, Buffer.from(await tarball.arrayBuffer()), { mode: 0o600 });
    return { inventory, inventoryMs: counted - started, dumpMs: performance.now() - counted };
  } finally {
    await client.close();
  }
}

/** Counts and guards of the embedded database in DATA_DIR, its audit chain checked against the anchor. */
export async function checkEmbedded(dataDir: string, anchor: string | null) {
  const dir = embeddedDir(dataDir);
  if (!holds(dir)) throw new BackupRefused(`Det finns ingen inbäddad databas i ${dir}.`);
  mustBeClosed(dir);
  const client = await open(dir);
  try {
    return await inventoryOf(client, anchor);
  } finally {
    await client.close();
  }
}

const stamp = () => new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');

/**
 * Unpacks the tarball into a folder beside DATA_DIR/pglite and checks it there; only a copy that
 * passes takes the place of the database. A database already there is moved aside (never
 * deleted) with `replace`, and refused without it.
 */
export async function restoreEmbedded(dataDir: string, file: string, expected: { audit: { head: string | null } }, options: { replace?: boolean } = {}) {
  const dir = embeddedDir(dataDir);
  if (holds(dir)) {
    mustBeClosed(dir);
    if (!options.replace) {
      throw new BackupRefused(`Det finns redan en inbäddad databas i ${dir}. Ange --replace för att ersätta den (den flyttas undan, inte raderas).`);
    }
  }
  const at = stamp();
  const staging = `${dir}.restoring-${at}`;
  mkdirSync(path.dirname(dir), { recursive: true });
  const started = performance.now();
  let inventory: Inventory;
  let restoreMs: number;
  try {
    const client = await open(staging, new Blob([readFileSync(file)]));
    try {
      restoreMs = performance.now() - started;
      inventory = await inventoryOf(client, expected.audit.head);
    } finally {
      await client.close();
    }
  } catch (err) {
    rmSync(staging, { recursive: true, force: true });
    throw err;
  }
  return {
    inventory,
    restoreMs,
    checkMs: performance.now() - started - restoreMs,
    /** Puts the checked copy in place; the folder it replaces is returned, kept. */
    commit: () => {
      // createDb leaves an empty folder where it found none; anything more is moved aside.
      const aside = existsSync(dir) && readdirSync(dir).length > 0 ? `${dir}.before-restore-${at}` : undefined;
      if (aside) renameSync(dir, aside);
      else rmSync(dir, { recursive: true, force: true });
      renameSync(staging, dir);
      return aside;
    },
    discard: () => rmSync(staging, { recursive: true, force: true }),
  };
}
