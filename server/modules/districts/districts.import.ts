import type { OrganisationKind } from '../../contracts/organisations.ts';
import type { ImportResult } from '../../contracts/imports.ts';
import { inDistrictScope, requireDistrictScope, type Actor } from '../../lib/access.ts';
import type { Clock } from '../../lib/clock.ts';
import { FORMULA_MESSAGE, looksLikeFormula, parseCsvTable, type CsvRow } from '../../lib/csv-table.ts';
import { errors, sqlState, type FieldError } from '../../lib/errors.ts';
import { auditFacts } from '../audit/audit.models.ts';
import type { DistrictsRepository } from './districts.repository.ts';

const COLUMNS = {
  name: ['name', 'namn'],
  kind: ['kind', 'typ', 'sort'],
  parent: ['parent', 'enhet', 'förskoleenhet'],
  team: ['team', 'socialtjänst', 'betjänas av'],
  sections: ['sections', 'avdelningar', 'stadier'],
} as const;
type Column = keyof typeof COLUMNS;

/** A kind as the file may write it: the code or the Swedish words people use. */
const KIND_WORDS: Record<string, OrganisationKind> = {
  school: 'school', skola: 'school', grundskola: 'school',
  preschool: 'preschool', förskola: 'preschool',
  preschool_unit: 'preschool_unit', förskoleenhet: 'preschool_unit',
  police: 'police', polis: 'police', polisområde: 'police', lokalpolisområde: 'police',
  social_services: 'social_services', team: 'social_services', socialtjänst: 'social_services',
  child_health: 'child_health', bvc: 'child_health', barnavårdscentral: 'child_health',
  health_care: 'health_care', bup: 'health_care', vårdcentral: 'health_care', 'hälso- och sjukvård': 'health_care',
  youth_services: 'youth_services', fritid: 'youth_services', fritidsgård: 'youth_services', fältassistenter: 'youth_services',
  social_services_unit: 'social_services_unit', socialtjänstenhet: 'social_services_unit',
  other: 'other', annan: 'other', övrig: 'other',
};

/** Sections in one cell, separated by | (the file's own separators are ; and ,). */
const sectionsOf = (cell: string | undefined) => (cell ? cell.split('|').map((s) => s.trim()).filter(Boolean) : []);

type Valid = { line: number; name: string; kind: OrganisationKind; parent: string | null; team: string | null; sections: string[] };
// Written in this order, so a preschool's unit and a school's team exist before they are named.
const ORDER: OrganisationKind[] = ['social_services', 'preschool_unit'];
const rank = (k: OrganisationKind) => (ORDER.includes(k) ? ORDER.indexOf(k) : ORDER.length);

type Deps = { transaction: <T>(work: (tx: DistrictsRepository) => Promise<T>) => Promise<T>; clock: Clock };

/**
 * A district's organisations from a CSV file (name, kind, parent, team, sections): every row is
 * checked against the district and the rest of the file, nothing is written while any row is
 * wrong or on a dry run; then one transaction writes all, teams and units first.
 */
export function createOrganisationsImport({ transaction, clock }: Deps) {
  function check(rows: CsvRow<Column>[], existing: { id: string; name: string; kind: OrganisationKind }[]) {
    const inFile = new Map<string, { kind: OrganisationKind | undefined; line: number }>();
    for (const r of rows) if (r.cells.name && !inFile.has(r.cells.name.toLowerCase())) inFile.set(r.cells.name.toLowerCase(), { kind: KIND_WORDS[(r.cells.kind ?? '').toLowerCase()], line: r.line });
    const named = (name: string) => existing.find((o) => o.name.toLowerCase() === name.toLowerCase())?.kind ?? inFile.get(name.toLowerCase())?.kind;
    return rows.map((row): { result: ImportResult['rows'][number]; org?: Valid } => {
      const c = row.cells;
      const errs: FieldError[] = [];
      for (const [column, value] of Object.entries(c) as [Column, string][]) if (looksLikeFormula(value)) errs.push({ field: column, message: FORMULA_MESSAGE });
      if (errs.length) return { result: { line: row.line, ok: false, errors: errs } };
      const name = c.name ?? '';
      const kind = KIND_WORDS[(c.kind ?? '').toLowerCase()];
      if (name.length < 2 || name.length > 120) errs.push({ field: 'name', message: name ? 'Namnet ska vara 2–120 tecken.' : 'Namn saknas.' });
      else if (existing.some((o) => o.name.toLowerCase() === name.toLowerCase())) errs.push({ field: 'name', message: `Det finns redan en verksamhet som heter ${name} i stadsdelen.` });
      else if (inFile.get(name.toLowerCase())!.line !== row.line) errs.push({ field: 'name', message: `${name} finns redan på rad ${inFile.get(name.toLowerCase())!.line}.` });
      if (!kind) errs.push({ field: 'kind', message: c.kind ? `Okänd typ "${c.kind.slice(0, 40)}". Skriv skola, förskola, förskoleenhet, polis, socialtjänst, BVC, BUP, fritid, socialtjänstenhet eller annan.` : 'Typ saknas.' });
      if (c.parent && kind !== 'preschool') errs.push({ field: 'parent', message: 'Bara en förskola hör till en förskoleenhet.' });
      else if (c.parent && named(c.parent) !== 'preschool_unit') errs.push({ field: 'parent', message: `Det finns ingen förskoleenhet som heter "${c.parent.slice(0, 80)}" i stadsdelen eller filen.` });
      if (c.team && kind === 'social_services') errs.push({ field: 'team', message: 'Ett team betjänas inte av ett annat team.' });
      else if (c.team && named(c.team) !== 'social_services') errs.push({ field: 'team', message: `Det finns inget socialtjänstteam som heter "${c.team.slice(0, 80)}" i stadsdelen eller filen.` });
      const sections = sectionsOf(c.sections);
      if (sections.some((s) => s.length > 60)) errs.push({ field: 'sections', message: 'En avdelning får heta högst 60 tecken.' });
      if (new Set(sections.map((s) => s.toLowerCase())).size !== sections.length) errs.push({ field: 'sections', message: 'Två avdelningar har samma namn.' });
      if (errs.length || !kind) return { result: { line: row.line, ok: false, errors: errs } };
      return { result: { line: row.line, ok: true, errors: [] }, org: { line: row.line, name, kind, parent: c.parent ?? null, team: c.team ?? null, sections } };
    });
  }

  return async function importOrganisations(actor: Actor, districtId: string, text: string, dryRun: boolean): Promise<ImportResult> {
    const scope = requireDistrictScope(actor, 'Bara administratörerna läser in verksamheter.');
    if (!inDistrictScope(scope, districtId)) throw errors.notFound('Stadsdelen finns inte.');
    const file = parseCsvTable(text, { columns: COLUMNS, required: ['name', 'kind'], maxRows: 2000, rowsAre: 'verksamheter', headerHelp: 'name, kind, parent, team, sections (eller namn, typ, enhet, team, avdelningar)' });
    if (!file.ok) throw errors.invalid(file.message, [{ field: 'file', message: file.message }]);
    if (file.rows.length === 0) throw errors.invalid('Filen har rubriker men inga verksamheter.', [{ field: 'file', message: 'Filen har rubriker men inga verksamheter.' }]);
    return transaction(async (tx) => {
      if (!(await tx.districtExists(districtId))) throw errors.notFound('Stadsdelen finns inte.');
      const existing = await tx.liveOrganisationsOf(districtId);
      const checked = check(file.rows, existing);
      const rows = checked.map((c) => c.result);
      if (dryRun || rows.some((r) => !r.ok)) return { rows, created: 0 };
      const now = clock.now();
      const ids = new Map(existing.map((o) => [o.name.toLowerCase(), o.id]));
      const facts = [];
      for (const o of checked.map((c) => c.org!).sort((a, b) => rank(a.kind) - rank(b.kind) || a.line - b.line)) {
        const org = await tx.createOrganisation({
          name: o.name,
          kind: o.kind,
          districtId,
          parentId: o.parent ? ids.get(o.parent.toLowerCase())! : null,
          servingTeamId: o.team ? ids.get(o.team.toLowerCase())! : null,
          sections: o.sections,
          at: now,
        });
        ids.set(o.name.toLowerCase(), org.id);
        facts.push(auditFacts(actor, { action: 'organisation.created', targetType: 'organisation', targetId: org.id, organisationIds: [org.id] }, now));
      }
      await tx.audit.append(facts);
      return { rows, created: checked.length };
    }).catch((err) => {
      if (sqlState(err).code === '23505') throw errors.invalid('En av verksamheterna lades upp medan filen lästes in. Inget sparades. Försök igen.');
      throw err;
    });
  };
}
