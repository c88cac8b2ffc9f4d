import { error, fail } from '@sveltejs/kit';
import { t } from '#lib/i18n.ts';
import { chosenCsv, sendCsv } from '#lib/server/csv-import.ts';
import type { Actions, PageServerLoad } from './$types';

const PATH = '/api/admin/import?dryRun=';

export const load: PageServerLoad = ({ locals }) => {
  if (!locals.user!.memberships.some((m) => m.role === 'admin' || m.role === 'district_admin')) error(404, t('error.404'));
  return {};
};

export const actions: Actions = {
  check: async ({ request, fetch }) => {
    const chosen = await chosenCsv(request);
    if ('failure' in chosen) return chosen.failure;
    return sendCsv(fetch, PATH, chosen.text, true);
  },
  write: async ({ request, fetch }) => {
    const csv = String((await request.formData()).get('csv') ?? '');
    if (!csv) return fail(400, { errors: [{ field: 'file', message: t('import.missing') }] });
    return sendCsv(fetch, PATH, csv, false);
  },
};
