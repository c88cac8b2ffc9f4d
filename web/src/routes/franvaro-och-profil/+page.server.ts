import { error, fail } from '@sveltejs/kit';
import { z } from '#contracts/zod.ts';
import { formatDate } from '#lib/server/format.ts';
import { absenceAddedSchema, absenceSchema, profileSchema } from '#contracts/team.ts';
import { t } from '#lib/i18n.ts';
import { apiGet, apiSend, apiSendBytes } from '#lib/server/api.ts';
import { failWith, formValues } from '#lib/server/forms.ts';
import { teamOf } from '#lib/server/team.ts';
import type { Actions, PageServerLoad } from './$types';

const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'];
const PHOTO_MAX_BYTES = 8 * 1024 * 1024;
const photoError = (status: number, message: string) => fail(status, { values: {}, errors: [{ field: 'photo', message }] });

export const load: PageServerLoad = async ({ fetch, locals }) => {
  if (!teamOf(locals.user)) error(404, t('error.404'));
  const [profile, absences] = await Promise.all([
    apiGet(fetch, '/api/me/profile', profileSchema),
    apiGet(fetch, '/api/me/absences', z.array(absenceSchema)),
  ]);
  return { profile, absences: absences.map((a) => ({ ...a, period: t('absence.period', { from: formatDate(a.startsOn), until: formatDate(a.endsOn) }) })) };
};

export const actions: Actions = {
  profile: async ({ request, fetch }) => {
    const values = formValues(await request.formData(), ['title', 'phone']);
    const res = await apiSend(fetch, 'PUT', '/api/me/profile', values);
    if (!res.ok) return failWith(res.problem, values, 'title');
    return { saved: t('form.saved') };
  },
  addAbsence: async ({ request, fetch }) => {
    const values = formValues(await request.formData(), ['startsOn', 'endsOn', 'reason']);
    const res = await apiSend(fetch, 'POST', '/api/me/absences', values);
    if (!res.ok) return failWith(res.problem, values, 'startsOn');
    const { dutyDays } = absenceAddedSchema.parse(res.data);
    return { saved: dutyDays.length ? t('absence.addedDuty', { days: dutyDays.map(formatDate).join(', ') }) : t('absence.added') };
  },
  /** The chosen file's own bytes go to the API with their type; the API crops it and strips its metadata. */
  photo: async ({ request, fetch }) => {
    let form: FormData;
    try {
      form = await request.formData();
    } catch {
      // The body was larger than the web server accepts (adapter-node's BODY_SIZE_LIMIT).
      return photoError(413, t('photo.tooLargeToSend'));
    }
    const file = form.get('photo');
    if (!(file instanceof File) || file.size === 0) return photoError(400, t('photo.missing'));
    if (!PHOTO_TYPES.includes(file.type)) return photoError(400, t('photo.wrongType'));
    if (file.size > PHOTO_MAX_BYTES) return photoError(413, t('photo.tooLarge'));
    const res = await apiSendBytes(fetch, 'PUT', '/api/me/photo', await file.arrayBuffer(), file.type);
    if (!res.ok) return failWith(res.problem, {}, 'photo');
    return { saved: t('photo.saved') };
  },
  removePhoto: async ({ fetch }) => {
    const res = await apiSend(fetch, 'DELETE', '/api/me/photo');
    if (!res.ok) return failWith(res.problem, {}, 'photo');
    return { saved: t('photo.removed') };
  },
  removeAbsence: async ({ request, fetch }) => {
    const id = String((await request.formData()).get('id') ?? '');
    const res = await apiSend(fetch, 'DELETE', `/api/me/absences/${encodeURIComponent(id)}`);
    if (!res.ok) return failWith(res.problem, {}, 'startsOn');
    return { saved: t('absence.removed') };
  },
};
