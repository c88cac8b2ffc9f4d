import { fail } from '@sveltejs/kit';
import { importResult } from '#contracts/imports.ts';
import { t } from '../i18n.ts';
import { sv, type MessageKey } from '../messages/sv.ts';
import { apiSendBytes } from './api.ts';

const FILE_MAX_BYTES = 2 * 1024 * 1024;

/** Excel saves "CSV UTF-8" or, in older versions, Windows-1252: both are read as they were meant. */
function textOf(bytes: ArrayBuffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

const columnName = (field: string) => (`import.field.${field}` in sv ? t(`import.field.${field}` as MessageKey) : field);

/** Sends the file's text to an import endpoint (`path` ends in dryRun=) and shapes the answer for the page. */
export async function sendCsv(fetch: typeof globalThis.fetch, path: string, csv: string, dryRun: boolean) {
  const res = await apiSendBytes(fetch, 'POST', `${path}${dryRun}`, new TextEncoder().encode(csv).buffer as ArrayBuffer, 'text/csv');
  if (!res.ok) return fail(res.problem.status, { errors: [{ field: 'file', message: res.problem.detail }] });
  const result = importResult.parse(res.data);
  const wrong = result.rows.filter((r) => !r.ok);
  return {
    checked: true,
    rows: result.rows.length,
    created: result.created,
    wrong: wrong.map((r) => ({ line: r.line, text: r.errors.map((e) => `${columnName(e.field)}: ${e.message}`).join(' ') })),
    // A clean dry run keeps the file's text, so "Läs in" sends exactly what was checked.
    csv: dryRun && wrong.length === 0 ? csv : null,
  };
}

/** The chosen file's text, or the form failure saying what is wrong with the choice. */
export async function chosenCsv(request: Request) {
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return { failure: fail(413, { errors: [{ field: 'file', message: t('import.tooLarge') }] }) };
  }
  const file = form.get('file');
  if (!(file instanceof File) || file.size === 0) return { failure: fail(400, { errors: [{ field: 'file', message: t('import.missing') }] }), form };
  if (file.size > FILE_MAX_BYTES) return { failure: fail(413, { errors: [{ field: 'file', message: t('import.tooLarge') }] }), form };
  return { text: textOf(await file.arrayBuffer()), form };
}
