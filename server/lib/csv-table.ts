import { parse } from 'csv-parse/sync';
import { controlChars } from '../contracts/text.ts';

/** A table read from a CSV file: each row's cells by column, with its line in the file. */
export type CsvRow<C extends string> = { line: number; cells: Partial<Record<C, string>> };
export type CsvTable<C extends string> = { ok: true; rows: CsvRow<C>[] } | { ok: false; message: string };

type Shape<C extends string> = {
  /** Each column by the names a header may give it (English as API.md, Swedish as people write it), lower case. */
  columns: Record<C, readonly string[]>;
  required: readonly C[];
  maxRows: number;
  /** What the header should read, for the message when it does not. */
  headerHelp: string;
  /** What a row is ("personer", "verksamheter"), for the messages. */
  rowsAre: string;
};

/**
 * Parses the file Excel saves (`;` or `,`, UTF-8 with or without BOM; csv-parse) into rows by
 * column, with their line numbers, or a Swedish sentence saying what is wrong with the file.
 */
export function parseCsvTable<C extends string>(text: string, shape: Shape<C>): CsvTable<C> {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // With `info` every record comes with its line; the library's types do not say so.
    records = parse(text, { bom: true, delimiter: [';', ','], relax_column_count: true, skip_empty_lines: true, trim: true, info: true, max_record_size: 4096 }) as unknown as typeof records;
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    return { ok: false, message: `Filen gick inte att läsa som CSV${line ? ` (rad ${line})` : ''}. Spara den från Excel som "CSV UTF-8" och försök igen.` };
  }
  // No spreadsheet writes control characters, and PostgreSQL text cannot hold NUL: such a file is
  // refused by its line before any cell is looked up.
  const garbled = records.find(({ record }) => record.some((cell) => controlChars.test(cell)));
  if (garbled) return { ok: false, message: `Rad ${garbled.info.lines} innehåller otillåtna tecken. Spara filen från Excel som "CSV UTF-8" och försök igen.` };
  const [header, ...body] = records;
  if (!header) return { ok: false, message: `Filen är tom. Den första raden ska vara rubrikerna: ${shape.headerHelp}.` };
  const names = Object.keys(shape.columns) as C[];
  const columns = header.record.map((h) => names.find((c) => shape.columns[c].includes(h.toLowerCase())));
  const unknown = header.record.filter((_, i) => !columns[i]);
  const missing = shape.required.filter((c) => !columns.includes(c));
  if (unknown.length || missing.length) {
    const parts = [...(missing.length ? [`kolumnen ${missing.join(', ')} saknas`] : []), ...(unknown.length ? [`okänd rubrik ${unknown.map((u) => `"${u.slice(0, 40)}"`).join(', ')}`] : [])];
    return { ok: false, message: `Rubrikraden stämmer inte: ${parts.join('; ')}. Rubrikerna ska vara ${shape.headerHelp}.` };
  }
  if (body.length > shape.maxRows) return { ok: false, message: `Filen har ${body.length} rader. Dela upp den: högst ${shape.maxRows} ${shape.rowsAre} åt gången.` };
  return {
    ok: true,
    rows: body.map(({ record, info }) => ({
      line: info.lines,
      cells: Object.fromEntries(columns.flatMap((c, i) => (c && record[i] ? [[c, record[i]]] : []))) as Partial<Record<C, string>>,
    })),
  };
}

/**
 * A cell a spreadsheet would run as a formula (OWASP "CSV injection"): = or @ first, after any
 * spaces, tabs or returns; + and - too, but for a phone number that starts with +.
 */
export function looksLikeFormula(value: string, isPhone = false): boolean {
  const first = value.trimStart().charAt(0);
  if (first === '=' || first === '@') return true;
  return (first === '+' || first === '-') && !(isPhone && /^\+[0-9][0-9 -]*$/.test(value.trim()));
}

export const FORMULA_MESSAGE = 'Cellen börjar som en formel i Excel (med = + - eller @). Skriv bara texten.';
