import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Inventory } from './backup.inventory.ts';
import type { Manifest } from './backup.manifest.ts';

// What `npm run backup` and `npm run restore` print: counts, names and times, never a row's content.

export const seconds = (ms: number) => `${(ms / 1000).toFixed(1).replace('.', ',')} s`;

export const size = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1).replace('.', ',')} MB` : `${Math.max(1, Math.round(bytes / 1024))} kB`;

const rowsIn = (inv: Inventory) => Object.values(inv.tables).reduce((sum, t) => sum + t.rows, 0);

export function contents(inv: Inventory): string {
  return `${inv.server}, ${Object.keys(inv.tables).length} tabeller med ${rowsIn(inv)} rader, ${inv.migrations} migreringar`;
}

export function guards(inv: Inventory): string {
  const tables = Object.values(inv.tables);
  const forced = tables.filter((t) => t.rowSecurity === 'forced').length;
  const policies = tables.reduce((sum, t) => sum + (t.policies ? t.policies.split(', ').length : 0), 0);
  const triggers = tables.reduce((sum, t) => sum + (t.triggers ? t.triggers.split(', ').length : 0), 0);
  return `${forced} tabeller med tvingad radsäkerhet, ${policies} policyer, ${triggers} triggrar, behörigheter för ${inv.roles.length} roller`;
}

/** The audit verdict's own sentence, without its "new anchor" line: the anchor is the backup's. */
export const auditLine = (inv: Inventory) => inv.audit.text.split('\n')[0]!;

const migrationsKnown = () =>
  (JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../../db/migrations/meta/_journal.json'), 'utf8')) as { entries: unknown[] }).entries.length;

export function backupReport(file: string, m: Manifest): string {
  const inv = m.inventory;
  return [
    `Säkerhetskopia: ${file} (${size(m.bytes)})`,
    `  ${contents(inv)}.`,
    `  Räknat på ${seconds(m.timings.inventoryMs)}, kopierat på ${seconds(m.timings.dumpMs)}.`,
    `  ${auditLine(inv)}`,
    inv.audit.head
      ? `  Ankare: ${inv.audit.head}\n  Spara ankaret utanför servern; kontrollera senare med: npm run audit:verify -- ${inv.audit.head}`
      : `  Inget ankare: granskningsloggen är ${inv.audit.whole ? 'tom' : 'bruten'}.`,
    `Beskrivning (antal rader, skydd, ankare, kontrollsumma): ${file}.json`,
  ].join('\n');
}

export function restoreHeader(file: string, m: Manifest): string {
  return `Återställer ${file} (${m.driver === 'pg' ? 'PostgreSQL' : 'inbäddad databas'}, ${size(m.bytes)}, tagen ${m.createdAt}, app ${m.appVersion}).`;
}

export function checkReport(expected: Manifest, actual: Inventory, diffs: string[]): string {
  const lines: string[] = [];
  if (diffs.length === 0) {
    lines.push(`  Rader: ${Object.keys(actual.tables).length} tabeller med ${rowsIn(actual)} rader, tabell för tabell som i kopian.`);
    lines.push(`  Skydd som i kopian: ${guards(actual)}.`);
    lines.push(`  ${auditLine(actual)}${actual.audit.head ? ` Senaste raden är ankaret ${actual.audit.head.split(':')[0]}.` : ''}`);
  } else {
    lines.push(`  STÄMMER INTE med kopian (${diffs.length} avvikelser):`);
    for (const d of diffs) lines.push(`  - ${d}`);
  }
  const known = migrationsKnown();
  if (expected.inventory.migrations > known) {
    lines.push(`  Obs: kopian har ${expected.inventory.migrations} migreringar, den här versionen av appen bara ${known}. Starta med version ${expected.appVersion} eller senare.`);
  }
  return lines.join('\n');
}
