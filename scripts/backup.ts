// npm run backup [-- <fil>]: a backup of the database and, beside it, <fil>.json describing it
// (rows per table, row-level security, policies, triggers and grants, the audit chain's anchor,
// the dump's SHA-256), which `npm run restore` checks the restored copy against.
//
// PostgreSQL (BACKUP_DATABASE_URL, else MIGRATION_DATABASE_URL, else DATABASE_URL): pg_dump in
// custom format, in the same snapshot as the counts; the app may keep running. The role must see
// every row: the superuser, or one with BYPASSRLS and pg_read_all_data (row-level security hides
// the family tables from everyone else, the schema owner too).
// Embedded database (no URL): DATA_DIR/pglite as a gzipped tarball; stop the app first (PGlite
// is one process's database; the backup refuses while it is open).
// Default file: BACKUP_DIR (./backups)/samverkan-<UTC time>.pgdump or .tar.gz. Exit 0 = taken
// and the audit log whole; 1 = failed, or taken but the audit log is broken; 2 = refused.
import { closeSync, mkdirSync, openSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { dumpEmbedded } from '../server/modules/backup/backup.embedded.ts';
import { appVersion, sha256Of, writeManifest, type Manifest } from '../server/modules/backup/backup.manifest.ts';
import { BackupRefused } from '../server/modules/backup/backup.errors.ts';
import { dumpPostgres } from '../server/modules/backup/backup.postgres.ts';
import { backupReport } from '../server/modules/backup/backup.report.ts';

const env = (name: string) => process.env[name] || undefined;

let args;
try {
  args = parseArgs({ allowPositionals: true, options: {} });
} catch {
  console.error('Användning: npm run backup [-- <fil>]');
  process.exit(2);
}
const url = env('BACKUP_DATABASE_URL') ?? env('MIGRATION_DATABASE_URL') ?? env('DATABASE_URL');
const driver: Manifest['driver'] = url ? 'pg' : 'pglite';
const createdAt = new Date();
const stamp = createdAt.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
const file = path.resolve(args.positionals[0] ?? path.join(env('BACKUP_DIR') ?? 'backups', `samverkan-${stamp}.${driver === 'pg' ? 'pgdump' : 'tar.gz'}`));

// The dump holds every family's data: only its owner may read it.
mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
let taken = false;
try {
  // Created empty first, readable by its owner only, and never over an earlier backup.
  closeSync(openSync(file, 'wx', 0o600));
  taken = true;
  const result = url ? await dumpPostgres(url, file, { bin: env('PG_BIN') }) : await dumpEmbedded(env('DATA_DIR') ?? './data', file);
  const manifest: Omit<Manifest, 'format'> = {
    driver,
    createdAt: createdAt.toISOString(),
    appVersion: appVersion(),
    file: path.basename(file),
    bytes: statSync(file).size,
    sha256: await sha256Of(file),
    inventory: result.inventory,
    timings: { inventoryMs: Math.round(result.inventoryMs), dumpMs: Math.round(result.dumpMs) },
  };
  writeManifest(file, manifest);
  const shown = path.relative(process.cwd(), file).startsWith('..') ? file : path.relative(process.cwd(), file);
  console.log(backupReport(shown, { format: 'samverkan-backup/1', ...manifest }));
  if (!result.inventory.audit.whole) {
    console.error('Säkerhetskopian är tagen, men granskningsloggen är inte hel (se ovan). Utred innan kopian används.');
    process.exitCode = 1;
  }
} catch (err) {
  if (taken) rmSync(file, { force: true });
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EEXIST') {
    console.error(`${file} finns redan; en säkerhetskopia skrivs aldrig över.`);
    process.exitCode = 2;
  } else if (err instanceof BackupRefused) {
    console.error(err.message);
    process.exitCode = 2;
  } else {
    console.error(`Säkerhetskopieringen misslyckades: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  }
}
