import { phone as phoneSchema } from '../../contracts/team.ts';
import { email as emailSchema } from '../../contracts/text.ts';
import { requireDistrictScope, type Actor } from '../../lib/access.ts';
import type { Clock } from '../../lib/clock.ts';
import { errors, sqlState, type FieldError } from '../../lib/errors.ts';
import { unknowablePassword, type PasswordHasher } from '../../lib/passwords.ts';
import type { AccountsService } from '../accounts/accounts.service.ts';
import { auditFacts } from '../audit/audit.models.ts';
import { looksLikeFormula, parseStaffCsv, roleOf, type Column, type CsvRow } from './people.csv.ts';
import { kindsOfRole, roleNames } from './people.models.ts';
import type { PeopleRepository } from './people.repository.ts';

export type ImportRow = { line: number; ok: boolean; errors: FieldError[] };
export type ImportResult = { rows: ImportRow[]; created: number };

type Deps = {
  transaction: <T>(work: (tx: PeopleRepository) => Promise<T>) => Promise<T>;
  accounts: Pick<AccountsService, 'sendLink'>;
  clock: Clock;
  hasher: PasswordHasher;
};

type Valid = { name: string; email: string; phone: string | null; organisationId: string; role: Exclude<ReturnType<typeof roleOf>, undefined>; sectionId: string | null };

/**
 * A staff list from a CSV file: every row is checked first and answered with its errors; nothing
 * is written while any row is wrong, or on a dry run. Then one transaction writes everyone and
 * their invitations, or nobody.
 */
export function createPeopleImport({ transaction, accounts, clock, hasher }: Deps) {
  async function check(tx: PeopleRepository, rows: CsvRow[], districtIds: string[] | null) {
    const orgNames = [...new Set(rows.flatMap((r) => (r.cells.organisation ? [r.cells.organisation.toLowerCase()] : [])))];
    const orgs = await tx.organisationsByNames(orgNames, districtIds);
    const sections = await tx.sectionsOf(orgs.map((o) => o.id));
    const emails = rows.flatMap((r) => {
      const e = emailSchema.safeParse(r.cells.email ?? '');
      return e.success ? [e.data] : [];
    });
    const taken = new Set(await tx.takenEmails(emails));
    const seen = new Map<string, number>();

    return rows.map((row): { result: ImportRow; person?: Valid } => {
      const errs: FieldError[] = [];
      const c = row.cells;
      for (const [column, value] of Object.entries(c) as [Column, string][]) {
        if (looksLikeFormula(value, column)) errs.push({ field: column, message: 'Cellen börjar som en formel i Excel (med = + - eller @). Skriv bara texten.' });
      }
      if (errs.length) return { result: { line: row.line, ok: false, errors: errs } };

      const name = c.name ?? '';
      if (name.length < 2 || name.length > 120) errs.push({ field: 'name', message: name ? 'Namnet får vara högst 120 tecken.' : 'Namn saknas.' });
      const email = emailSchema.safeParse(c.email ?? '');
      if (!email.success) errs.push({ field: 'email', message: c.email ? `"${c.email.slice(0, 60)}" är ingen giltig e-postadress.` : 'E-postadress saknas.' });
      else if (taken.has(email.data)) errs.push({ field: 'email', message: `${email.data} har redan ett konto.` });
      else if (seen.has(email.data)) errs.push({ field: 'email', message: `${email.data} finns redan på rad ${seen.get(email.data)}.` });
      else seen.set(email.data, row.line);
      const role = roleOf(c.role ?? '');
      if (!role) errs.push({ field: 'role', message: c.role ? `Okänd roll "${c.role.slice(0, 40)}". Skriv pedagog, rektor, elevhälsa, polis, socialsekreterare eller enhetschef.` : 'Roll saknas.' });
      const matching = orgs.filter((o) => o.name.toLowerCase() === (c.organisation ?? '').toLowerCase());
      const org = matching.length === 1 ? matching[0] : undefined;
      if (!c.organisation) errs.push({ field: 'organisation', message: 'Verksamhet saknas.' });
      else if (matching.length > 1) errs.push({ field: 'organisation', message: `Flera verksamheter heter "${c.organisation}". Lägg upp personen på sidan Personer i stället.` });
      else if (!org) errs.push({ field: 'organisation', message: `Det finns ingen verksamhet som heter "${c.organisation.slice(0, 80)}".` });
      else if (role && !kindsOfRole[role].includes(org.kind)) errs.push({ field: 'role', message: `${org.name} har ingen ${roleNames[role]}.` });
      const section = org && c.section ? sections.find((s) => s.organisationId === org.id && s.name.toLowerCase() === c.section!.toLowerCase()) : undefined;
      if (org && c.section && !section) errs.push({ field: 'section', message: `${org.name} har ingen avdelning som heter "${c.section.slice(0, 60)}".` });
      const phone = c.phone ? phoneSchema.safeParse(c.phone) : null;
      if (phone && !phone.success) errs.push({ field: 'phone', message: phone.error.issues[0]!.message });

      if (errs.length || !email.success || !role || !org) return { result: { line: row.line, ok: false, errors: errs } };
      return { result: { line: row.line, ok: true, errors: [] }, person: { name, email: email.data, phone: phone?.success ? phone.data : null, organisationId: org.id, role, sectionId: section?.id ?? null } };
    });
  }

  return async function importStaff(actor: Actor, text: string, dryRun: boolean): Promise<ImportResult> {
    // A district's administrator reads in staff of their district: other organisations do not exist for them.
    const scope = requireDistrictScope(actor, 'Bara administratörerna läser in personallistor.');
    const file = parseStaffCsv(text);
    if (!file.ok) throw errors.invalid(file.message, [{ field: 'file', message: file.message }]);
    if (file.rows.length === 0) throw errors.invalid('Filen har rubriker men inga personer.', [{ field: 'file', message: 'Filen har rubriker men inga personer.' }]);
    // Nobody knows this password; the invitation replaces it. One hash for the whole file.
    const unknowable = dryRun ? '' : await unknowablePassword(hasher);
    return transaction(async (tx) => {
      const checked = await check(tx, file.rows, scope === 'all' ? null : scope);
      const rows = checked.map((c) => c.result);
      if (dryRun || rows.some((r) => !r.ok)) return { rows, created: 0 };
      const now = clock.now();
      const facts = [];
      for (const { person } of checked) {
        const p = person!;
        const user = await tx.create({ name: p.name, email: p.email, phone: p.phone, title: null, passwordHash: unknowable, memberships: [{ organisationId: p.organisationId, role: p.role, sectionId: p.sectionId }] });
        await accounts.sendLink(tx.accounts, 'invitation', user, actor.name);
        facts.push(auditFacts(actor, { action: 'person.created', targetType: 'user', targetId: user.id, organisationIds: [p.organisationId] }, now));
      }
      await tx.audit.append(facts);
      return { rows, created: checked.length };
    }).catch((err) => {
      // Someone added one of the addresses while the file was written: nothing was, try again.
      if (sqlState(err).code === '23505') throw errors.invalid('En av adresserna fick ett konto medan filen lästes in. Inget sparades. Försök igen.');
      throw err;
    });
  };
}
