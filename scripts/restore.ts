// npm run restore -- <fil> [--database <url>] [--replace] [--check]
// Restores a backup from `npm run backup` and checks the result against its description
// (<fil>.json): the file's SHA-256, the rows of every table, row-level security, policies,
// triggers and grants, and the audit chain, which must be whole and end at the anchor taken with
// the backup.
//
// PostgreSQL: into an empty database (--database, else BACKUP_DATABASE_URL, MIGRATION_DATABASE_URL
// or DATABASE_URL), as a role that sees every row (the superuser); the roles must exist and the
// schema's owner must own the database. --replace drops what the database holds first.
// Embedded: into DATA_DIR/pglite, with the app stopped; --replace moves the old folder aside.
// --check restores nothing: it checks the database already there against the description.
// Exit 0 = restored (or checked) and the same as the backup; 1 = failed or differs; 2 = refused.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { checkEmbedded, restoreEmbedded } from '../server/modules/backup/backup.embedded.ts';
import { BackupRefused, ManifestError } from '../server/modules/backup/backup.errors.ts';
import { differences, readManifest, sha256Of } from '../server/modules/backup/backup.manifest.ts';
import { checkPostgres, restorePostgres } from '../server/modules/backup/backup.postgres.ts';
import { checkReport, restoreHeader, seconds } from '../server/modules/backup/backup.report.ts';

const USAGE = 'Användning: npm run restore -- <fil> [--database postgres://…] [--replace] [--check]';
const env = (name: string) => process.env[name] || undefined;

function refuse(message: string): never {
  console.error(message);
  process.exit(2);
}

let args;
try {
  args = parseArgs({ allowPositionals: true, options: { database: { type: 'string' }, replace: { type: 'boolean' }, check: { type: 'boolean' } } });
} catch (err) {
  refuse(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
}
// The dump is named, though its description beside it will do too.
const given = args.positionals[0]?.replace(/\.json$/, '');
if (!given || args.positionals.length > 1) refuse(USAGE);
const file = path.resolve(given);
if (!existsSync(file)) refuse(`${given} finns inte.`);
const { replace = false, check = false } = args.values;

const started = performance.now();
try {
  const manifest = readManifest(file);
  console.log(restoreHeader(given, manifest));
  if (statSync(file).size !== manifest.bytes || (await sha256Of(file)) !== manifest.sha256) {
    console.error('  Filen stämmer inte med kontrollsumman i beskrivningen: den är skadad, avkortad eller ändrad. Använd en annan säkerhetskopia.');
    process.exit(1);
  }
  console.log('  Filen stämmer med sin kontrollsumma (SHA-256).');

  let actual;
  // The embedded copy is checked where it was unpacked and only then put in place.
  let settle: ((same: boolean) => string) | undefined;
  if (manifest.driver === 'pg') {
    const url = args.values.database ?? env('BACKUP_DATABASE_URL') ?? env('MIGRATION_DATABASE_URL') ?? env('DATABASE_URL');
    if (!url) refuse('Ange måldatabasen: --database postgres://…');
    if (!check) {
      const restored = await restorePostgres(url, file, manifest.inventory, { replace, tools: { bin: env('PG_BIN') } });
      console.log(`  ${restored.replaced ? 'Ersatte innehållet i' : 'Återställde till'} databasen ${restored.database} med pg_restore på ${seconds(restored.restoreMs)}.`);
    }
    const checkStarted = performance.now();
    actual = await checkPostgres(url, manifest.inventory.audit.head);
    console.log(`  Kontrollerade på ${seconds(performance.now() - checkStarted)}:`);
  } else {
    if (args.values.database) refuse('En inbäddad säkerhetskopia återställs till DATA_DIR, inte till en PostgreSQL-databas.');
    const dataDir = env('DATA_DIR') ?? './data';
    const target = path.resolve(dataDir, 'pglite');
    if (check) {
      const checkStarted = performance.now();
      actual = await checkEmbedded(dataDir, manifest.inventory.audit.head);
      console.log(`  Kontrollerade ${target} på ${seconds(performance.now() - checkStarted)}:`);
    } else {
      const restored = await restoreEmbedded(dataDir, file, manifest.inventory, { replace });
      actual = restored.inventory;
      console.log(`  Packade upp på ${seconds(restored.restoreMs)} och kontrollerade på ${seconds(restored.checkMs)}:`);
      settle = (same) => {
        if (!same) {
          restored.discard();
          return `  Kopian togs inte i bruk: ${target} är orörd.`;
        }
        const aside = restored.commit();
        return `  Den återställda databasen ligger i ${target}${aside ? `; den tidigare finns kvar i ${aside}` : ''}.`;
      };
    }
  }
  const diffs = differences(manifest.inventory, actual);
  console.log(checkReport(manifest, actual, diffs));
  if (settle) console.log(settle(diffs.length === 0));
  if (diffs.length) {
    console.error(check ? 'Databasen stämmer inte med säkerhetskopian.' : 'Återställningen stämmer inte med säkerhetskopian: använd inte databasen förrän avvikelserna är utredda.');
    process.exitCode = 1;
  } else {
    console.log(`${check ? 'Kontrollen' : 'Återställningen'} är klar på ${seconds(performance.now() - started)}: databasen är densamma som i säkerhetskopian.`);
  }
} catch (err) {
  if (err instanceof BackupRefused || err instanceof ManifestError) refuse(err.message);
  console.error(`Återställningen misslyckades: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}
