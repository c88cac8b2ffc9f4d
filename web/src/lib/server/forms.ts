import { fail } from '@sveltejs/kit';
import type { Problem } from '#contracts/errors.ts';

export type FieldErrors = { field: string; message: string }[];

/** Turns an API problem into a form failure: errors tied to fields, the input kept. */
export function failWith(problem: Problem, values: Record<string, string>, fallbackField: string, extra: Record<string, unknown> = {}) {
  const errors: FieldErrors = problem.fields?.length
    ? problem.fields.map((f) => ({ field: f.field.split('.')[0] || fallbackField, message: f.message }))
    : [{ field: fallbackField, message: problem.detail }];
  return fail(problem.status, { values, errors, ...extra });
}

/** The form's fields as strings (empty ones left out), for the API and for re-showing the form. */
export function formValues(form: FormData, names: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const n of names) {
    const v = String(form.get(n) ?? '').trim();
    if (v) out[n] = v;
  }
  return out;
}

/** Renames the API's field names to this form's input ids (several forms share a page). */
export function renameFields(problem: Problem, names: Record<string, string>): Problem {
  return { ...problem, fields: problem.fields?.map((f) => ({ ...f, field: names[f.field.split('.')[0]!] ?? f.field })) };
}

/** A number field as the API wants it: left empty, it is left out (the API says what is missing). */
export function optionalNumber(value: string | undefined): number | undefined {
  return value === undefined || value === '' ? undefined : Number(value);
}
