import { error, fail } from '@sveltejs/kit';
import { z } from '#contracts/zod.ts';
import { t } from '#lib/i18n.ts';
import { apiSendBytes } from '#lib/server/api.ts';
import type { Actions, PageServerLoad } from './$types';

const resultSchema = z.object({ rows: z.array(z.object({ line: z.number(), ok: z.boolean(), errors: z.array(z.object({ field: z.string(), message: z.string() })) })), created: z.number() });
const FILE_MAX_BYTES = 2 * 1024 * 1024;

export const load: PageServerLoad = ({ locals }) => {
  if (!locals.user!.memberships.some((m) => m.role === 'admin' || m.role === 'district_admin')) error(404, t('error.404'));
  return {};
};

/** Excel saves "CSV UTF-8" or, in older versions, Windows-1252: both are read as they were meant. */
function textOf(bytes: ArrayBuffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

async function send(fetch: typeof globalThis.fetch, csv: string, dryRun: boolean) {
  const res = await apiSendBytes(fetch, 'POST', `/api/admin/import?dryRun=${dryRun}`, new TextEncoder().encode(csv).buffer as ArrayBuffer, 'text/csv');
  if (!res.ok) return fail(res.problem.status, { errors: [{ field: 'file', message: res.problem.detail }] });
  const result = resultSchema.parse(res.data);
  const wrong = result.rows.filter((r) => !r.ok);
  return {
    checked: true,
    rows: result.rows.length,
    created: result.created,
    wrong: wrong.map((r) => ({ line: r.line, text: r.errors.map((e) => `${t(`import.field.${e.field as 'name'}`)}: ${e.message}`).join(' ') })),
    // A clean dry run keeps the file's text, so "Läs in" sends exactly what was checked.
    csv: dryRun && wrong.length === 0 ? csv : null,
  };
}

export const actions: Actions = {
  check: async ({ request, fetch }) => {
    let form: FormData;
    try {
      form = await request.formData();
    } catch {
      return fail(413, { errors: [{ field: 'file', message: t('import.tooLarge') }] });
    }
    const file = form.get('file');
    if (!(file instanceof File) || file.size === 0) return fail(400, { errors: [{ field: 'file', message: t('import.missing') }] });
    if (file.size > FILE_MAX_BYTES) return fail(413, { errors: [{ field: 'file', message: t('import.tooLarge') }] });
    return send(fetch, textOf(await file.arrayBuffer()), true);
  },
  write: async ({ request, fetch }) => {
    const csv = String((await request.formData()).get('csv') ?? '');
    if (!csv) return fail(400, { errors: [{ field: 'file', message: t('import.missing') }] });
    return send(fetch, csv, false);
  },
};
