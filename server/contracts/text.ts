import { findIdentifyingData, describeFindings } from './anonymity.ts';
import { z } from './zod.ts';

// PostgreSQL text cannot hold NUL and no person types control characters; refusing them at the
// boundary turns what would be a 500 into a plain 400.
export const controlChars = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** Marks a string in the OpenAPI document as guarded free text (see tests/integration/free-text). */
export const FREE_TEXT = 'x-free-text';

/** The params of a zod issue raised by the anonymity guard; the errors plugin answers 422. */
export type IdentifyingIssueParams = { identifying: ReturnType<typeof findIdentifyingData>[number]['kind'][] };

/** Half of a UTF-16 pair without its other half: no character at all, stored as U+FFFD. */
const loneSurrogate = /\p{Cs}/u;

/**
 * A string that is no free text about anyone (a person's own name, a search that is never kept)
 * still may not carry control characters: the anonymity guard is skipped, this rule is not.
 */
export const printable = (s: z.ZodString, message = 'Texten innehåller otillåtna tecken.') => s.refine((v) => !controlChars.test(v) && !loneSurrogate.test(v), { message });

function bounded(max: number, min: number) {
  return printable(
    z
      .string()
      .trim()
      .min(min, { message: min === 1 ? 'Fältet får inte vara tomt.' : `Skriv minst ${min} tecken.` })
      .max(max, { message: `Skriv högst ${max} tecken.` }),
  );
}

/**
 * Any text a person writes about their work: notes, labels, reasons, names of places and periods.
 * The only string type for free text in a request, so no field can skip the anonymity guard: a
 * text that looks like it holds a personnummer, samordningsnummer, e-mail address or phone
 * number is refused (422 identifying_data) before any service sees it.
 */
export function freeText(max: number, min = 1) {
  return bounded(max, min)
    .superRefine((s, ctx) => {
      const findings = findIdentifyingData(s);
      if (findings.length === 0) return;
      const params: IdentifyingIssueParams = { identifying: findings.map((f) => f.kind) };
      ctx.addIssue({ code: 'custom', message: describeFindings(findings), params });
    })
    .meta({ [FREE_TEXT]: true });
}

export const email = z
  .string()
  .trim()
  .max(254, { message: 'E-postadressen är för lång.' })
  .toLowerCase()
  .pipe(z.email({ message: 'Skriv en giltig e-postadress.' }))
  .meta({ format: 'email' });

export const uuid = z.uuid({ message: 'Ogiltigt id.' });
