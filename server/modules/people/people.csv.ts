import { parse } from 'csv-parse/sync';
import type { Role } from '../../contracts/auth.ts';

/** The columns of a staff list, by the names a header may give them (English as API.md, or Swedish as Excel users write them). */
const COLUMNS = {
  name: ['name', 'namn'],
  email: ['email', 'e-post', 'epost', 'e-postadress', 'mejl'],
  role: ['role', 'roll'],
  organisation: ['organisation', 'organization', 'verksamhet', 'skola', 'förskola'],
  section: ['section', 'avdelning', 'stadium', 'arbetslag'],
  phone: ['phone', 'telefon', 'telefonnummer', 'mobil'],
} as const;
export type Column = keyof typeof COLUMNS;
const REQUIRED: readonly Column[] = ['name', 'email', 'role', 'organisation'];

/** At most this many people in one file: a district's staff, not a city's population register. */
export const MAX_ROWS = 5000;

export type CsvRow = { line: number; cells: Partial<Record<Column, string>> };
export type CsvFile = { ok: true; rows: CsvRow[] } | { ok: false; message: string };

/** A role as the file may write it: the code or the Swedish word the portal shows. */
const ROLE_WORDS: Record<string, Exclude<Role, 'admin'>> = {
  pedagogue: 'pedagogue', pedagog: 'pedagogue', lärare: 'pedagogue', förskollärare: 'pedagogue', barnskötare: 'pedagogue',
  principal: 'principal', rektor: 'principal', förskolechef: 'principal',
  pupil_health: 'pupil_health', elevhälsa: 'pupil_health',
  police: 'police', polis: 'police',
  partner: 'partner', samverkanspartner: 'partner',
  social_worker: 'social_worker', socialsekreterare: 'social_worker',
  team_lead: 'team_lead', enhetschef: 'team_lead', teamledare: 'team_lead',
};
export const roleOf = (word: string) => ROLE_WORDS[word.trim().toLowerCase()];

/**
 * A cell a spreadsheet would run as a formula (OWASP "CSV injection"): = or @ first, after any
 * spaces, tabs or returns; + and - too, but for a phone number that starts with +.
 */
export function looksLikeFormula(value: string, column: Column): boolean {
  const first = value.trimStart().charAt(0);
  if (first === '=' || first === '@') return true;
  return (first === '+' || first === '-') && !(column === 'phone' && /^\+[0-9][0-9 -]*$/.test(value.trim()));
}

/** Parses the file Excel saves (`;` or `,`, UTF-8 with or without BOM) into rows by column, with their line numbers. */
export function parseStaffCsv(text: string): CsvFile {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // With `info` every record comes with its line; the library's types do not say so.
    records = parse(text, { bom: true, delimiter: [';', ','], relax_column_count: true, skip_empty_lines: true, trim: true, info: true, max_record_size: 4096 }) as unknown as typeof records;
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    return { ok: false, message: `Filen gick inte att läsa som CSV${line ? ` (rad ${line})` : ''}. Spara den från Excel som "CSV UTF-8" och försök igen.` };
  }
  const [header, ...body] = records;
  if (!header) return { ok: false, message: 'Filen är tom. Den första raden ska vara rubrikerna: name, email, role, organisation, section, phone.' };
  const columns = header.record.map((h) => (Object.keys(COLUMNS) as Column[]).find((c) => (COLUMNS[c] as readonly string[]).includes(h.toLowerCase())));
  const unknown = header.record.filter((_, i) => !columns[i]);
  const missing = REQUIRED.filter((c) => !columns.includes(c));
  if (unknown.length || missing.length) {
    const parts = [...(missing.length ? [`kolumnen ${missing.join(', ')} saknas`] : []), ...(unknown.length ? [`okänd rubrik ${unknown.map((u) => `"${u.slice(0, 40)}"`).join(', ')}`] : [])];
    return { ok: false, message: `Rubrikraden stämmer inte: ${parts.join('; ')}. Rubrikerna ska vara name, email, role, organisation, section, phone (eller namn, e-post, roll, verksamhet, avdelning, telefon).` };
  }
  if (body.length > MAX_ROWS) return { ok: false, message: `Filen har ${body.length} rader. Dela upp den: högst ${MAX_ROWS} personer åt gången.` };
  return {
    ok: true,
    rows: body.map(({ record, info }) => ({
      line: info.lines,
      cells: Object.fromEntries(columns.flatMap((c, i) => (c && record[i] ? [[c, record[i]]] : []))) as Partial<Record<Column, string>>,
    })),
  };
}
