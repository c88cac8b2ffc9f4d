import { error } from '@sveltejs/kit';
import { figuresSchema } from '#contracts/figures.ts';
import { addDays, daysBetween, longDate, stockholmDate } from '#contracts/time.ts';
import { t } from '#lib/i18n.ts';
import { apiGetOrProblem } from '#lib/server/api.ts';
import type { PageServerLoad } from './$types';

const READERS: ReadonlySet<string> = new Set(['team_lead', 'social_worker', 'principal', 'district_admin', 'admin']);
const isDate = (v: string | null): v is string => v !== null && /^\d{4}-\d{2}-\d{2}$/.test(v);

/** A number as Swedes write it: decimal comma, a percent sign or a unit in words. */
function shown(value: number | string, unit: 'count' | 'percent' | 'days' | 'people') {
  if (typeof value === 'string') return t('figures.suppressed');
  const n = String(value).replace('.', ',');
  return unit === 'percent' ? `${n} %` : unit === 'days' ? t('figures.days', { n }) : n;
}

export const load: PageServerLoad = async ({ fetch, locals, url }) => {
  if (!locals.user!.memberships.some((m) => READERS.has(m.role))) error(404, t('error.404'));
  const today = stockholmDate(locals.now);
  // The last twelve months by default: the evaluation's figures need a year to mean anything.
  const to = isDate(url.searchParams.get('till')) ? url.searchParams.get('till')! : today;
  const from = isDate(url.searchParams.get('fran')) ? url.searchParams.get('fran')! : addDays(to, -364);
  const query = `from=${from}&to=${to}`;
  const res = await apiGetOrProblem(fetch, `/api/figures?${query}`, figuresSchema, [400, 404]);
  return {
    from,
    to,
    csv: `/api/figures.csv?${query}`,
    problem: res.ok ? null : res.problem.detail,
    period: res.ok ? t('figures.period', { from: longDate(from), to: longDate(to), days: daysBetween(from, to) + 1 }) : '',
    metrics: res.ok
      ? res.data.metrics.map((m) => ({
          key: m.key,
          label: m.label,
          value: shown(m.value, m.unit),
          pilot: m.reference ? shown(m.reference.pilot, m.unit) : '',
          ordinary: m.reference ? shown(m.reference.ordinary, m.unit) : '',
        }))
      : [],
  };
};
