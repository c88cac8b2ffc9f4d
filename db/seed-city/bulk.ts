import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../client.ts';

/** One column of a bulk insert: its name, the element type it is sent as, and an optional cast to the column's type. */
export type Column = readonly [name: string, type: string, cast?: string];
export type Value = string | number | boolean | Date | null | undefined;

/** Rows per statement: big enough that round trips do not count, small enough to keep each message a few MB. */
export const BATCH = 10_000;

const needsEscape = /["\\]/;

/** A PostgreSQL array literal, built here rather than by the driver: the same on pg and PGlite, and fast. */
export function arrayLiteral(values: Value[]): string {
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) parts[i] = 'NULL';
    else if (typeof v === 'number' || typeof v === 'boolean') parts[i] = String(v);
    else {
      const s = v instanceof Date ? v.toISOString() : v;
      parts[i] = `"${needsEscape.test(s) ? s.replace(/\\/g, '\\\\').replace(/"/g, '\\"') : s}"`;
    }
  }
  return `{${parts.join(',')}}`;
}

/**
 * Writes rows (values in column order) with one `insert … select from unnest(…)` per batch: one
 * array parameter per column, so a statement of ten thousand rows is a single round trip. With
 * `ordered`, the rows keep their order through the insert (ids from a sequence follow it).
 */
export async function insertRows(tx: Tx, table: string, columns: readonly Column[], rows: Value[][], opts: { ordered?: boolean; batch?: number } = {}) {
  const size = opts.batch ?? BATCH;
  const names = columns.map(([name]) => `"${name}"`).join(', ');
  const aliases = columns.map((_, i) => `c${i}`);
  const selected = columns.map(([, , cast], i) => (cast ? `c${i}::${cast}` : `c${i}`)).join(', ');
  for (let start = 0; start < rows.length; start += size) {
    const part = rows.slice(start, start + size);
    const arrays: SQL[] = columns.map(([, type], i) => sql`${arrayLiteral(part.map((r) => r[i]))}::${sql.raw(type)}[]`);
    const source = opts.ordered
      ? sql`unnest(${sql.join(arrays, sql`, `)}) with ordinality as r(${sql.raw(aliases.join(', '))}, ord) order by ord`
      : sql`unnest(${sql.join(arrays, sql`, `)}) as r(${sql.raw(aliases.join(', '))})`;
    await tx.execute(sql`insert into ${sql.raw(`"${table}"`)} (${sql.raw(names)}) select ${sql.raw(selected)} from ${source}`);
  }
  return rows.length;
}

/** A small seeded random source: the same city every run, so benches compare like with like. */
export function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Calendar arithmetic on Stockholm dates (plain dates: no time zone involved). */
export const plusDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
