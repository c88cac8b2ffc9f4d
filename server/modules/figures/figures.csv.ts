import type { Figures } from '../../contracts/figures.ts';
import { looksLikeFormula } from '../../lib/csv-table.ts';

const UNITS = { count: 'antal', percent: 'procent', days: 'dagar', people: 'personer' } as const;

/** A cell as Excel reads it: quoted when needed, and never a formula (OWASP: a leading ' makes it text). */
function cell(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && looksLikeFormula(text)) text = `'${text}`;
  return /[;"\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The figures as the CSV Excel opens by double-click in Sweden: `;` between cells, UTF-8 with BOM, decimal comma. */
export function figuresCsv(f: Figures): string {
  const number = (v: number | string) => (typeof v === 'number' ? String(v).replace('.', ',') : v);
  const rows = [
    ['Mått', 'Värde', 'Enhet', 'Pilotens värde', 'Ordinarie verksamhet', 'Från', 'Till'],
    ...f.metrics.map((m) => [m.label, number(m.value), UNITS[m.unit], m.reference ? number(m.reference.pilot) : '', m.reference ? number(m.reference.ordinary) : '', f.from, f.to]),
  ];
  return `\uFEFF${rows.map((r) => r.map(cell).join(';')).join('\r\n')}\r\n`;
}
