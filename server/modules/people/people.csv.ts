import { looksLikeFormula as isFormula, parseCsvTable, type CsvTable } from '../../lib/csv-table.ts';
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
export type CsvFile = CsvTable<Column>;

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

/** A cell of the staff list a spreadsheet would run as a formula (a phone number may start with +). */
export const looksLikeFormula = (value: string, column: Column) => isFormula(value, column === 'phone');

/** Parses a staff list as Excel saves it into rows by column, with their line numbers. */
export const parseStaffCsv = (text: string): CsvFile =>
  parseCsvTable(text, {
    columns: COLUMNS,
    required: REQUIRED,
    maxRows: MAX_ROWS,
    headerHelp: 'name, email, role, organisation, section, phone (eller namn, e-post, roll, verksamhet, avdelning, telefon)',
    rowsAre: 'personer',
  });
