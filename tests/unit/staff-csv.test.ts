import { describe, expect, test } from 'vitest';
import { looksLikeFormula, MAX_ROWS, parseStaffCsv, roleOf } from '../../server/modules/people/people.csv.ts';

describe('reading a staff list', () => {
  test('semicolons, a BOM, Swedish headers and Windows line ends, as Excel saves them; empty lines skipped; each row keeps its line', () => {
    const file = parseStaffCsv('\uFEFFNamn;E-post;Roll;Verksamhet;Avdelning;Telefon\r\nLina Holm;lina@skola.example;Pedagog;Vällingbyskolan;F–3;08-123 45 67\r\n\r\nOla Ek;ola@skola.example;rektor;Vällingbyskolan;;\r\n');
    expect(file).toEqual({
      ok: true,
      rows: [
        { line: 2, cells: { name: 'Lina Holm', email: 'lina@skola.example', role: 'Pedagog', organisation: 'Vällingbyskolan', section: 'F–3', phone: '08-123 45 67' } },
        { line: 4, cells: { name: 'Ola Ek', email: 'ola@skola.example', role: 'rektor', organisation: 'Vällingbyskolan' } },
      ],
    });
  });

  test('commas and English headers in any order; a quoted cell may hold the separator', () => {
    const file = parseStaffCsv('email,organisation,role,name\nper@x.example,"Skolan, norra",pedagogue,Per\n');
    expect(file).toEqual({ ok: true, rows: [{ line: 2, cells: { email: 'per@x.example', organisation: 'Skolan, norra', role: 'pedagogue', name: 'Per' } }] });
  });

  test('a header without a required column, or with one nobody knows, is refused naming them', () => {
    const tail = 'Rubrikerna ska vara name, email, role, organisation, section, phone (eller namn, e-post, roll, verksamhet, avdelning, telefon).';
    expect(parseStaffCsv('namn;e-post;verksamhet\nA;a@x.se;S\n')).toEqual({ ok: false, message: `Rubrikraden stämmer inte: kolumnen role saknas. ${tail}` });
    expect(parseStaffCsv('namn;verksamhet\n')).toEqual({ ok: false, message: `Rubrikraden stämmer inte: kolumnen email, role saknas. ${tail}` });
    expect(parseStaffCsv('namn;e-post;roll;verksamhet;skostorlek;hobby\n')).toEqual({ ok: false, message: `Rubrikraden stämmer inte: okänd rubrik "skostorlek", "hobby". ${tail}` });
    expect(parseStaffCsv(`namn;roll;verksamhet;${'x'.repeat(50)}\n`)).toEqual({ ok: false, message: `Rubrikraden stämmer inte: kolumnen email saknas; okänd rubrik "${'x'.repeat(40)}". ${tail}` });
  });

  test('an empty file, an unclosed quote and too many rows are refused in Swedish', () => {
    expect(parseStaffCsv('')).toMatchObject({ ok: false, message: expect.stringContaining('Filen är tom') });
    expect(parseStaffCsv('name,email,role,organisation\nA,a@x.se,pedagog,S\n"B,b@c.se,pedagog,S\n')).toMatchObject({ ok: false, message: expect.stringMatching(/^Filen gick inte att läsa som CSV \(rad \d\)\. Spara den/) });
    const many = `name,email,role,organisation\n${'A,a@x.se,pedagog,S\n'.repeat(MAX_ROWS + 1)}`;
    expect(parseStaffCsv(many)).toMatchObject({ ok: false, message: expect.stringContaining(`högst ${MAX_ROWS}`) });
    const enough = `name,email,role,organisation\n${'A,a@x.se,pedagog,S\n'.repeat(MAX_ROWS)}`;
    expect(parseStaffCsv(enough).ok).toBe(true);
  });

  test('roles as the portal says them, in any case; the admin role is never read from a file', () => {
    expect(['Pedagog', 'LÄRARE', 'förskollärare', 'pedagogue'].map(roleOf)).toEqual(['pedagogue', 'pedagogue', 'pedagogue', 'pedagogue']);
    expect(['Rektor', 'förskolechef', 'Elevhälsa', 'Polis', 'Samverkanspartner', 'Socialsekreterare', 'Enhetschef'].map(roleOf)).toEqual(['principal', 'principal', 'pupil_health', 'police', 'partner', 'social_worker', 'team_lead']);
    expect(roleOf('  Pedagog ')).toBe('pedagogue');
    expect(roleOf('admin')).toBeUndefined();
    expect(roleOf('systemförvaltare')).toBeUndefined();
  });

  test('a cell Excel would run as a formula is caught; a phone number with + or a name with a dash is not', () => {
    for (const cell of ['=HYPERLINK("http://x")', '@SUM(A1)', '+1+1', '-2+3', '\t=1', ' =1']) expect(looksLikeFormula(cell, 'name'), cell).toBe(true);
    expect(looksLikeFormula('+46 8 123 45 67', 'phone')).toBe(false);
    expect(looksLikeFormula('-46 8 123', 'phone')).toBe(true);
    expect(looksLikeFormula(' +46 8 123 45 67 ', 'phone')).toBe(false);
    expect(looksLikeFormula('+46 8 123 45 67', 'name')).toBe(true);
    expect(looksLikeFormula('+46 8 =1', 'phone')).toBe(true);
    expect(looksLikeFormula('Anna-Karin', 'name')).toBe(false);
    expect(looksLikeFormula('F–3', 'section')).toBe(false);
  });
});
