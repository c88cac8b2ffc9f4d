import { error, fail, isActionFailure } from '@sveltejs/kit';
import { districtSchema } from '#contracts/organisations.ts';
import { z } from '#contracts/zod.ts';
import { t } from '#lib/i18n.ts';
import { apiGet } from '#lib/server/api.ts';
import { chosenCsv, sendCsv } from '#lib/server/csv-import.ts';
import type { Actions, PageServerLoad } from './$types';

const pathFor = (districtId: string) => `/api/admin/import/organisations?districtId=${encodeURIComponent(districtId)}&dryRun=`;

export const load: PageServerLoad = async ({ locals, fetch }) => {
  if (!locals.user!.memberships.some((m) => m.role === 'admin' || m.role === 'district_admin')) error(404, t('error.404'));
  // The districts the actor administers: all, or their own.
  return { districts: await apiGet(fetch, '/api/admin/districts', z.array(districtSchema)) };
};

const noDistrict = () => fail(400, { errors: [{ field: 'districtId', message: t('importOrgs.missingDistrict') }] });

export const actions: Actions = {
  check: async ({ request, fetch }) => {
    const chosen = await chosenCsv(request);
    const districtId = String(chosen.form?.get('districtId') ?? '');
    if (!districtId) return noDistrict();
    if ('failure' in chosen) return chosen.failure;
    const result = await sendCsv(fetch, pathFor(districtId), chosen.text, true);
    // The district goes with the checked file, so the file is written where it was checked.
    return isActionFailure(result) ? result : { ...result, districtId };
  },
  write: async ({ request, fetch }) => {
    const form = await request.formData();
    const csv = String(form.get('csv') ?? '');
    const districtId = String(form.get('districtId') ?? '');
    if (!districtId) return noDistrict();
    if (!csv) return fail(400, { errors: [{ field: 'file', message: t('import.missing') }] });
    return sendCsv(fetch, pathFor(districtId), csv, false);
  },
};
