import { createHash } from 'node:crypto';
import { createReadStream, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ManifestError } from './backup.errors.ts';
import type { Inventory } from './backup.inventory.ts';

/**
 * The description written beside every dump (`<dump>.json`): what the database held when it was
 * taken, counted in the dump's own snapshot, so a restore can be checked against it. Counts,
 * names and checksums only: nothing about a family or a person.
 */
export type Manifest = {
  format: typeof FORMAT;
  driver: 'pg' | 'pglite';
  createdAt: string;
  appVersion: string;
  /** The dump's file name (beside this file), its size and SHA-256. */
  file: string;
  bytes: number;
  sha256: string;
  inventory: Inventory;
  timings: { inventoryMs: number; dumpMs: number };
};

const FORMAT = 'samverkan-backup/1';

const tableFacts = z.object({
  rows: z.number().int().min(0),
  rowSecurity: z.enum(['off', 'on', 'forced']),
  policies: z.string(),
  triggers: z.string(),
  grants: z.string(),
});
const manifestSchema = z.object({
  format: z.literal(FORMAT),
  driver: z.enum(['pg', 'pglite']),
  createdAt: z.string(),
  appVersion: z.string(),
  file: z.string(),
  bytes: z.number().int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  inventory: z.object({
    server: z.string(),
    owner: z.string(),
    migrations: z.number().int().min(0),
    tables: z.record(z.string(), tableFacts),
    functions: z.record(z.string(), z.object({ securityDefiner: z.boolean(), grants: z.string() })),
    roles: z.array(z.string()),
    audit: z.object({ rows: z.number().int().min(0), head: z.string().nullable(), whole: z.boolean(), text: z.string() }),
  }),
  timings: z.object({ inventoryMs: z.number(), dumpMs: z.number() }),
});

export const manifestPath = (dumpFile: string) => `${dumpFile}.json`;

export function appVersion(): string {
  const pkg = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../../package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

export function writeManifest(dumpFile: string, manifest: Omit<Manifest, 'format'>) {
  writeFileSync(manifestPath(dumpFile), `${JSON.stringify({ format: FORMAT, ...manifest }, null, 2)}\n`, { mode: 0o600 });
}

export function readManifest(dumpFile: string): Manifest {
  const file = manifestPath(dumpFile);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new ManifestError(`Beskrivningen ${file} saknas eller går inte att läsa. Den skrivs bredvid varje säkerhetskopia och behövs för att kontrollera återställningen.`);
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) throw new ManifestError(`${file} är ingen beskrivning av en säkerhetskopia (format ${FORMAT}).`);
  return parsed.data;
}

export async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

const LISTS: { key: 'policies' | 'triggers' | 'grants'; what: string }[] = [
  { key: 'policies', what: 'policyer' },
  { key: 'triggers', what: 'triggrar' },
  { key: 'grants', what: 'behörigheter' },
];

/** What a list of names lacks and has beyond the backup's, rather than both lists whole. */
function listDiff(got: string, want: string): string {
  const [g, w] = [got, want].map((v) => new Set(v ? v.split(', ') : []));
  const lacks = [...w!].filter((x) => !g!.has(x));
  const extra = [...g!].filter((x) => !w!.has(x));
  return [lacks.length ? `saknar ${lacks.join(', ')}` : '', extra.length ? `har utöver kopian ${extra.join(', ')}` : ''].filter(Boolean).join('; ');
}

/**
 * Every way the restored database differs from what the backup held, in plain Swedish; empty
 * when it is the same: the same tables with the same rows and guards, the same functions, and an
 * audit chain that is whole and ends exactly at the anchor taken with the backup.
 */
export function differences(expected: Inventory, actual: Inventory): string[] {
  const out: string[] = [];
  for (const [name, want] of Object.entries(expected.tables)) {
    const got = actual.tables[name];
    if (!got) {
      out.push(`Tabellen ${name} saknas (${want.rows} rader i kopian).`);
      continue;
    }
    if (got.rows !== want.rows) out.push(`${name}: ${got.rows} rader, kopian hade ${want.rows}.`);
    if (got.rowSecurity !== want.rowSecurity) out.push(`${name}: radsäkerhet ${got.rowSecurity}, kopian hade ${want.rowSecurity}.`);
    for (const { key, what } of LISTS) if (got[key] !== want[key]) out.push(`${name}: ${what} – ${listDiff(got[key], want[key])}.`);
  }
  for (const name of Object.keys(actual.tables)) if (!expected.tables[name]) out.push(`Tabellen ${name} fanns inte i kopian.`);
  for (const [name, want] of Object.entries(expected.functions)) {
    const got = actual.functions[name];
    if (!got) out.push(`Funktionen ${name} saknas.`);
    else if (got.securityDefiner !== want.securityDefiner) out.push(`Funktionen ${name}: security definer ${got.securityDefiner ? 'på' : 'av'}, i kopian ${want.securityDefiner ? 'på' : 'av'}.`);
    else if (got.grants !== want.grants) out.push(`Funktionen ${name}: behörigheter – ${listDiff(got.grants, want.grants)}.`);
  }
  for (const name of Object.keys(actual.functions)) if (!expected.functions[name]) out.push(`Funktionen ${name} fanns inte i kopian.`);
  if (!expected.audit.whole) {
    // Backed up broken (the backup said so): the copy is faithful when it breaks at the same row.
    if (actual.audit.text !== expected.audit.text) out.push(`${actual.audit.text} I kopian: ${expected.audit.text}`);
  } else if (!actual.audit.whole) out.push(actual.audit.text);
  else if (actual.audit.head !== expected.audit.head) {
    out.push(`Granskningsloggen slutar inte vid ankaret från kopian: senaste rad är ${actual.audit.head ?? '(ingen)'}, ankaret ${expected.audit.head ?? '(tom logg)'}.`);
  }
  return out;
}
